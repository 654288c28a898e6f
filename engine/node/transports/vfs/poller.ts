/**
 * One poll of a VFS source: list, keep files whose whole name matches FileNamePattern, sort,
 * take FileProcessCount, and for each: lock (a `.lock` beside it; a file already locked is being
 * processed elsewhere and is skipped), read (FileSizeLimit; unreadable = failure), check that
 * XML and JSON content parses (malformed = failure, as MI's builder fails), inject, write the
 * reply file (proxies with ReplyFileURI), then MOVE/DELETE/NONE as ActionAfterProcess or
 * ActionAfterFailure says, with the reason of a failure logged. One bad file never stops the
 * others. The connection is opened per poll; a server that is down fails that poll (logged,
 * retried on the next). When the poll's signal aborts (the endpoint stops) it stops connecting
 * and takes no further file; a file already taken is carried through to its after-action, so
 * nothing is left half done. The outcome of a file is logged once its lock is gone, so what
 * the log says is what the folder shows.
 */
import os from 'node:os';
import type { Logger } from '../../../core/logger.js';
import type { InboundRequest } from '../../../runtime/engine.js';
import type { EngineResponse } from '../../../runtime/responses.js';
import { HeaderMap } from '../../../core/headers.js';
import { parseXmlStrict } from '../../../xml/dom.js';
import type { BodySource } from '../../../core/message.js';
import type { VfsClient, VfsEntry } from './client.js';
import { abortableDelay, connectVfs } from './connect.js';
import type { AfterAction, VfsPollSettings } from './settings.js';
import { baseName, dirName, joinPath, sameServer, type VfsUri } from './uri.js';
import { formatJavaDate } from './timestamp.js';

export type Inject = (req: InboundRequest) => Promise<EngineResponse>;

export interface PollStats {
  processed: number;
  failed: number;
  skipped: number;
}

const LOCK_SUFFIX = '.lock';

function contentTypeFor(s: VfsPollSettings, name: string): string {
  if (s.contentType) return s.contentType;
  return /\.xml$/i.test(name) ? 'text/xml' : 'text/plain';
}

function bytesBody(bytes: Uint8Array): BodySource {
  return { length: bytes.length, read: async () => bytes, completed: () => bytes };
}

/** Why parsing failed, when the content type says XML or JSON and the bytes are not. */
function malformed(contentType: string, bytes: Buffer): string | undefined {
  const base = contentType.split(';')[0]!.trim().toLowerCase();
  const text = () => bytes.toString('utf8');
  if (base === 'text/xml' || base === 'application/xml' || base === 'application/soap+xml' || base.endsWith('+xml')) {
    try {
      parseXmlStrict(text());
    } catch (e) {
      return e instanceof Error ? e.message : String(e);
    }
  }
  if (base === 'application/json' || base.endsWith('+json')) {
    try {
      JSON.parse(text());
    } catch (e) {
      return `malformed JSON: ${e instanceof Error ? e.message : String(e)}`;
    }
  }
  return undefined;
}

function sortEntries(s: VfsPollSettings, entries: VfsEntry[]): VfsEntry[] {
  const key = s.sortAttribute;
  if (key === 'none') return entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const cmp = (a: VfsEntry, b: VfsEntry) => (key === 'name' ? (a.name < b.name ? -1 : a.name > b.name ? 1 : 0) : key === 'size' ? a.size - b.size : a.mtime - b.mtime);
  return entries.sort((a, b) => (s.sortAscending ? cmp(a, b) : -cmp(a, b)));
}

export class VfsPoller {
  /** Files left in place (NONE) that were already processed: name -> mtime, so they are not taken again. */
  private readonly done = new Map<string, number>();

  constructor(
    private readonly s: VfsPollSettings,
    private readonly inject: Inject,
    private readonly logger: Logger,
  ) {}

