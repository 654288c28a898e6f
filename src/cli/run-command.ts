/** `mediate run`: serve projects (folders or CARs) on the embedded runtime. */
import type { Command } from 'commander';
import { announceReady, isSecondaryWorker, runClustered } from './workers.js';
import { attachMessagingControl } from '../../engine/index.js';
import { startRuntimeHost, attachRuntimeControl, createMiLogger, formatDiagnostic, createDebugSession, DEFAULT_MAX_BODY_BYTES, DEFAULT_COMMAND_PORT, DEFAULT_EVENT_PORT, type LogLevel, type DebugSession } from '../../engine/index.js';

interface RunOptions {
  port: string;
  host?: string;
  watch?: boolean;
  logLevel: string;
  logFormat: string;
  maxBodySize: string;
  debug?: boolean;
  commandPort: string;
  eventPort: string;
  debugWait?: boolean;
  workers?: string;
}

const LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'];

export function registerRun(program: Command): void {
  program
    .command('run')
    .description('deploy projects (MI VS Code, Integration Studio or plain folders) or CAR files and serve them over HTTP')
    .argument('[sources...]', 'project folders or .car files', ['.'])
    .option('-p, --port <port>', 'HTTP port', '8290')
    .option('--host <host>', 'interface to listen on (default: all)')
    .option('-w, --watch', 'redeploy an artifact when its file is saved')
    .option('--log-level <level>', `one of ${LEVELS.join(', ')}`, 'info')
    .option('--log-format <format>', 'mi (MI-style lines) or json', 'mi')
    .option('--max-body-size <bytes>', 'largest request/response body a mediator may read; larger ones get 413', String(DEFAULT_MAX_BODY_BYTES))
    .option('--debug', "open MI's mediation debugger ports (command and event, on 127.0.0.1)")
    .option('--command-port <port>', 'debugger command port (with --debug)', String(DEFAULT_COMMAND_PORT))
    .option('--event-port <port>', 'debugger event port (with --debug)', String(DEFAULT_EVENT_PORT))
    .option('--debug-wait', 'with --debug: deploy only once a debugger client has connected (as MI does), or after 60 s')
    .option('--workers <n>', 'serve with N processes behind the one port (round-robin), each a full runtime', '1')
    .action(async (sources: string[], options: RunOptions) => {
      const refuse = () => (options.debug || options.debugWait ? '--debug cannot be combined with --workers above 1' : undefined);
      process.exitCode = await runClustered(options.workers, () => run(sources, options), refuse);
    });
}

async function run(sources: string[], options: RunOptions): Promise<number> {
  const level = options.logLevel.toLowerCase();
  if (!LEVELS.includes(level)) {
    process.stderr.write(`error: --log-level must be one of ${LEVELS.join(', ')}\n`);
    return 2;
  }
  const logger = createMiLogger({ level: level as LogLevel, format: options.logFormat === 'json' ? 'json' : 'mi' });
  let host;
  let debug: DebugSession | undefined;
  try {
    if (options.debug || options.debugWait) debug = await createDebugSession({ commandPort: Number(options.commandPort), eventPort: Number(options.eventPort), wait: options.debugWait, logger });
    host = await startRuntimeHost({ sources, port: Number(options.port), host: options.host, watch: options.watch, logger, maxBodyBytes: Number(options.maxBodySize), debug });
  } catch (e) {
    await debug?.close();
    process.stderr.write(`error: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
  if (!isSecondaryWorker()) for (const f of host.initial.failed) for (const d of f.diagnostics) process.stderr.write(formatDiagnostic(d) + '\n');
  if (!isSecondaryWorker()) for (const w of host.initial.warnings) process.stderr.write(formatDiagnostic(w) + '\n');
  const deployed = host.initial.deployed.length;
  const failed = host.initial.failed.length;
  announceReady(host.port, deployed, failed);
  // Forked by the studio: report inbound endpoints and tasks and take its run-now / Try-it requests.
  if (process.send && !isSecondaryWorker()) attachRuntimeControl(host.active, { send: (m) => process.send?.(m), on: (e, l) => process.on(e, l) });
  // ... and its store browser / processor toggle requests.
  if (process.send && !isSecondaryWorker()) attachMessagingControl(host.messaging, { send: (m) => process.send?.(m), on: (e, l) => process.on(e, l) });
  await new Promise<void>((resolve) => {
    let stopping = false;
    const stop = (signal: string) => {
      if (stopping) return;
      stopping = true;
      logger.log('info', `Received ${signal}; finishing in-flight requests`, { component: 'Mediate' });
      void host!.close().then(resolve);
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
  logger.log('info', 'Mediate runtime stopped', { component: 'Mediate' });
  if (process.connected) process.disconnect();
  return 0;
}
