/**
 * One FIX session (the FIX 4.0–4.4 session layer, as QuickFIX runs it): Logon (35=A) and its
 * answer, Heartbeat (0) every HeartBtInt and TestRequest (1) when the peer goes quiet,
 * ResendRequest (2) answered from the store (application messages resent with PossDupFlag,
 * administrative ones covered by SequenceReset-GapFill), Reject (3), SequenceReset (4, GapFill
 * and Reset) and Logout (5). Sequence numbers live in a FileStore, so they survive a restart.
 *
 * The FIX rules followed on input: a garbled message (bad checksum or body length) is ignored
 * and does not advance the expected number; a number above the expected one triggers a
 * ResendRequest and the message waits until the gap is filled; a number below it is ignored
 * when PossDupFlag (43) is Y and otherwise ends the session with a Logout saying so; a message
 * without MsgType or MsgSeqNum gets a Reject. The session object outlives its connections.
 */
import type net from 'node:net';
import type { Logger } from '../../../core/logger.js';
import { encodeFix, fieldOf, FixDecoder, printable, type DecodeEvent, type FixField, type FixMessage } from './codec.js';
import type { FileStore } from './file-store.js';

export interface SessionId {
  beginString: string;
  senderCompId: string;
  targetCompId: string;
}

/** MI's name for a session (the `inSession` attribute): `FIX.4.0:SYNAPSE->EXEC`. */
export function sessionName(id: SessionId): string {
  return `${id.beginString}:${id.senderCompId}->${id.targetCompId}`;
}

/** Tags of the standard header and trailer (not application fields). */
export const HEADER_TAGS = new Set([8, 9, 35, 49, 56, 115, 128, 90, 91, 50, 142, 57, 143, 116, 144, 129, 145, 34, 43, 97, 52, 122, 212, 213, 347, 369, 627, 628, 629, 630]);
export const TRAILER_TAGS = new Set([93, 89, 10]);

const ADMIN = new Set(['0', '1', '2', '3', '4', '5', 'A']);

export interface FixSessionOptions {
  id: SessionId;
  store: FileStore;
  logger: Logger;
  /** Seconds between heartbeats (the initiator's choice; an acceptor takes the peer's). */
  heartBtInt: number;
  initiator: boolean;
  resetOnLogon?: boolean;
  /** Application messages, in sequence order, once the session is logged on. */
  onApplication(message: FixMessage, session: FixSession): void;
  onLogon?(session: FixSession): void;
  onLogout?(session: FixSession, reason: string): void;
}