  async poll(signal?: AbortSignal): Promise<PollStats> {
    const stats: PollStats = { processed: 0, failed: 0, skipped: 0 };
    const client = await connectVfs(this.s.fileUri, { maxRetries: this.s.maxRetries, reconnectMs: this.s.reconnectMs, identity: this.s.identity, logger: this.logger, who: this.s.who, signal });
    try {
      const root = this.s.fileUri.path;
      const top = await client.stat(root);
      let entries: VfsEntry[];
      if (top?.isFile) entries = [top];
      else {
        try {
          entries = await client.list(root);
        } catch (e) {
          throw new Error(`cannot list ${this.s.fileUri.display}: ${e instanceof Error ? e.message : String(e)}`);
        }
      }
      const names = new Set(entries.map((e) => e.name));
      let files = entries.filter((e) => e.isFile && !e.name.endsWith(LOCK_SUFFIX) && (!this.s.pattern || this.s.pattern.test(e.name)));
      files = files.filter((e) => this.done.get(e.path) !== e.mtime);
      files = sortEntries(this.s, files);
      if (this.s.processCount && this.s.processCount > 0) files = files.slice(0, this.s.processCount);
      const work: Promise<void>[] = [];
      for (const [i, f] of files.entries()) {
        if (i > 0 && this.s.processIntervalMs > 0) await abortableDelay(this.s.processIntervalMs, signal);
        if (signal?.aborted) break;
        if (this.s.locking && names.has(f.name + LOCK_SUFFIX)) {
          stats.skipped++;
          this.logger.log('warn', `${this.s.who}: ${f.name} is locked (${f.name}${LOCK_SUFFIX} exists): it is being processed elsewhere; skipped`, { component: 'VFSTransport' });
          continue;
        }
        const one = this.processFile(client, f, stats);
        if (this.s.sequential) await one;
        else work.push(one);
      }
      await Promise.all(work);
    } finally {
      await client.close().catch(() => {});
    }
    return stats;
  }

  private async processFile(client: VfsClient, f: VfsEntry, stats: PollStats): Promise<void> {
    const lockPath = f.path + LOCK_SUFFIX;
    if (this.s.locking) {
      let locked = false;
      try {
        locked = await client.createExclusive(lockPath, Buffer.from(`${os.hostname()}:${process.pid}:${Date.now()}`));
      } catch (e) {
        this.logger.log('warn', `${this.s.who}: cannot lock ${f.name}: ${e instanceof Error ? e.message : String(e)}; skipped`, { component: 'VFSTransport' });
      }
      if (!locked) {
        stats.skipped++;
        return;
      }
    }
    let failure: string | undefined;
    try {
      failure = await this.mediate(client, f);
    } catch (e) {
      failure = e instanceof Error ? e.message : String(e);
    }
    let outcome: string | undefined;
    try {
      if (failure === undefined) {
        stats.processed++;
        await this.after(client, f, this.s.afterProcess, this.s.moveAfterProcess, 'ActionAfterProcess');
      } else {
        stats.failed++;
        const where = await this.after(client, f, this.s.afterFailure, this.s.moveAfterFailure, 'ActionAfterFailure');
        outcome = `${this.s.who}: failed to process ${f.name}: ${failure}; ${where}`;
      }
    } catch (e) {
      outcome = `${this.s.who}: ${f.name} was processed but could not be moved or deleted: ${e instanceof Error ? e.message : String(e)}`;
    } finally {
      if (this.s.locking) await client.remove(lockPath).catch(() => {});
    }
    if (outcome) this.logger.log('error', outcome, { component: 'VFSTransport' });
  }

