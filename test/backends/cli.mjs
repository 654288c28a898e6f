#!/usr/bin/env node
// Runs one stand-in backend in the foreground until SIGINT/SIGTERM:
//   node test/backends/cli.mjs stockquote --port 9000 [--random]
//   node test/backends/cli.mjs hospital --port 9090
//   node test/backends/cli.mjs echo --port 9100
//   node test/backends/cli.mjs recording --port 8080 [--echo]
// Options: --port N (default per backend), --host H (default: every interface).
import { parseArgs } from 'node:util';

/** @type {Record<string, { module: string, defaultPort: number }>} */
const BACKENDS = {
  stockquote: { module: './stock-quote.mjs', defaultPort: 9000 },
  hospital: { module: './hospital.mjs', defaultPort: 9090 },
  echo: { module: './echo.mjs', defaultPort: 9100 },
  recording: { module: './recording.mjs', defaultPort: 8080 },
};
const ALIASES = { 'stock-quote': 'stockquote', axis2: 'stockquote', healthcare: 'hospital' };

const USAGE = `usage: node test/backends/cli.mjs <${Object.keys(BACKENDS).join('|')}> [--port N] [--host H] [--random] [--echo]`;

async function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      random: { type: 'boolean', default: false },
      echo: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const requested = positionals[0] ?? '';
  const name = /** @type {Record<string, string>} */ (ALIASES)[requested] ?? requested;
  const backend = BACKENDS[name];
  if (values.help || !backend) {
    process.stderr.write(`${USAGE}\n`);
    process.exitCode = values.help ? 0 : 2;
    return;
  }
  const port = values.port === undefined ? backend.defaultPort : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`invalid --port ${values.port}\n`);
    process.exitCode = 2;
    return;
  }
  const { start } = await import(backend.module);
  const running = await start({ port, host: values.host, random: values.random, echo: values.echo });
  process.stdout.write(`${name} backend listening on ${running.url}\n`);

  let stopping = false;
  const stop = async (/** @type {string} */ signal) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`${signal} received, stopping ${name} backend\n`);
    await running.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error) => {
  process.stderr.write(`${error?.stack ?? error}\n`);
  process.exit(1);
});
