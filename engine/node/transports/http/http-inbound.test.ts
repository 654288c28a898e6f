/** HTTP inbound endpoints through the real runtime host: own port, sequence or API/proxy dispatch, lifecycle, a port in use. */
import { describe, it, expect, afterEach } from 'vitest';
import net from 'node:net';
import { startTestProject, freePort, synapse, type TestProject } from '../testing/project.js';

const open: TestProject[] = [];
afterEach(async () => {
  for (const p of open.splice(0)) await p.close();
});

async function post(port: number, path: string, body: string, contentType = 'application/json') {
  const res = await fetch(`http://127.0.0.1:${port}${path}`, { method: 'POST', body, headers: { 'Content-Type': contentType } });
  return { status: res.status, text: await res.text() };
}

const echoSequence = synapse(`<sequence name="InboundIn">
  <payloadFactory media-type="json"><format>{"via":"$1","inbound":"$2","got":$3}</format>
    <args><arg expression="get-property('INBOUND_ENDPOINT_NAME')"/><arg expression="get-property('IS_INBOUND')"/><arg evaluator="json" expression="$"/></args>
  </payloadFactory>
  <respond/>
</sequence>`);

const inbound = (name: string, port: number, extra = '', attrs = '') =>
  synapse(`<inboundEndpoint name="${name}" protocol="http" sequence="InboundIn" onError="fault" suspend="false"${attrs}>
  <parameters><parameter name="inbound.http.port">${port}</parameter>${extra}</parameters>
</inboundEndpoint>`);

function listening(p: TestProject, name: string) {
  return p.host.active.statuses().find((s) => s.artifact === `inbound-endpoint:${name}`);
}

describe('HTTP inbound endpoint', () => {
  it('injects requests on its own port into its sequence, with IS_INBOUND and INBOUND_ENDPOINT_NAME set', async () => {
    const port = await freePort();
    const p = await startTestProject({ 'InboundIn.xml': echoSequence, 'Ep.xml': inbound('HttpEP', port) });
    open.push(p);
    expect(listening(p, 'HttpEP')).toMatchObject({ state: 'listening', port, detail: 'http' });
    const r = await post(port, '/anything/at/all', '{"n":1}');
    expect(r.status).toBe(200);
    expect(JSON.parse(r.text)).toEqual({ via: 'HttpEP', inbound: 'true', got: { n: 1 } });
    // The main port does not serve the inbound's sequence.
    expect((await post(p.host.port, '/anything/at/all', '{"n":1}')).status).toBe(404);
  });

  it('a port already in use fails that endpoint with a clear message while the rest serve', async () => {
    const blocker = net.createServer();
    const port = await freePort();
    await new Promise<void>((r) => blocker.listen(port, () => r()));
    try {
      const other = await freePort();
      const p = await startTestProject({ 'InboundIn.xml': echoSequence, 'Busy.xml': inbound('Busy', port), 'Free.xml': inbound('Free', other) });
      open.push(p);
      const busy = listening(p, 'Busy')!;
      expect(busy.state).toBe('failed');
      expect(busy.lastError).toBe(`port ${port} is already in use by another application or endpoint`);
      expect(p.logger.messages('error').some((m) => m.includes('Inbound endpoint Busy failed to start') && m.includes(`port ${port} is already in use`))).toBe(true);
      expect((await post(other, '/', '{"ok":true}')).status).toBe(200);
    } finally {
      blocker.close();
    }
  });

  it('suspend="true" deploys without opening the port', async () => {
    const port = await freePort();
    const p = await startTestProject({ 'InboundIn.xml': echoSequence, 'Ep.xml': inbound('Paused', port).replace('suspend="false"', 'suspend="true"') });
    open.push(p);
    expect(listening(p, 'Paused')?.state).toBe('suspended');
    expect(p.logger.messages('info')).toContain('Inbound endpoint [Paused] is currently suspended.');
    await expect(post(port, '/', '{}')).rejects.toThrow();
  });

  it('redeploys on save (the new port serves, the old one closes) and stops on undeploy', async () => {
    const [a, b] = [await freePort(), await freePort()];
    const p = await startTestProject({ 'InboundIn.xml': echoSequence, 'Ep.xml': inbound('Moving', a) });
    open.push(p);
    expect((await post(a, '/', '{"v":1}')).status).toBe(200);
    p.write('Ep.xml', inbound('Moving', b));
    await p.refresh();
    expect((await post(b, '/', '{"v":2}')).status).toBe(200);
    await expect(post(a, '/', '{}')).rejects.toThrow();
    p.remove('Ep.xml');
    await p.refresh();
    expect(listening(p, 'Moving')).toBeUndefined();
    await expect(post(b, '/', '{}')).rejects.toThrow();
  });

  it('with dispatch.filter.pattern dispatches matching URIs to APIs and inbound.only proxies, others to main', async () => {
    const port = await freePort();
    const api = synapse(`<api name="Orders" context="/orders"><resource methods="POST"><inSequence>
      <payloadFactory media-type="json"><format>{"api":"Orders"}</format><args/></payloadFactory><respond/></inSequence></resource></api>`);
    const proxy = synapse(`<proxy name="Hidden" transports="http https" startOnLoad="true"><target><inSequence>
      <payloadFactory media-type="json"><format>{"proxy":"Hidden"}</format><args/></payloadFactory><respond/></inSequence></target>
      <parameter name="inbound.only">true</parameter></proxy>`);
    const main = synapse(`<sequence name="main"><payloadFactory media-type="json"><format>{"main":true}</format><args/></payloadFactory><respond/></sequence>`);
    const p = await startTestProject({
      'InboundIn.xml': echoSequence,
      'main.xml': main,
      'Orders.xml': api,
      'Hidden.xml': proxy,
      'Ep.xml': inbound('Dispatching', port, '<parameter name="dispatch.filter.pattern">/(orders|services)/.*</parameter>'),
    });
    open.push(p);
    expect(JSON.parse((await post(port, '/orders/1', '{}')).text)).toEqual({ api: 'Orders' });
    expect(JSON.parse((await post(port, '/services/Hidden', '{}')).text)).toEqual({ proxy: 'Hidden' });
    // Not matching the pattern: main, not the endpoint's own sequence (MI's InboundHttpServerWorker).
    expect(JSON.parse((await post(port, '/other', '{}')).text)).toEqual({ main: true });
    // inbound.only: hidden on the main port.
    expect((await post(p.host.port, '/services/Hidden', '{}')).status).toBe(404);
    expect(JSON.parse((await post(p.host.port, '/orders/1', '{}')).text)).toEqual({ api: 'Orders' });
  });

  it('refuses a non-numeric port at deployment with the parameter position', async () => {
    const p = await startTestProject({ 'InboundIn.xml': echoSequence, 'Ep.xml': inbound('Bad', 0).replace('>0<', '>eighty<') });
    open.push(p);
    const d = p.host.diagnostics().find((x) => x.message.includes('inbound.http.port'));
    expect(d).toMatchObject({ severity: 'error', line: 2 });
    expect(d!.message).toContain("must be a whole number, not 'eighty'");
    expect(listening(p, 'Bad')).toBeUndefined();
  });
});