/** FIX UTCTimestamp to the second (valid for every 4.x version). */
export function utcTimestamp(d = new Date()): string {
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${d.getUTCFullYear()}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}-${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`;
}

export class FixSession {
  private socket?: net.Socket;
  private decoder = new FixDecoder();
  private loggedOn = false;
  private logoutSent = false;
  private heartBtInt: number;
  private timer?: NodeJS.Timeout;
  private lastSent = 0;
  private lastReceived = 0;
  private testRequestPending?: string;
  /** Messages that arrived above the expected number, waiting for the gap to be filled. */
  private queued = new Map<number, FixMessage>();
  private resendRequested = false;
  private outbox: FixField[][] = [];
  /** Application messages received since start (MI's `counter` attribute). */
  received = 0;
  readonly name: string;

  constructor(readonly o: FixSessionOptions) {
    this.heartBtInt = o.heartBtInt;
    this.name = sessionName(o.id);
  }

  get isLoggedOn(): boolean {
    return this.loggedOn;
  }

  get isConnected(): boolean {
    return this.socket !== undefined;
  }

  /** Binds a new connection (an acceptor hands over the bytes it already read); an initiator sends Logon. */
  attach(socket: net.Socket, already: DecodeEvent[] = [], decoder?: FixDecoder): void {
    this.socket = socket;
    this.decoder = decoder ?? new FixDecoder();
    this.loggedOn = false;
    this.logoutSent = false;
    this.queued.clear();
    this.resendRequested = false;
    this.lastReceived = Date.now();
    socket.on('data', (chunk: Buffer) => {
      for (const ev of this.decoder.push(chunk)) this.onEvent(ev);
    });
    socket.on('close', () => this.detached('the connection closed'));
    socket.on('error', (e) => this.o.logger.log('warn', `FIX session ${this.name}: ${e.message}`, { component: 'FIXSession' }));
    this.timer = setInterval(() => this.tick(), 1000);
    this.timer.unref?.();
    if (this.o.initiator) {
      if (this.o.resetOnLogon) this.o.store.reset();
      this.sendAdmin('A', [[98, '0'], [108, String(this.heartBtInt)], ...(this.o.resetOnLogon ? ([[141, 'Y']] as FixField[]) : [])]);
    }
    for (const ev of already) this.onEvent(ev);
  }

  private detached(reason: string): void {
    if (!this.socket) return;
    clearInterval(this.timer);
    this.socket = undefined;
    const was = this.loggedOn;
    this.loggedOn = false;
    if (was) this.o.logger.log('info', `FIX session ${this.name} logged out: ${reason}`, { component: 'FIXSession' });
    this.o.onLogout?.(this, reason);
  }

  /** Sends an application message (fields after the header); held until the session is logged on. */
  send(body: FixField[]): void {
    if (!this.loggedOn) {
      this.outbox.push(body);
      return;
    }
    const msgType = body.find(([t]) => t === 35)?.[1];
    if (!msgType) throw new Error('an application message needs MsgType (35)');
    const seq = this.o.store.nextSenderSeq;
    const raw = this.encode(msgType, seq, body.filter(([t]) => t !== 35));
    this.o.store.store(seq, raw);
    this.o.store.setNextSenderSeq(seq + 1);
    this.write(raw);
  }

  /** Ends the session: Logout, then the connection closes when the peer answers (or after 2 s). */
  logout(text?: string): void {
    if (!this.socket) return;
    if (!this.logoutSent) this.sendAdmin('5', text ? [[58, text]] : []);
    this.logoutSent = true;
    const s = this.socket;
    setTimeout(() => s.destroy(), 2000).unref?.();
  }

  close(): void {
    clearInterval(this.timer);
    this.socket?.destroy();
  }

  private encode(msgType: string, seq: number, body: FixField[], extraHeader: FixField[] = []): Uint8Array {
    const id = this.o.id;
    return encodeFix([[8, id.beginString], [35, msgType], [49, id.senderCompId], [56, id.targetCompId], [34, String(seq)], ...extraHeader, [52, utcTimestamp()], ...body]);
  }

  private write(raw: Uint8Array): void {
    this.lastSent = Date.now();
    this.socket?.write(raw);
  }

  private sendAdmin(msgType: string, body: FixField[]): void {
    const seq = this.o.store.nextSenderSeq;
    const raw = this.encode(msgType, seq, body);
    this.o.store.setNextSenderSeq(seq + 1);
    this.write(raw);
  }

  private tick(): void {
    if (!this.loggedOn || !this.socket) return;
    const now = Date.now();
    const interval = this.heartBtInt * 1000;
    if (interval <= 0) return;
    if (now - this.lastSent >= interval) this.sendAdmin('0', []);
    const quiet = now - this.lastReceived;
    if (this.testRequestPending && quiet > interval * 2.4) {
      this.o.logger.log('warn', `FIX session ${this.name}: no answer to TestRequest ${this.testRequestPending}; disconnecting`, { component: 'FIXSession' });
      this.socket.destroy();
    } else if (!this.testRequestPending && quiet > interval * 1.2) {
      this.testRequestPending = `TEST-${now}`;
      this.sendAdmin('1', [[112, this.testRequestPending]]);
    }
  }

  private onEvent(ev: DecodeEvent): void {
    this.lastReceived = Date.now();
    if (ev.kind === 'garbled') {
      this.o.logger.log('warn', `FIX session ${this.name}: ignored a garbled message (${ev.reason}): ${printable(ev.raw).slice(0, 200)}`, { component: 'FIXSession' });
      return;
    }
    const m = ev.message;
    const msgType = fieldOf(m, 35);
    const seqText = fieldOf(m, 34);
    const seq = seqText !== undefined && /^\d+$/.test(seqText) ? Number(seqText) : undefined;
    if (!this.loggedOn && msgType !== 'A') {
      this.o.logger.log('warn', `FIX session ${this.name}: first message is not a Logon (35=${msgType ?? '?'}); disconnecting`, { component: 'FIXSession' });
      this.socket?.destroy();
      return;
    }
    if (msgType === undefined || seq === undefined) {
      this.o.logger.log('warn', `FIX session ${this.name}: rejected a message without ${msgType === undefined ? 'MsgType (35)' : 'a valid MsgSeqNum (34)'}`, { component: 'FIXSession' });
      this.sendAdmin('3', [...(seq !== undefined ? ([[45, String(seq)]] as FixField[]) : [[45, '0']] as FixField[]), [58, msgType === undefined ? 'Required tag missing: MsgType (35)' : 'Required tag missing: MsgSeqNum (34)']]);
      if (seq !== undefined && seq === this.o.store.nextTargetSeq) this.o.store.setNextTargetSeq(seq + 1);
      return;
    }
    if (msgType === 'A') {
      if (this.loggedOn) return;
      this.onLogon(m, seq);
      return;
    }
    if (msgType === '4' && fieldOf(m, 123) !== 'Y') {
      // SequenceReset-Reset: no sequence check; the next expected number is NewSeqNo.
      const next = Number(fieldOf(m, 36));
      if (Number.isInteger(next) && next > 0) this.o.store.setNextTargetSeq(next);
      this.drainQueue();
      return;
    }
    if (!this.checkSequence(m, seq)) return;
    this.process(m, msgType, seq);
    this.drainQueue();
  }

  /** True when `seq` is the expected one; otherwise handles the gap or the too-low number. */
  private checkSequence(m: FixMessage, seq: number): boolean {
    const expected = this.o.store.nextTargetSeq;
    if (seq === expected) return true;
    if (seq > expected) {
      this.queued.set(seq, m);
      if (!this.resendRequested) {
        this.resendRequested = true;
        const infinity = this.o.id.beginString <= 'FIX.4.1' ? '999999' : '0';
        this.o.logger.log('info', `FIX session ${this.name}: MsgSeqNum ${seq} is above the expected ${expected}; sending ResendRequest ${expected}-${infinity}`, { component: 'FIXSession' });
        this.sendAdmin('2', [[7, String(expected)], [16, infinity]]);
      }
      return false;
    }
    if (fieldOf(m, 43) === 'Y') return false;
    const text = `MsgSeqNum too low, expecting ${expected} but received ${seq}`;
    this.o.logger.log('error', `FIX session ${this.name}: ${text}; logging out`, { component: 'FIXSession' });
    this.logout(text);
    return false;
  }

  private drainQueue(): void {
    for (;;) {
      const next = this.o.store.nextTargetSeq;
      const m = this.queued.get(next);
      if (!m) break;
      this.queued.delete(next);
      this.process(m, fieldOf(m, 35)!, next);
    }
    if (this.queued.size === 0) this.resendRequested = false;
  }

  private process(m: FixMessage, msgType: string, seq: number): void {
    const store = this.o.store;
    if (msgType === '4') {
      // GapFill: the numbers up to NewSeqNo are covered.
      const next = Number(fieldOf(m, 36));
      store.setNextTargetSeq(Number.isInteger(next) && next > seq ? next : seq + 1);
      return;
    }
    store.setNextTargetSeq(seq + 1);
    switch (msgType) {
      case '0':
        if (fieldOf(m, 112) !== undefined && fieldOf(m, 112) === this.testRequestPending) this.testRequestPending = undefined;
        return;
      case '1':
        this.sendAdmin('0', [[112, fieldOf(m, 112) ?? '']]);
        return;
      case '2':
        this.resend(Number(fieldOf(m, 7)), Number(fieldOf(m, 16)));
        return;
      case '3':
        this.o.logger.log('warn', `FIX session ${this.name}: peer rejected message ${fieldOf(m, 45) ?? '?'}: ${fieldOf(m, 58) ?? ''}`, { component: 'FIXSession' });
        return;
      case '5':
        if (!this.logoutSent) this.sendAdmin('5', []);
        this.logoutSent = true;
        this.socket?.end();
        return;
    }
    if (ADMIN.has(msgType)) return;
    this.received++;
    this.o.onApplication(m, this);
  }

  private onLogon(m: FixMessage, seq: number): void {
    const store = this.o.store;
    if (fieldOf(m, 141) === 'Y') {
      store.reset();
      if (!this.o.initiator) this.o.logger.log('info', `FIX session ${this.name}: peer asked to reset sequence numbers`, { component: 'FIXSession' });
    }
    const hb = Number(fieldOf(m, 108));
    if (!this.o.initiator && Number.isInteger(hb) && hb >= 0) this.heartBtInt = hb;
    const expected = store.nextTargetSeq;
    if (seq < expected) {
      const text = `MsgSeqNum too low, expecting ${expected} but received ${seq}`;
      this.o.logger.log('error', `FIX session ${this.name}: Logon ${text}; logging out`, { component: 'FIXSession' });
      if (!this.o.initiator) this.loggedOn = true;
      this.logout(text);
      return;
    }
    if (!this.o.initiator) this.sendAdmin('A', [[98, '0'], [108, String(this.heartBtInt)], ...(fieldOf(m, 141) === 'Y' ? ([[141, 'Y']] as FixField[]) : [])]);
    this.loggedOn = true;
    this.o.logger.log('info', `FIX session ${this.name} logged on`, { component: 'FIXSession' });
    if (seq > expected) {
      // The Logon itself is processed; the gap before it is asked for.
      this.queued.clear();
      // Processed (counted) once the numbers before it are filled.
      this.queued.set(seq, m);
      this.resendRequested = true;
      const infinity = this.o.id.beginString <= 'FIX.4.1' ? '999999' : '0';
      this.sendAdmin('2', [[7, String(expected)], [16, infinity]]);
    } else store.setNextTargetSeq(seq + 1);
    this.o.onLogon?.(this);
    for (const body of this.outbox.splice(0)) this.send(body);
  }

  private resend(begin: number, endRaw: number): void {
    const last = this.o.store.nextSenderSeq - 1;
    const end = !endRaw || endRaw >= 999999 || endRaw > last ? last : endRaw;
    if (!Number.isInteger(begin) || begin < 1) return;
    const stored = new Map(this.o.store.get(begin, end).map((s) => [s.seq, s.raw]));
    let gapStart: number | undefined;
    const flushGap = (upto: number) => {
      if (gapStart === undefined) return;
      this.write(this.encode('4', gapStart, [[123, 'Y'], [36, String(upto)]], [[43, 'Y']]));
      gapStart = undefined;
    };
    for (let seq = begin; seq <= end; seq++) {
      const raw = stored.get(seq);
      if (!raw) {
        gapStart ??= seq;
        continue;
      }
      flushGap(seq);
      this.write(this.asPossDup(raw));
    }
    flushGap(end + 1);
  }

  /** A stored message as resent: PossDupFlag Y, OrigSendingTime = its SendingTime, SendingTime now. */
  private asPossDup(raw: Uint8Array): Uint8Array {
    const fields = new TextDecoder().decode(raw).split('\x01').filter(Boolean).map((f) => {
      const eq = f.indexOf('=');
      return [Number(f.slice(0, eq)), f.slice(eq + 1)] as FixField;
    });
    const sendingTime = fields.find(([t]) => t === 52)?.[1] ?? utcTimestamp();
    const out: FixField[] = [];
    for (const f of fields) {
      if (f[0] === 9 || f[0] === 10 || f[0] === 43 || f[0] === 122) continue;
      if (f[0] === 52) out.push([43, 'Y'], [52, utcTimestamp()], [122, sendingTime]);
      else out.push(f);
    }
    return encodeFix(out);
  }
}
