/** Scheduled tasks through the runtime host: MessageInjector into a sequence, a proxy and an API in each format, registry-held messages, pinned servers, deployment errors. */
import { describe, it, expect, afterEach } from 'vitest';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startTestProject, synapse, waitFor, type TestProject } from '../node/transports/testing/project.js';

interface Seen {
  method: string;
  url: string;
  contentType: string;
  soapAction?: string;
  task?: string;
  body: string;
}

const open: { close(): Promise<void> | void }[] = [];
afterEach(async () => {
  for (const p of open.splice(0).reverse()) await p.close();
});

async function recorder() {
  const seen: Seen[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      seen.push({ method: req.method!, url: req.url!, contentType: String(req.headers['content-type'] ?? ''), soapAction: req.headers.soapaction as string | undefined, task: req.headers['x-task'] as string | undefined, body });
      res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"ok":true}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  open.push({ close: () => new Promise<void>((r) => server.close(() => r())) });
  return { seen, url };
}

const forward = (name: string, url: string) =>
  synapse(`<sequence name="${name}"><header name="X-Task" expression="get-property('task.name')" scope="transport"/><call><endpoint><address uri="${url}/in"/></endpoint></call><drop/></sequence>`);

const task = (name: string, props: string, trigger = '<trigger count="1" interval="1"/>', attrs = '') =>
  synapse(`<task name="${name}" class="org.apache.synapse.startup.tasks.MessageInjector" group="synapse.simple.quartz"${attrs}>${trigger}${props}</task>`);

const getQuote = `<property xmlns:task="http://www.wso2.org/products/wso2commons/tasks" name="message"><m0:getQuote xmlns:m0="http://services.samples"><m0:request><m0:symbol>IBM</m0:symbol></m0:request></m0:getQuote></property>`;

async function project(files: Record<string, string>): Promise<TestProject> {
  const p = await startTestProject(files);
  open.push(p);
  return p;
}

