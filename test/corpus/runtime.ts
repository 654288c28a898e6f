/**
 * Runs one corpus case for real: starts the stand-in backends, writes the
 * (fixed) artifacts into a temporary plain project, serves it with
 * startRuntimeHost on a free port, and talks to it over HTTP.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import http from 'node:http';
import net from 'node:net';
import { fileURLToPath } from 'node:url';
import { startRuntimeHost, MemoryLogger, type RuntimeHost, type LogRecord } from '../../engine/index.js';
import type { BackendSpec, CorpusCase } from './case.js';
import { axis2PathsFront } from './axis2-paths.js';
// @ts-expect-error plain ESM JavaScript module without type declarations
import * as stockQuote from '../backends/stock-quote.mjs';
// @ts-expect-error plain ESM JavaScript module without type declarations
import * as hospital from '../backends/hospital.mjs';
// @ts-expect-error plain ESM JavaScript module without type declarations
import * as recording from '../backends/recording.mjs';
// @ts-expect-error plain ESM JavaScript module without type declarations
import * as echo from '../backends/echo.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = path.resolve(here, '../..');
export const CORPUS = path.resolve(REPO_ROOT, '../shared/corpus');

/** A running stand-in backend; the extra members depend on its kind (hits, orders, requests, logs...). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Backend = { url: string; port: number; close(): Promise<void> } & Record<string, any>;

const starters: Record<BackendSpec['kind'], { start(o: Record<string, unknown>): Promise<Backend> }> = {
  // Behind a front that dispatches extra path segments the way Axis2 does (see axis2-paths.ts).
  'stock-quote': { start: async (o) => axis2PathsFront(await stockQuote.start(o)) },
  hospital,
  recording,
  echo,
};

export interface HttpReply {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  json(): unknown;
  contentType: string;
}

export interface RequestOptions {
  headers?: Record<string, string>;
  body?: string;
  /** Give up after this many ms (default 15 s). */
  timeoutMs?: number;
}

export interface CaseRun {
  readonly host: RuntimeHost;
  readonly port: number;
  /** Deployment outcome of the case's files (by file name). */
  readonly deployedFiles: string[];
  readonly refused: { file: string; messages: string[] }[];
  backend(name: string): Backend;
  backendUrl(name: string): string;
  /** The runtime's own base URL (for artifacts that call back into the same server, like MI's 8290). */
  selfUrl: string;
  request(method: string, urlPath: string, options?: RequestOptions): Promise<HttpReply>;
  /** Log lines as MI prints them, without the timestamp: `INFO {LogMediator} - {api:X} message`. */
  logs(): string[];
  records(): LogRecord[];
  /** Waits until a log line matches (mediation may log after the response). */
  waitForLog(pattern: RegExp, timeoutMs?: number): Promise<string>;
  /** The text of a file of the case folder. */
  corpusFile(name: string): string;
}

export interface StartedCase extends CaseRun {
  close(): Promise<void>;
}

export function corpusDir(c: CorpusCase): string {
  return path.join(CORPUS, c.id);
}

export async function startCase(c: CorpusCase): Promise<StartedCase> {
  const backends = new Map<string, Backend>();
  const project = fs.mkdtempSync(path.join(os.tmpdir(), `corpus-${c.id.replace(/\W+/g, '-')}-`));
  let host: RuntimeHost | undefined;
  const logger = new MemoryLogger();
  const dir = corpusDir(c);
  try {
    for (const [name, spec] of Object.entries(c.backends ?? {})) backends.set(name, await starters[spec.kind].start({ ...(spec.options ?? {}), port: 0 }));
    // The runtime's port is chosen up front so artifacts that call back into the server can name it.
    const selfPort = await freePort();
    // The run view exists before deployment so edits can ask for backend URLs.
    const view: Partial<CaseRun> = {
      selfUrl: `http://127.0.0.1:${selfPort}`,
      backend(name) {
        const b = backends.get(name);
        if (!b) throw new Error(`${c.id}: no backend named ${name}`);
        return b;
      },
      backendUrl(name) {
        return view.backend!(name).url.replace(/\/$/, '');
      },
      corpusFile: (name) => fs.readFileSync(path.join(dir, name), 'utf8'),
    };
    const written: string[] = [];
    for (const a of c.artifacts) {
      const target = 'file' in a ? (a.as ?? a.file) : a.name;
      let text = 'file' in a ? view.corpusFile!(a.file) : a.text(view as CaseRun);
      if ('file' in a) for (const edit of a.edits ?? []) text = edit(text, view as CaseRun);
      fs.writeFileSync(path.join(project, target), text);
      written.push(target);
    }
    for (const [rel, src] of Object.entries(c.registry ?? {})) {
      const target = path.join(project, 'registry', rel);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.copyFileSync(path.join(dir, src), target);
    }
    host = await startRuntimeHost({ sources: [project], port: selfPort, host: '127.0.0.1', logger, env: {} });
    const h = host;
    const lines = () => logger.records.map(formatLine);
    const run: StartedCase = {
      ...(view as CaseRun),
      host: h,
      port: h.port,
      deployedFiles: h.initial.deployed.map((d) => path.basename(d.file)),
      refused: h.initial.failed.map((f) => ({ file: path.basename(f.file), messages: f.diagnostics.map((d) => `${d.code ?? ''} ${d.message}`) })),
      request: (method, urlPath, options) => httpRequest(h.port, method, urlPath, options),
      logs: lines,
      records: () => logger.records,
      async waitForLog(pattern, timeoutMs = 5000) {
        const until = Date.now() + timeoutMs;
        for (;;) {
          const hit = lines().find((l) => pattern.test(l));
          if (hit) return hit;
          if (Date.now() > until) throw new Error(`no log line matches ${pattern}; lines:\n${lines().join('\n')}`);
          await new Promise((r) => setTimeout(r, 20));
        }
      },
      async close() {
        await h.close();
        await Promise.all([...backends.values()].map((b) => b.close()));
        fs.rmSync(project, { recursive: true, force: true });
      },
    };
    return run;
  } catch (e) {
    await host?.close();
    await Promise.all([...backends.values()].map((b) => b.close()));
    fs.rmSync(project, { recursive: true, force: true });
    throw e;
  }
}

function formatLine(r: LogRecord): string {
  const component = typeof r.fields.component === 'string' ? r.fields.component : 'Mediate';
  const artifact = typeof r.fields.artifact === 'string' ? ` {${r.fields.artifact}}` : '';
  return `${r.level.toUpperCase()} {${component}} -${artifact} ${r.message}`;
}

/** node:http rather than fetch: the docs send GET with a body and headers fetch forbids. */
export function httpRequest(port: number, method: string, urlPath: string, options: RequestOptions = {}): Promise<HttpReply> {
  return new Promise((resolve, reject) => {
    const body = options.body === undefined ? undefined : Buffer.from(options.body, 'utf8');
    const headers: Record<string, string | number> = { ...(options.headers ?? {}) };
    if (body && !Object.keys(headers).some((k) => k.toLowerCase() === 'content-length')) headers['Content-Length'] = body.length;
    const req = http.request({ host: '127.0.0.1', port, method, path: urlPath, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          text,
          contentType: String(res.headers['content-type'] ?? ''),
          json: () => JSON.parse(text),
        });
      });
      res.on('error', reject);
    });
    req.setTimeout(options.timeoutMs ?? 15000, () => req.destroy(new Error(`${method} ${urlPath}: no response within ${options.timeoutMs ?? 15000} ms`)));
    req.on('error', reject);
    req.end(body);
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
