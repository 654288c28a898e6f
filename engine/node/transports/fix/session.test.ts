/**
 * The FIX session layer over real sockets, against the test counterparty (test-counterparty.ts):
 * Logon and TestRequest, the FIX rules for bad input (a bad checksum is ignored and the session
 * lives on; a gap gets a ResendRequest; a too-low number without PossDupFlag gets a Logout),
 * ResendRequest answered from the store, and sequence numbers that survive a restart.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MemoryLogger } from '../../../core/logger.js';
import { FixAcceptor } from './acceptor.js';
import { createSession } from './session-factory.js';
import { parseSessionSettings } from './session-config.js';
import { fieldOf, type FixMessage } from './codec.js';
import { FixPeer } from './test-counterparty.js';
import type { FixSession } from './session.js';

describe('FIX session layer', () => {
  let dir: string;
  let logger: MemoryLogger;
  let acceptor: FixAcceptor | undefined;
  let peer: FixPeer | undefined;
  let got: FixMessage[];
  let session: FixSession;

  async function start(port = 0): Promise<number> {
    const cfg = `[default]\nFileStorePath=store\nConnectionType=acceptor\nHeartBtInt=30\nSenderCompID=SYNAPSE\nTargetCompID=BANZAI\n[session]\nBeginString=FIX.4.2\nSocketAcceptPort=${port || 1}\n`;
    const settings = parseSessionSettings(cfg, 'acceptor.cfg');
    if (!port) {
      const probe = (await import('node:net')).createServer();
      await new Promise<void>((r) => probe.listen(0, '127.0.0.1', () => r()));
      port = (probe.address() as { port: number }).port;
      await new Promise<void>((r) => probe.close(() => r()));
      settings[0]!.values.SocketAcceptPort = String(port);
    }
    acceptor = new FixAcceptor(
      settings,
      (values) => (session = createSession(values, false, { dataDir: dir }, logger, { onApplication: (m) => got.push(m) })),
      logger,
      '127.0.0.1',
    );
    await acceptor.start();
    return port;
  }

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mediate-fix-session-'));
    logger = new MemoryLogger();
    got = [];
  });
  afterEach(async () => {
    await peer?.close();
    await acceptor?.stop();
    peer = acceptor = undefined;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('answers Logon with the session ids and HeartBtInt, and TestRequest with a Heartbeat carrying its TestReqID', async () => {
    const port = await start();
    peer = new FixPeer('banzai', 'FIX.4.2', 'BANZAI', 'SYNAPSE');
    await peer.connect(port, 5);
    const logon = await peer.waitFor((m) => m.fields.get(35) === 'A');
    expect([logon.fields.get(49), logon.fields.get(56), logon.fields.get(108), logon.fields.get(34)]).toEqual(['SYNAPSE', 'BANZAI', '5', '1']);
    expect(logon.bodyLengthOk && logon.checksumOk).toBe(true);
    peer.send([[35, '1'], [112, 'ping-1']]);
    const hb = await peer.waitFor((m) => m.fields.get(35) === '0');
    expect(hb.fields.get(112)).toBe('ping-1');
    expect(hb.checksumOk).toBe(true);
  });

  it('ignores a message with a bad checksum (no reject, number not used) and serves the next one', async () => {
    const port = await start();
    peer = new FixPeer('banzai', 'FIX.4.2', 'BANZAI', 'SYNAPSE');
    await peer.connect(port);
    const order = peer.frame([[35, 'D'], [11, 'bad'], [55, 'IBM']], peer.nextSeq());
    peer.raw(Buffer.from(order.toString('latin1').replace(/10=\d{3}\x01$/, (m) => `10=${String((Number(m.slice(3, 6)) + 1) % 256).padStart(3, '0')}\x01`), 'latin1'));
    peer.send([[35, 'D'], [11, 'good'], [55, 'IBM']]);
    await expect.poll(() => got.map((m) => fieldOf(m, 11))).toEqual(['good']);
    expect(logger.records.some((r) => /ignored a garbled message \(CheckSum \(10\) is \d{3}, expected \d{3}\)/.test(r.message))).toBe(true);
    expect(peer.received.some((m) => m.fields.get(35) === '3' || m.fields.get(35) === '5')).toBe(false);
    expect(peer.closed).toBe(false);
  });

  it('asks for a gap with ResendRequest, holds the later message, and delivers in order once the gap is filled', async () => {
    const port = await start();
    peer = new FixPeer('banzai', 'FIX.4.2', 'BANZAI', 'SYNAPSE');
    await peer.connect(port);
    const first = peer.nextSeq();
    peer.skipSeq(1);
    peer.send([[35, 'D'], [11, 'second']]);
    const rr = await peer.waitFor((m) => m.fields.get(35) === '2');
    expect([rr.fields.get(7), rr.fields.get(16)]).toEqual([String(first), '0']);
    expect(got).toEqual([]);
    peer.send([[35, 'D'], [11, 'first'], [43, 'Y']], first);
    await expect.poll(() => got.map((m) => fieldOf(m, 11))).toEqual(['first', 'second']);
  });

  it('logs out a peer whose MsgSeqNum is too low without PossDupFlag, and ignores a possible duplicate', async () => {
    const port = await start();
    peer = new FixPeer('banzai', 'FIX.4.2', 'BANZAI', 'SYNAPSE');
    await peer.connect(port);
    peer.send([[35, 'D'], [11, 'a']]);
    await expect.poll(() => got.length).toBe(1);
    peer.send([[35, 'D'], [11, 'dup'], [43, 'Y']], 2);
    peer.send([[35, 'D'], [11, 'b']]);
    await expect.poll(() => got.map((m) => fieldOf(m, 11))).toEqual(['a', 'b']);
    peer.send([[35, 'D'], [11, 'low']], 2);
    const logout = await peer.waitFor((m) => m.fields.get(35) === '5');
    expect(logout.fields.get(58)).toBe('MsgSeqNum too low, expecting 4 but received 2');
    expect(got.map((m) => fieldOf(m, 11))).toEqual(['a', 'b']);
  });

  it('resends stored application messages with PossDupFlag and covers administrative ones with SequenceReset-GapFill', async () => {
    const port = await start();
    peer = new FixPeer('banzai', 'FIX.4.2', 'BANZAI', 'SYNAPSE');
    await peer.connect(port);
    session.send([[35, '8'], [11, 'r1'], [39, '0']]);
    await peer.waitFor((m) => m.fields.get(35) === '8');
    peer.send([[35, '2'], [7, '1'], [16, '0']]);
    const reset = await peer.waitFor((m) => m.fields.get(35) === '4');
    // 1 was the Logon: gap-filled up to the stored report, which comes again as a possible duplicate.
    expect([reset.fields.get(34), reset.fields.get(123), reset.fields.get(36), reset.fields.get(43)]).toEqual(['1', 'Y', '2', 'Y']);
    const again = await peer.waitFor((m) => m.fields.get(35) === '8' && m.fields.get(43) === 'Y');
    expect([again.fields.get(34), again.fields.get(11), again.fields.get(122) !== undefined, again.checksumOk, again.bodyLengthOk]).toEqual(['2', 'r1', true, true, true]);
  });

  it('keeps sequence numbers across a restart (the file store), so the next Logon continues them', async () => {
    const port = await start();
    peer = new FixPeer('banzai', 'FIX.4.2', 'BANZAI', 'SYNAPSE');
    await peer.connect(port);
    peer.send([[35, 'D'], [11, 'a']]);
    await expect.poll(() => got.length).toBe(1);
    const seqFile = fs.readdirSync(path.join(dir, 'fix', 'store')).find((f) => f.endsWith('.seqnums'))!;
    expect(seqFile).toBe('FIX.4.2-SYNAPSE-BANZAI.seqnums');
    await peer.close();
    await acceptor!.stop();
    await start(port);
    const next = new FixPeer('banzai', 'FIX.4.2', 'BANZAI', 'SYNAPSE');
    peer = next;
    next.skipSeq(2);
    await next.connect(port);
    const logon = await next.waitFor((m) => m.fields.get(35) === 'A');
    // Our side sent only its Logon (1) before the restart; a fresh store would say 1 again.
    expect(logon.fields.get(34)).toBe('2');
    next.send([[35, 'D'], [11, 'b']]);
    await expect.poll(() => got.map((m) => fieldOf(m, 11))).toEqual(['a', 'b']);
    expect(next.received.some((m) => m.fields.get(35) === '2' || m.fields.get(35) === '5')).toBe(false);
  });
});
