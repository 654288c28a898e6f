/**
 * A session's message store as QuickFIX's FileStore keeps it, so sequence numbers and sent
 * messages survive a restart: in the store folder, per session `<prefix>.seqnums` ("next sender
 * seq : next target seq", ten digits each), `<prefix>.body` (every sent application message,
 * appended) and `<prefix>.header` (one `seq,offset,length ` entry per stored message), where
 * prefix is `BeginString-SenderCompID-TargetCompID`. Writes are synchronous so a message counted
 * as sent is on disk before it reaches the wire.
 */
import fs from 'node:fs';
import path from 'node:path';

export class FileStore {
  private readonly seqFile: string;
  private readonly bodyFile: string;
  private readonly headerFile: string;
  private index = new Map<number, { offset: number; length: number }>();
  nextSenderSeq = 1;
  nextTargetSeq = 1;

  constructor(readonly dir: string, readonly prefix: string) {
    fs.mkdirSync(dir, { recursive: true });
    const base = path.join(dir, prefix.replace(/[^\w.-]/g, '_'));
    this.seqFile = `${base}.seqnums`;
    this.bodyFile = `${base}.body`;
    this.headerFile = `${base}.header`;
    this.load();
  }

  private load(): void {
    if (fs.existsSync(this.seqFile)) {
      const m = /^\s*(\d+)\s*:\s*(\d+)\s*$/.exec(fs.readFileSync(this.seqFile, 'utf8'));
      if (m) {
        this.nextSenderSeq = Number(m[1]);
        this.nextTargetSeq = Number(m[2]);
      }
    }
    if (fs.existsSync(this.headerFile)) {
      for (const entry of fs.readFileSync(this.headerFile, 'utf8').split(' ')) {
        const m = /^(\d+),(\d+),(\d+)$/.exec(entry.trim());
        if (m) this.index.set(Number(m[1]), { offset: Number(m[2]), length: Number(m[3]) });
      }
    }
  }

  private saveSeqNums(): void {
    fs.writeFileSync(this.seqFile, `${String(this.nextSenderSeq).padStart(10, '0')} : ${String(this.nextTargetSeq).padStart(10, '0')}`);
  }

  setNextSenderSeq(n: number): void {
    this.nextSenderSeq = n;
    this.saveSeqNums();
  }

  setNextTargetSeq(n: number): void {
    this.nextTargetSeq = n;
    this.saveSeqNums();
  }

  /** Stores a sent message under its sequence number. */
  store(seq: number, raw: Uint8Array): void {
    const offset = fs.existsSync(this.bodyFile) ? fs.statSync(this.bodyFile).size : 0;
    fs.appendFileSync(this.bodyFile, raw);
    fs.appendFileSync(this.headerFile, `${seq},${offset},${raw.length} `);
    this.index.set(seq, { offset, length: raw.length });
  }

  /** The stored messages with sequence numbers from `begin` to `end` (inclusive), in order. */
  get(begin: number, end: number): { seq: number; raw: Uint8Array }[] {
    if (!fs.existsSync(this.bodyFile)) return [];
    const fd = fs.openSync(this.bodyFile, 'r');
    try {
      const out: { seq: number; raw: Uint8Array }[] = [];
      for (let seq = begin; seq <= end; seq++) {
        const at = this.index.get(seq);
        if (!at) continue;
        const raw = Buffer.alloc(at.length);
        fs.readSync(fd, raw, 0, at.length, at.offset);
        out.push({ seq, raw: new Uint8Array(raw) });
      }
      return out;
    } finally {
      fs.closeSync(fd);
    }
  }

  /** Starts the session over (a Logon with ResetSeqNumFlag): numbers back to 1, messages dropped. */
  reset(): void {
    this.nextSenderSeq = 1;
    this.nextTargetSeq = 1;
    this.index.clear();
    fs.rmSync(this.bodyFile, { force: true });
    fs.rmSync(this.headerFile, { force: true });
    this.saveSeqNums();
  }
}