  /** Reads and injects one file; returns why it failed, or undefined. */
  private async mediate(client: VfsClient, f: VfsEntry): Promise<string | undefined> {
    if (this.s.sizeLimit >= 0 && f.size > this.s.sizeLimit) return `its size ${f.size} bytes exceeds transport.vfs.FileSizeLimit ${this.s.sizeLimit}`;
    const contentType = contentTypeFor(this.s, f.name);
    let body: BodySource;
    let opened: { destroy(): void } | undefined;
    if (this.s.streaming && this.s.fileUri.scheme === 'file') {
      let stream;
      try {
        stream = await client.readStream(f.path);
      } catch (e) {
        return `cannot read it: ${e instanceof Error ? e.message : String(e)}`;
      }
      opened = stream;
      body = streamedBody(stream, f.size);
    } else {
      let bytes: Buffer;
      try {
        bytes = await client.read(f.path);
      } catch (e) {
        return `cannot read it: ${e instanceof Error ? e.message : String(e)}`;
      }
      const bad = malformed(contentType, bytes);
      if (bad) return bad;
      body = bytesBody(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length));
    }
    const headers = new HeaderMap();
    headers.set('Content-Type', contentType);
    headers.set('FILE_NAME', f.name);
    headers.set('FILE_PATH', f.path);
    headers.set('FILE_URI', `${this.s.fileUri.display.replace(/\/+$/, '')}${f.path === this.s.fileUri.path ? '' : `/${f.name}`}`);
    headers.set('FILE_LENGTH', String(f.size));
    headers.set('LAST_MODIFIED', String(Math.round(f.mtime)));
    const res = await this.inject({ method: 'POST', url: '/', headers, body }).finally(() => opened?.destroy());
    if (res.status >= 500) return `mediation failed (${res.status})${await faultText(res)}`;
    if (this.s.replyFileUri) await this.writeReply(res);
    return undefined;
  }

  private async writeReply(res: EngineResponse): Promise<void> {
    const bytes = res.body instanceof Uint8Array ? res.body : await res.body.read();
    if (res.status === 202 && bytes.length === 0) return;
    const uri = this.s.replyFileUri!;
    const client = await connectVfs(uri, { maxRetries: this.s.maxRetries, reconnectMs: this.s.reconnectMs, identity: this.s.identity, logger: this.logger, who: this.s.who });
    try {
      const dir = await client.stat(uri.path);
      const target = dir && !dir.isFile ? joinPath(uri.path, this.s.replyFileName) : uri.path;
      // Written under a temporary name and renamed: whoever watches the reply folder never sees half a reply.
      const temp = joinPath(dirName(target), `.${baseName(target)}.${process.pid}.${Date.now()}.tmp`);
      await client.write(temp, Buffer.from(bytes));
      if (await client.stat(target)) await client.remove(target);
      await client.rename(temp, target);
    } finally {
      await client.close();
    }
  }

  /** Carries out MOVE / DELETE / NONE; returns what was done, for the log. */
  private async after(client: VfsClient, f: VfsEntry, action: AfterAction, moveTo: VfsUri | undefined, parameter: string): Promise<string> {
    if (action === 'NONE') {
      this.done.set(f.path, f.mtime);
      return 'left in place';
    }
    if (action === 'MOVE' && !moveTo) {
      this.logger.log('error', `${this.s.who}: ${parameter} is MOVE but no folder to move to is given; ${f.name} is deleted`, { component: 'VFSTransport' });
    }
    if (action === 'MOVE' && moveTo) {
      const name = (this.s.moveTimestampFormat ? formatJavaDate(this.s.moveTimestampFormat, new Date()) : '') + f.name;
      if (sameServer(moveTo, this.s.fileUri)) {
        if (this.s.createFolder) await client.mkdirp(moveTo.path);
        const target = joinPath(moveTo.path, name);
        if (await client.stat(target)) await client.remove(target);
        await client.rename(f.path, target);
      } else {
        const other = await connectVfs(moveTo, { maxRetries: this.s.maxRetries, reconnectMs: this.s.reconnectMs, identity: this.s.identity, logger: this.logger, who: this.s.who });
        try {
          if (this.s.createFolder) await other.mkdirp(moveTo.path);
          await other.write(joinPath(moveTo.path, name), await client.read(f.path));
        } finally {
          await other.close();
        }
        await client.remove(f.path);
      }
      return `moved to ${moveTo.display.replace(/\/+$/, '')}/${name}`;
    }
    await client.remove(f.path);
    return 'deleted';
  }
}

async function faultText(res: EngineResponse): Promise<string> {
  try {
    const bytes = res.body instanceof Uint8Array ? res.body : await res.body.read();
    const text = Buffer.from(bytes).toString('utf8').replace(/\s+/g, ' ').trim();
    return text ? `: ${text.slice(0, 300)}` : '';
  } catch {
    return '';
  }
}

function streamedBody(stream: NodeJS.ReadableStream, size: number): BodySource {
  let used = false;
  return {
    length: size,
    async read() {
      used = true;
      const chunks: Buffer[] = [];
      for await (const c of stream as AsyncIterable<Buffer>) chunks.push(c);
      const b = Buffer.concat(chunks);
      return new Uint8Array(b.buffer, b.byteOffset, b.length);
    },
    stream() {
      if (used) throw new Error('body already consumed');
      used = true;
      return stream as AsyncIterable<Uint8Array>;
    },
  };
}

export { baseName };
