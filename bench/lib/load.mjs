// Runs one load measurement with wrk (preferred) or the Node fallback, pinned to the load
// generator's CPUs, and returns its numbers plus the CPU ticks the generator used (read
// from the wrapping shell's cutime/cstime, which count only its waited-for children).
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { HAS_TASKSET } from './processes.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));

export function loadCommand(driver, { url, payloadFile, contentType, headers = {}, connections, durationS, maxRequests }) {
  if (driver === 'wrk') {
    return {
      argv: ['wrk', "-t1", `-c${connections}`, `-d${durationS}s`, '--timeout', '10s', '-s', path.join(here, 'wrk-post.lua'), url],
      env: { PAYLOAD: payloadFile, CONTENT_TYPE: contentType, EXTRA_HEADERS: Object.entries(headers).map(([k, v]) => `${k}: ${v}`).join('\n') },
    };
  }
  return {
    argv: [process.execPath, path.join(here, 'node-load.mjs'), '--url', url, '--payload', payloadFile, '--content-type', contentType, '--headers', JSON.stringify(headers), '--connections', String(connections), '--duration', String(durationS), '--max-requests', String(maxRequests ?? 2_000_000)],
    env: {},
  };
}

/** Resolves with { result, loadgenTicks } or rejects when the generator printed no result. */
export function runLoad(driver, options, { cpus } = {}) {
  const { argv, env } = loadCommand(driver, options);
  const pinned = cpus !== undefined && HAS_TASKSET ? ['taskset', '-c', String(cpus), ...argv] : argv;
  const script = '"$@"; rc=$?; echo "CHILD_TICKS $(awk \'{print $16+$17}\' /proc/$$/stat)"; exit $rc';
  return new Promise((resolve, reject) => {
    execFile('sh', ['-c', script, 'load', ...pinned], { env: { ...process.env, ...env }, maxBuffer: 16 * 1024 * 1024, timeout: (options.durationS + 60) * 1000 }, (err, stdout, stderr) => {
      const line = /^RESULT_JSON (.*)$/m.exec(stdout);
      const ticks = /^CHILD_TICKS (\d+)/m.exec(stdout);
      if (!line) return reject(new Error(`${argv[0]} printed no result: ${err?.message ?? ''} ${stderr.slice(-500)}`));
      resolve({ result: JSON.parse(line[1]), loadgenTicks: ticks ? Number(ticks[1]) : 0, raw: stdout });
    });
  });
}

export function errorCount(r) {
  return r.err_connect + r.err_read + r.err_write + r.err_status + r.err_timeout;
}
