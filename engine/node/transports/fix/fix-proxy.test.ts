/**
 * The FIX transport in a runtime host (startRuntimeHost), over real sockets with the test
 * counterparty: a proxy whose session file is broken is marked failed with the reason while
 * another FIX proxy and an API keep serving; a fix:// endpoint nobody listens on faults with
 * MI's connection error code instead of hanging; the acceptor's sequence numbers live under
 * the project's .mediate/ and survive a runtime restart.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startRuntimeHost, type RuntimeHost } from '../../runtime-host.js';
import { MemoryLogger } from '../../../core/logger.js';
import { freePort, synapse, waitFor } from '../testing/project.js';
import { FixPeer } from './test-counterparty.js';

const acceptorCfg = (port: number) => `[default]\nFileStorePath=data\nConnectionType=acceptor\nHeartBtInt=30\nSenderCompID=SYNAPSE\nTargetCompID=BANZAI\n[session]\nBeginString=FIX.4.4\nSocketAcceptPort=${port}\n`;
const echoProxy = (name: string, cfg: string) =>
  synapse(`<proxy name="${name}" transports="fix"><target><inSequence><payloadFactory media-type="xml"><format><message xmlns=""><header><field id="35">8</field></header><body><field id="11">$1</field><field id="39">0</field></body><trailer/></message></format><args><arg expression="//message/body/field[@id='11']"/></args></payloadFactory><respond/></inSequence></target>
    <parameter name="transport.fix.AcceptorConfigURL">file:${cfg}</parameter><parameter name="transport.fix.AcceptorMessageStore">file</parameter></proxy>`);

describe('FIX transport in the runtime', () => {
  const cleanup: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const c of cleanup.splice(0).reverse()) await c();
  });

  async function project(files: Record<string, string>): Promise<{ dir: string; start(): Promise<{ host: RuntimeHost; logger: MemoryLogger }> }> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mediate-fix-'));
    for (const [f, t] of Object.entries(files)) fs.writeFileSync(path.join(dir, f), t);
    cleanup.push(() => fs.rmSync(dir, { recursive: true, force: true }));
    return {
      dir,
      async start() {
        const logger = new MemoryLogger();
        const host = await startRuntimeHost({ sources: [dir], port: 0, host: '127.0.0.1', logger, env: {} });
        await host.active.settled();
        return { host, logger };
      },
    };
  }

  it('a proxy with a broken session file fails with the reason; the other FIX proxy and an API keep serving', async () => {
    const port = await freePort();
    const p = await project({
      'good.cfg': acceptorCfg(port),
      'broken.cfg': '[default]\nSenderCompID SYNAPSE\n',
      'Ping.xml': synapse(`<api name="Ping" context="/ping"><resource methods="GET"><inSequence><payloadFactory media-type="json"><format>{"ok":true}</format><args/></payloadFactory><respond/></inSequence></resource></api>`),
    });
    fs.writeFileSync(path.join(p.dir, 'Good.xml'), echoProxy('Good', path.join(p.dir, 'good.cfg')));
    fs.writeFileSync(path.join(p.dir, 'Broken.xml'), echoProxy('Broken', path.join(p.dir, 'broken.cfg')));
    const { host } = await p.start();
    cleanup.push(() => host.close());
    const broken = host.active.statuses().find((s) => s.artifact === 'proxy:Broken');
    expect(broken?.state).toBe('failed');
    expect(broken?.lastError).toBe('broken.cfg:2:1: "SenderCompID SYNAPSE" is not a Key=Value setting');
    expect(host.active.statuses().find((s) => s.artifact === 'proxy:Good')).toMatchObject({ state: 'listening', port });
    const banzai = new FixPeer('banzai', 'FIX.4.4', 'BANZAI', 'SYNAPSE');
    cleanup.push(() => banzai.close());
    await banzai.connect(port);
    banzai.send([[35, 'D'], [11, 'x1'], [55, 'IBM']]);
    const report = await banzai.waitFor((m) => m.fields.get(35) === '8');
    expect([report.fields.get(8), report.fields.get(11), report.checksumOk, report.bodyLengthOk]).toEqual(['FIX.4.4', 'x1', true, true]);
    const ping = await fetch(`http://127.0.0.1:${host.port}/ping`);
    expect(await ping.json()).toEqual({ ok: true });
  });

  it('a fix:// endpoint nobody listens on faults with 101503 and the reason, within the endpoint timeout', async () => {
    const dead = await freePort();
    const p = await project({
      'Order.xml': synapse(`<proxy name="Order" transports="http"><target><inSequence><call><endpoint><address uri="fix://127.0.0.1:${dead}?BeginString=FIX.4.2&amp;SenderCompID=SYNAPSE&amp;TargetCompID=EXEC"><timeout><duration>1500</duration></timeout></address></endpoint></call><respond/></inSequence>
        <faultSequence><payloadFactory media-type="json"><format>{"code":"$1","message":"$2"}</format><args><arg expression="get-property('ERROR_CODE')"/><arg expression="get-property('ERROR_MESSAGE')"/></args></payloadFactory><respond/></faultSequence></target></proxy>`),
    });
    const { host } = await p.start();
    cleanup.push(() => host.close());
    const r = await fetch(`http://127.0.0.1:${host.port}/services/Order`, { method: 'POST', headers: { 'Content-Type': 'text/xml' }, body: '<message><header><field id="35">D</field></header><body><field id="11">z</field></body><trailer/></message>' });
    const body = (await r.json()) as { code: string; message: string };
    expect(body.code).toBe('101503');
    expect(body.message).toMatch(new RegExp(`FIX session FIX.4.2:SYNAPSE->EXEC is not logged on: cannot connect to 127.0.0.1:${dead} \\(ECONNREFUSED\\)`));
  });

  it('keeps the acceptor sequence numbers in the project .mediate/ across a runtime restart', async () => {
    const port = await freePort();
    const p = await project({});
    fs.writeFileSync(path.join(p.dir, 'a.cfg'), acceptorCfg(port));
    fs.writeFileSync(path.join(p.dir, 'Echo.xml'), echoProxy('Echo', path.join(p.dir, 'a.cfg')));
    let { host } = await p.start();
    const first = new FixPeer('banzai', 'FIX.4.4', 'BANZAI', 'SYNAPSE');
    await first.connect(port);
    first.send([[35, 'D'], [11, 'before']]);
    await first.waitFor((m) => m.fields.get(35) === '8');
    await first.close();
    await host.close();
    expect(fs.readFileSync(path.join(p.dir, '.mediate/fix/data/FIX.4.4-SYNAPSE-BANZAI.seqnums'), 'utf8')).toBe('0000000003 : 0000000003');
    ({ host } = await p.start());
    cleanup.push(() => host.close());
    await waitFor(() => host.active.statuses().find((s) => s.artifact === 'proxy:Echo' && s.state === 'listening'), 'Echo listening');
    const again = new FixPeer('banzai', 'FIX.4.4', 'BANZAI', 'SYNAPSE');
    cleanup.push(() => again.close());
    again.skipSeq(2);
    await again.connect(port);
    again.send([[35, 'D'], [11, 'after']]);
    const report = await again.waitFor((m) => m.fields.get(35) === '8');
    expect([report.fields.get(34), report.fields.get(11)]).toEqual(['4', 'after']);
    expect(again.received.some((m) => ['2', '5'].includes(m.fields.get(35) ?? ''))).toBe(false);
  });
});