describe('MessageInjector tasks', () => {
  it('injects into a sequence as SOAP 1.1 by default, count times, with task.name set', async () => {
    const rec = await recorder();
    const p = await project({
      'Fwd.xml': forward('Fwd', rec.url),
      'T.xml': task('CheckPrice', `<property name="injectTo" value="sequence"/><property name="sequenceName" value="Fwd"/>${getQuote}`, '<trigger count="2" interval="1"/>'),
    });
    await waitFor(() => rec.seen.length >= 2, 'two firings');
    expect(rec.seen[0]).toMatchObject({ method: 'POST', task: 'CheckPrice', contentType: expect.stringContaining('text/xml') });
    expect(rec.seen[0]!.body).toMatch(/<soapenv:Envelope xmlns:soapenv="http:\/\/schemas.xmlsoap.org\/soap\/envelope\/"><soapenv:Body><m0:getQuote/);
    expect(p.host.active.statuses().find((s) => s.artifact === 'task:CheckPrice')).toMatchObject({ detail: 'every 1 s, 2 times', canRunNow: true });
  });

  it('injects into a proxy as SOAP 1.2 when no format is given; pox, soap11 and json formats', async () => {
    const rec = await recorder();
    const proxy = synapse(`<proxy name="SampleProxy" transports="http"><target><inSequence><header name="X-Task" expression="get-property('task.name')" scope="transport"/><call><endpoint><address uri="${rec.url}/proxy"/></endpoint></call><drop/></inSequence></target></proxy>`);
    const p = await project({
      'SampleProxy.xml': proxy,
      'Fwd.xml': forward('Fwd', rec.url),
      'T1.xml': task('ToProxy', `${getQuote}<property name="proxyName" value="SampleProxy"/><property name="injectTo" value="proxy"/>`),
      'T2.xml': task('Pox', `${getQuote}<property name="injectTo" value="sequence"/><property name="sequenceName" value="Fwd"/><property name="format" value="pox"/>`),
      'T3.xml': task('Json', `<property name="message">{"symbol":"IBM"}</property><property name="injectTo" value="sequence"/><property name="sequenceName" value="Fwd"/><property name="format" value="json"/>`),
      'T4.xml': task('Soap11', `${getQuote}<property name="injectTo" value="sequence"/><property name="sequenceName" value="Fwd"/><property name="format" value="soap11"/><property name="soapAction" value="urn:getQuote"/>`),
    });
    await waitFor(() => rec.seen.length >= 4, 'four injections');
    const by = (t: string) => rec.seen.find((s) => s.task === t)!;
    expect(by('ToProxy').contentType).toContain('application/soap+xml');
    expect(by('ToProxy').body).toContain('http://www.w3.org/2003/05/soap-envelope');
    expect(by('Pox').contentType).toContain('application/xml');
    expect(by('Pox').body).toMatch(/^<m0:getQuote/);
    expect(by('Json').contentType).toContain('application/json');
    expect(JSON.parse(by('Json').body)).toEqual({ symbol: 'IBM' });
    expect(by('Soap11').soapAction).toBe('"urn:getQuote"');
    void p;
  });

  it('injects into an API resource, with the message held in the registry (a local entry)', async () => {
    const rec = await recorder();
    const api = synapse(`<api name="Prices" context="/prices"><resource methods="POST" uri-template="/refresh"><inSequence><header name="X-Task" expression="get-property('task.name')" scope="transport"/><call><endpoint><address uri="${rec.url}/api"/></endpoint></call><drop/></inSequence></resource></api>`);
    await project({
      'Prices.xml': api,
      'Msg.xml': synapse(`<localEntry key="refreshMessage">{"refresh":["IBM","MSFT"]}</localEntry>`),
      'T.xml': task('Refresh', `<property name="registryKey" value="refreshMessage"/><property name="injectTo" value="api"/><property name="apiName" value="Prices"/><property name="apiPath" value="/refresh"/><property name="format" value="json"/>`),
    });
    await waitFor(() => rec.seen.length >= 1, 'the API call');
    // An address endpoint appends the resource path (REST_URL_POSTFIX), as MI does.
    expect(rec.seen[0]).toMatchObject({ url: '/api/refresh', task: 'Refresh' });
    expect(JSON.parse(rec.seen[0]!.body)).toEqual({ refresh: ['IBM', 'MSFT'] });
  });

  it('a task pinned to other servers is not scheduled here; run now still works', async () => {
    const rec = await recorder();
    const p = await project({
      'Fwd.xml': forward('Fwd', rec.url),
      'T.xml': task('Pinned', `<property name="injectTo" value="sequence"/><property name="sequenceName" value="Fwd"/>${getQuote}`, '<trigger interval="1"/>', ' pinnedServers="node1, node2"'),
    });
    const s = p.host.active.statuses().find((x) => x.artifact === 'task:Pinned')!;
    expect(s.state).toBe('suspended');
    expect(s.lastError).toBe('pinned to node1, node2; this server is localhost');
    await p.host.active.runNow('task:Pinned');
    expect(rec.seen).toHaveLength(1);
  });

  it('stops on undeploy', async () => {
    const rec = await recorder();
    const p = await project({ 'Fwd.xml': forward('Fwd', rec.url), 'T.xml': task('Forever', `<property name="injectTo" value="sequence"/><property name="sequenceName" value="Fwd"/>${getQuote}`, '<trigger interval="1"/>') });
    await waitFor(() => rec.seen.length >= 1, 'the first firing');
    p.remove('T.xml');
    await p.refresh();
    expect(p.host.active.statuses().some((x) => x.artifact === 'task:Forever')).toBe(false);
    expect(p.logger.messages('info')).toContain('Task Forever stopped');
  });

  it('reports trigger errors at deployment: a cron that does not parse (with its position), cron with interval, a custom class', async () => {
    const p = await project({
      'Seq.xml': synapse('<sequence name="S"><drop/></sequence>'),
      'Bad1.xml': task('BadCron', `<property name="injectTo" value="sequence"/><property name="sequenceName" value="S"/>${getQuote}`, '<trigger cron="0 61 1 * * ?"/>'),
      'Bad2.xml': task('Both', `<property name="injectTo" value="sequence"/><property name="sequenceName" value="S"/>${getQuote}`, '<trigger cron="0 30 1 * * ?" interval="5"/>'),
      'Bad3.xml': synapse(`<task name="Custom" class="org.wso2.esb.tutorial.tasks.PlaceStockOrderTask"><trigger cron="0 30 1 * * ?"/></task>`),
    });
    const d = p.host.diagnostics().filter((x) => x.severity === 'error');
    const cron = d.find((x) => x.message.includes('BadCron'))!;
    expect(cron.message).toBe("task BadCron: invalid cron expression '0 61 1 * * ?': minutes value 61 is out of range 0-59 (at position 3)");
    expect(d.find((x) => x.message.includes('Both'))!.message).toContain('Trigger syntax error : both cron and simple trigger attributes are present');
    expect(d.find((x) => x.message.includes('Custom'))!.message).toContain('is custom Java code, which this runtime cannot run');
    expect(p.host.active.statuses()).toEqual([]);
  });
});
