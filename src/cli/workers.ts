/**
 * `mediate run --workers N`: N processes behind one port (node:cluster,
 * round-robin), each a full runtime (its own engine, pools and --watch).
 *
 * The primary serves nothing: it forks the workers with the same command
 * line, prints the usual ready line once every worker listens, replaces a
 * worker that dies while serving, and on SIGINT/SIGTERM asks every worker to
 * stop gracefully (in-flight requests finish) and exits when all have.
 * Each worker sees its number (1..N) in the environment as MEDIATE_WORKER,
 * readable in artifacts with get-property('env', 'MEDIATE_WORKER').
 */
import cluster, { type Worker } from 'node:cluster';

/** What a worker tells the primary once it listens. */
interface ReadyMessage {
  mediate: 'ready';
  port: number;
  deployed: number;
  failed: number;
}

function isMediateWorker(): boolean {
  return cluster.isWorker && process.env.MEDIATE_WORKER !== undefined;
}

/** True in a worker other than the first: it leaves the start-up report (diagnostics) to worker 1. */
export function isSecondaryWorker(): boolean {
  return isMediateWorker() && process.env.MEDIATE_WORKER !== '1';
}

/** The ready line, printed by a single process, or reported to the primary from a worker. */
export function announceReady(port: number, deployed: number, failed: number): void {
  if (isMediateWorker()) {
    const message: ReadyMessage = { mediate: 'ready', port, deployed, failed };
    process.send?.(message);
    return;
  }
  process.stdout.write(readyLine(port, deployed, failed));
}

function readyLine(port: number, deployed: number, failed: number): string {
  return `Mediate runtime ready on http://localhost:${port} (${deployed} artifacts deployed, ${failed} failed)\n`;
}

/**
 * Runs `serveOne` in this process, or, with more than one worker asked for,
 * becomes the primary of that many workers (which run `serveOne` themselves).
 * Resolves to the exit code.
 */
export async function runClustered(workersOption: string | undefined, serveOne: () => Promise<number>, refuse?: () => string | undefined): Promise<number> {
  if (isMediateWorker()) {
    const code = await serveOne();
    // The IPC channel to the primary would keep a stopped worker alive.
    if (cluster.worker?.isConnected()) cluster.worker.disconnect();
    return code;
  }
  const count = workersOption === undefined ? 1 : Number(workersOption);
  if (!Number.isInteger(count) || count < 1) {
    process.stderr.write('error: --workers must be a whole number of at least 1\n');
    return 2;
  }
  if (count === 1) return serveOne();
  const refusal = refuse?.();
  if (refusal) {
    process.stderr.write(`error: ${refusal}\n`);
    return 2;
  }
  return runPrimary(count);
}

function runPrimary(count: number): Promise<number> {
  cluster.schedulingPolicy = cluster.SCHED_RR;
  return new Promise((resolve) => {
    const byWorker = new Map<Worker, number>(); // worker -> its number
    const ready = new Map<number, ReadyMessage>();
    let announced = false;
    let stopping = false;
    let exitCode = 0;

    const finishIfAllGone = () => {
      if (byWorker.size === 0) resolve(exitCode);
    };
    const stopAll = () => {
      stopping = true;
      for (const w of byWorker.keys()) if (!w.isDead()) w.process.kill('SIGTERM');
      finishIfAllGone();
    };
    const fork = (index: number) => {
      const worker = cluster.fork({ MEDIATE_WORKER: String(index) });
      byWorker.set(worker, index);
      worker.on('message', (m: Partial<ReadyMessage>) => {
        if (m?.mediate !== 'ready' || announced) return;
        ready.set(index, m as ReadyMessage);
        if (ready.size === count) {
          announced = true;
          const first = ready.get(1)!;
          process.stdout.write(readyLine(first.port, first.deployed, first.failed));
        }
      });
      worker.on('exit', (code, signal) => {
        byWorker.delete(worker);
        if (stopping) {
          if (code !== 0) exitCode = 1;
          finishIfAllGone();
          return;
        }
        if (!announced) {
          // A worker that cannot start (port in use, unreadable project) stops the whole runtime.
          exitCode = code && code > 0 ? code : 1;
          stopAll();
          return;
        }
        process.stderr.write(`worker ${index} (pid ${worker.process.pid}) exited (${signal ?? `code ${code}`}); starting a new one\n`);
        fork(index);
      });
    };
    for (let i = 1; i <= count; i++) fork(i);
    process.once('SIGINT', stopAll);
    process.once('SIGTERM', stopAll);
  });
}
