import { describe, it, expect, afterEach } from 'vitest';
import { messagingEngine, recordingBackend, eventually, params, SYN, FORWARDER, SAMPLER, FAILOVER, IN_MEMORY, type MessagingTestEngine, type RecordingBackend } from '../node/stores/testing/messaging-harness.js';

const SOAP = '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><ser:getQuote xmlns:ser="http://services.samples"><ser:request><ser:symbol>IBM</ser:symbol></ser:request></ser:getQuote></soapenv:Body></soapenv:Envelope>';
const soapHeaders = { 'Content-Type': 'text/xml; charset=UTF-8', SOAPAction: '"urn:getQuote"' };

function proxy(inSequence: string, name = 'P'): string {
  return `<proxy ${SYN} name="${name}" transports="http"><target><inSequence>${inSequence}</inSequence></target></proxy>`;
}
const store = (name = 'S') => `<messageStore ${SYN} name="${name}" class="${IN_MEMORY}"/>`;
const endpoint = (port: number, name = 'Backend') => `<endpoint ${SYN} name="${name}"><address uri="http://127.0.0.1:${port}/services/SimpleStockQuoteService"><suspendOnFailure><errorCodes>-1</errorCodes></suspendOnFailure></address></endpoint>`;
const forwarder = (p: Record<string, string | number>, name = 'F', storeName = 'S', target = 'Backend') => `<messageProcessor ${SYN} name="${name}" class="${FORWARDER}" messageStore="${storeName}" targetEndpoint="${target}">${params({ interval: 50, 'client.retry.interval': 50, ...p })}</messageProcessor>`;
const OUT_ONLY = '<property name="FORCE_SC_ACCEPTED" scope="axis2" value="true"/><property name="OUT_ONLY" value="true"/>';

let t: MessagingTestEngine | undefined;
let backend: RecordingBackend | undefined;
afterEach(async () => {
  await t?.close();
  await backend?.close();
  t = undefined;
  backend = undefined;
});

describe('store mediator', () => {
  it('stores a copy after running its sequence and answers 202 with FORCE_SC_ACCEPTED', async () => {
    t = await messagingEngine({
      'store.xml': store(),
      'onStore.xml': `<sequence ${SYN} name="onStore"><log level="custom"><property name="On-Store" value="Storing message"/></log><property name="marked" value="yes"/></sequence>`,
      'proxy.xml': proxy(`<property name="FORCE_SC_ACCEPTED" scope="axis2" value="true"/><store messageStore="S" sequence="onStore"/>`),
    });
    expect(t.deployed.failed).toEqual([]);
    const r = await t.request('POST', '/services/P', { headers: soapHeaders, body: SOAP });
    expect(r.status).toBe(202);
    expect(r.text).toBe('');
    expect(t.logger.messages().some((m) => m.includes('On-Store = Storing message'))).toBe(true);
    const stored = await t.messaging.listMessages('S');
    expect(stored).toHaveLength(1);
    expect(stored[0]!.payload).toMatchObject({ kind: 'xml' });
    expect(stored[0]!.payload.kind === 'xml' && stored[0]!.payload.envelope).toContain('<ser:symbol>IBM</ser:symbol>');
    expect(stored[0]!.properties.marked).toEqual({ t: 'string', v: 'yes' });
    expect(stored[0]!.soapAction).toBe('urn:getQuote');
  });

  it('resolves the store name from an expression', async () => {
    t = await messagingEngine({ 'a.xml': store('A'), 'b.xml': store('B'), 'proxy.xml': proxy(`<store messageStore="{//target}"/>`) });
    await t.request('POST', '/services/P', { headers: { 'Content-Type': 'application/xml' }, body: '<m><target>B</target></m>' });
    expect(await t.messaging.storeSize('A')).toBe(0);
    expect(await t.messaging.storeSize('B')).toBe(1);
  });

  it('faults with MI\'s error for a store that does not exist, and the fault sequence runs', async () => {
    t = await messagingEngine({
      'a.xml': store('A'),
      'proxy.xml': `<proxy ${SYN} name="P" transports="http"><target><inSequence><store messageStore="{//target}"/></inSequence><faultSequence><log level="custom"><property name="err" expression="get-property('ERROR_MESSAGE')"/></log><respond/></faultSequence></target></proxy>`,
    });
    await t.request('POST', '/services/P', { headers: { 'Content-Type': 'application/xml' }, body: '<m><target>Nope</target></m>' });
    expect(t.logger.messages().some((m) => m.includes('err = Message Store does not exist.'))).toBe(true);
  });

  it('refuses a literal store name that is not defined, at deploy, with its position', async () => {
    t = await messagingEngine({ 'proxy.xml': proxy(`<store messageStore="Missing"/>`) });
    expect(t.deployed.failed[0]!.diagnostics.find((d) => d.code === 'SYN008')).toMatchObject({ message: expect.stringContaining("message-store 'Missing'"), line: 1 });
  });
});

describe('scheduled message forwarding processor', () => {
  it('forwards the stored message exactly as received and removes it from the store', async () => {
    backend = await recordingBackend();
    t = await messagingEngine({ 'store.xml': store(), 'ep.xml': endpoint(backend.port), 'proxy.xml': proxy(`${OUT_ONLY}<store messageStore="S"/>`), 'proc.xml': forwarder({}) });
    const r = await t.request('POST', '/services/P', { headers: soapHeaders, body: SOAP });
    expect(r.status).toBe(202);
    await eventually('the backend got the message', () => backend!.received.length === 1);
    expect(backend.received[0]!.body).toBe(SOAP);
    expect(backend.received[0]!.headers['soapaction']).toContain('urn:getQuote');
    expect(backend.received[0]!.headers['content-type']).toContain('text/xml');
    await eventually('the store is empty', async () => (await t!.messaging.storeSize('S')) === 0);
    expect(t.messaging.processorStatuses()[0]).toMatchObject({ name: 'F', active: true, delivered: 1 });
  });

  it('keeps the message while the backend is down and delivers it when it is back, in order', async () => {
    backend = await recordingBackend();
    await backend.down();
    t = await messagingEngine({ 'store.xml': store(), 'ep.xml': endpoint(backend.port), 'proxy.xml': proxy(`${OUT_ONLY}<store messageStore="S"/>`), 'proc.xml': forwarder({ 'max.delivery.attempts': -1 }) });
    for (const n of [1, 2, 3]) await t.request('POST', '/services/P', { headers: { 'Content-Type': 'application/json' }, body: `{"n":${n}}` });
    await eventually('a failed attempt is logged', () => t!.logger.messages().some((m) => m.includes('BlockingMessageSender of message processor [F] failed to forward message to endpoint Backend')));
    expect(await t.messaging.storeSize('S')).toBe(3);
    await backend.up();
    await eventually('all three delivered', () => backend!.received.length >= 3);
    expect(backend.received.map((r) => JSON.parse(r.body).n)).toEqual([1, 2, 3]);
    await eventually('the store is empty', async () => (await t!.messaging.storeSize('S')) === 0);
  });

  it('retries a 500, runs the fault sequence each time, and deactivates after max.delivery.attempts keeping the message', async () => {
    backend = await recordingBackend();
    backend.status = 500;
    t = await messagingEngine({
      'store.xml': store(),
      'ep.xml': endpoint(backend.port),
      'proxy.xml': proxy(`${OUT_ONLY}<store messageStore="S"/>`),
      'fault.xml': `<sequence ${SYN} name="onFail"><log level="custom"><property name="attempt" value="failed"/></log></sequence>`,
      'deact.xml': `<sequence ${SYN} name="onDeactivate"><log level="custom"><property name="deactivated" value="yes"/></log></sequence>`,
      'proc.xml': forwarder({ 'max.delivery.attempts': 3, 'message.processor.fault.sequence': 'onFail', 'message.processor.deactivate.sequence': 'onDeactivate' }),
    });
    await t.request('POST', '/services/P', { headers: { 'Content-Type': 'application/json' }, body: '{"a":1}' });
    await eventually('the processor deactivates', () => t!.messaging.processorStatuses()[0]!.active === false);
    expect(backend.received).toHaveLength(3);
    const logs = t.logger.messages();
    expect(logs.filter((m) => m.includes('Message processor [F] received a response with HTTP_SC: 500 from backend Backend. Message forwarding failed.'))).toHaveLength(3);
    expect(logs.filter((m) => m.includes('attempt = failed'))).toHaveLength(3);
    expect(logs).toContain('Message processor [F] failed to forward message 3 times. Deactivating message processor.');
    expect(logs.some((m) => m.includes('deactivated = yes'))).toBe(true);
    expect(await t.messaging.storeSize('S')).toBe(1);
    // Activating again (the studio's toggle) delivers it once the backend answers.
    backend.status = 200;
    await t.messaging.setProcessorActive('F', true);
    await eventually('delivered after reactivation', async () => (await t!.messaging.storeSize('S')) === 0);
    expect(backend.received).toHaveLength(4);
  });

  it('drops after max attempts with max.delivery.drop=Enabled and goes on with the next message', async () => {
    backend = await recordingBackend();
    backend.status = 503;
    t = await messagingEngine({ 'store.xml': store(), 'ep.xml': endpoint(backend.port), 'proxy.xml': proxy(`${OUT_ONLY}<store messageStore="S"/>`), 'proc.xml': forwarder({ 'max.delivery.attempts': 2, 'max.delivery.drop': 'Enabled' }) });
    await t.request('POST', '/services/P', { headers: { 'Content-Type': 'application/json' }, body: '{"n":1}' });
    await eventually('dropped', () => t!.logger.messages().includes('Message processor [F] failed to forward message 2 times. Drop message and continue.'));
    expect(await t.messaging.storeSize('S')).toBe(0);
    expect(t.messaging.processorStatuses()[0]!.active).toBe(true);
  });

  it('counts a status listed in non.retry.status.codes as delivered', async () => {
    backend = await recordingBackend();
    backend.status = 404;
    t = await messagingEngine({ 'store.xml': store(), 'ep.xml': endpoint(backend.port), 'proxy.xml': proxy(`${OUT_ONLY}<store messageStore="S"/>`), 'proc.xml': forwarder({ 'non.retry.status.codes': '400, 404' }) });
    await t.request('POST', '/services/P', { headers: { 'Content-Type': 'application/json' }, body: '{}' });
    await eventually('removed', async () => (await t!.messaging.storeSize('S')) === 0);
    expect(backend.received).toHaveLength(1);
  });

  it('moves a message to message.processor.failMessagesStore after max attempts', async () => {
    backend = await recordingBackend();
    backend.status = 500;
    t = await messagingEngine({ 'store.xml': store(), 'dead.xml': store('Dead'), 'ep.xml': endpoint(backend.port), 'proxy.xml': proxy(`${OUT_ONLY}<store messageStore="S"/>`), 'proc.xml': forwarder({ 'max.delivery.attempts': 2, 'message.processor.failMessagesStore': 'Dead' }) });
    await t.request('POST', '/services/P', { headers: { 'Content-Type': 'application/json' }, body: '{"x":1}' });
    await eventually('moved', async () => (await t!.messaging.storeSize('Dead')) === 1);
    expect(await t.messaging.storeSize('S')).toBe(0);
    expect((await t.messaging.listMessages('Dead'))[0]!.payload).toEqual({ kind: 'json', json: '{"x":1}' });
  });

  it('deploys with a warning when message.processor.failMessagesStore names no store; at max attempts it keeps the message and deactivates', async () => {
    backend = await recordingBackend();
    backend.status = 500;
    t = await messagingEngine({ 'store.xml': store(), 'ep.xml': endpoint(backend.port), 'proxy.xml': proxy(`${OUT_ONLY}<store messageStore="S"/>`), 'proc.xml': forwarder({ 'max.delivery.attempts': 2, 'message.processor.failMessagesStore': 'Nowhere' }) });
    expect(t.deployed.failed).toEqual([]);
    const warning = t.deployed.warnings.find((d) => d.code === 'SYN008');
    expect(warning).toMatchObject({ severity: 'warning', message: expect.stringContaining("message-store 'Nowhere' is not defined in this project: as in MI") });
    await t.request('POST', '/services/P', { headers: { 'Content-Type': 'application/json' }, body: '{"x":2}' });
    await eventually('the processor deactivates', () => t!.messaging.processorStatuses()[0]!.active === false);
    expect(t.logger.messages().some((m) => m.includes('could not move message') && m.includes('[Nowhere]'))).toBe(true);
    expect(await t.messaging.storeSize('S')).toBe(1);
  });

  it('hands the response of an in-out message to the reply sequence; without one it deactivates and keeps the message', async () => {
    backend = await recordingBackend();
    backend.reply = '<getQuoteResponse>ok</getQuoteResponse>';
    t = await messagingEngine({
      'store.xml': store(),
      'ep.xml': endpoint(backend.port),
      'proxy.xml': proxy(`<property name="FORCE_SC_ACCEPTED" scope="axis2" value="true"/><store messageStore="S"/>`),
      'reply.xml': `<sequence ${SYN} name="replySequence"><log level="full"><property name="REPLY" value="MESSAGE"/></log></sequence>`,
      'proc.xml': forwarder({ 'message.processor.reply.sequence': 'replySequence' }),
    });
    await t.request('POST', '/services/P', { headers: soapHeaders, body: SOAP });
    await eventually('reply logged', () => t!.logger.messages().some((m) => m.includes('getQuoteResponse') && m.includes('REPLY = MESSAGE')));
    await eventually('removed', async () => (await t!.messaging.storeSize('S')) === 0);
    await t.close();
    backend.received.length = 0;
    t = await messagingEngine({ 'store.xml': store(), 'ep.xml': endpoint(backend.port), 'proxy.xml': proxy(`<store messageStore="S"/>`), 'proc.xml': forwarder({}) });
    await t.request('POST', '/services/P', { headers: soapHeaders, body: SOAP });
    await eventually('deactivated', () => t!.messaging.processorStatuses()[0]!.active === false);
    expect(t.logger.messages()).toContain('Failed to send the out message. Reply sequence does not Exist. Deactivated the message processor.');
    expect(backend.received).toHaveLength(1);
    expect(await t.messaging.storeSize('S')).toBe(1);
  });

  it('starts inactive with is.active=false and takes the target from the message\'s target.endpoint property', async () => {
    backend = await recordingBackend();
    t = await messagingEngine({
      'store.xml': store(),
      'ep.xml': endpoint(backend.port, 'Other'),
      'proxy.xml': proxy(`${OUT_ONLY}<property name="target.endpoint" value="Other"/><store messageStore="S"/>`),
      'proc.xml': `<messageProcessor ${SYN} name="F" class="${FORWARDER}" messageStore="S">${params({ interval: 50, 'is.active': 'false' })}</messageProcessor>`,
    });
    await t.request('POST', '/services/P', { headers: { 'Content-Type': 'application/json' }, body: '{}' });
    await new Promise((r) => setTimeout(r, 200));
    expect(backend.received).toHaveLength(0);
    expect(t.messaging.processorStatuses()[0]!.active).toBe(false);
    await t.messaging.setProcessorActive('F', true);
    await eventually('delivered to Other', () => backend!.received.length === 1);
  });

  it('stops on undeploy: nothing more is forwarded', async () => {
    backend = await recordingBackend();
    t = await messagingEngine({ 'store.xml': store(), 'ep.xml': endpoint(backend.port), 'proxy.xml': proxy(`${OUT_ONLY}<store messageStore="S"/>`), 'proc.xml': forwarder({}) });
    t.engine.undeploy('proc.xml');
    await t.messaging.sync();
    expect(t.messaging.processorStatuses()).toEqual([]);
    await t.request('POST', '/services/P', { headers: { 'Content-Type': 'application/json' }, body: '{}' });
    await new Promise((r) => setTimeout(r, 200));
    expect(backend.received).toHaveLength(0);
    expect(await t.messaging.storeSize('S')).toBe(1);
  });
});

describe('sampling processor', () => {
  it('injects up to `concurrency` messages per run into its sequence and removes them at once', async () => {
    t = await messagingEngine({
      'store.xml': store(),
      'proxy.xml': proxy(`<store messageStore="S"/>`),
      'seq.xml': `<sequence ${SYN} name="sampled"><log level="custom"><property name="sampled" expression="json-eval($.n)"/></log></sequence>`,
      'proc.xml': `<messageProcessor ${SYN} name="Sampler" class="${SAMPLER}" messageStore="S">${params({ interval: 300, concurrency: 2, sequence: 'sampled', 'is.active': 'false' })}</messageProcessor>`,
    });
    for (const n of [1, 2, 3, 4, 5]) await t.request('POST', '/services/P', { headers: { 'Content-Type': 'application/json' }, body: `{"n":${n}}` });
    await t.messaging.setProcessorActive('Sampler', true);
    await eventually('first run took two', () => t!.logger.messages().filter((m) => m.startsWith('sampled = ')).length === 2);
    expect(await t.messaging.storeSize('S')).toBe(3);
    await eventually('all sampled', () => t!.logger.messages().filter((m) => m.startsWith('sampled = ')).length === 5, 3000);
    expect(t.logger.messages().filter((m) => m.startsWith('sampled = '))).toEqual(['sampled = 1', 'sampled = 2', 'sampled = 3', 'sampled = 4', 'sampled = 5']);
  });

  it('refuses a sampling processor without its sequence parameter', async () => {
    t = await messagingEngine({ 'store.xml': store(), 'proc.xml': `<messageProcessor ${SYN} name="Sampler" class="${SAMPLER}" messageStore="S">${params({ interval: 100 })}</messageProcessor>` });
    expect(t.deployed.failed[0]!.diagnostics[0]).toMatchObject({ code: 'SYN017', message: expect.stringContaining('needs the parameter sequence') });
  });
});

describe('failover forwarding processor', () => {
  it('moves messages from its store into message.target.store.name', async () => {
    t = await messagingEngine({
      'src.xml': store('Failover'),
      'dst.xml': store('Main'),
      'proxy.xml': proxy(`<store messageStore="Failover"/>`),
      'proc.xml': `<messageProcessor ${SYN} name="Mover" class="${FAILOVER}" messageStore="Failover">${params({ interval: 50, 'message.target.store.name': 'Main' })}</messageProcessor>`,
    });
    await t.request('POST', '/services/P', { headers: { 'Content-Type': 'application/json' }, body: '{"m":1}' });
    await eventually('moved', async () => (await t!.messaging.storeSize('Main')) === 1);
    expect(await t.messaging.storeSize('Failover')).toBe(0);
  });
});

describe('processor configuration', () => {
  it('reports bad parameter values at the parameter, and unknown classes', async () => {
    t = await messagingEngine({ 'store.xml': store(), 'proc.xml': `<messageProcessor ${SYN} name="F" class="${FORWARDER}" messageStore="S">\n  <parameter name="interval">soon</parameter>\n</messageProcessor>`, 'bad.xml': `<messageProcessor ${SYN} name="G" class="com.acme.Mine" messageStore="S"/>` });
    const f = t.deployed.failed.find((x) => x.file === 'proc.xml')!;
    expect(f.diagnostics[0]).toMatchObject({ code: 'SYN017', line: 2, message: "parameter interval must be an integer, got 'soon'" });
    expect(t.deployed.failed.find((x) => x.file === 'bad.xml')!.diagnostics[0]).toMatchObject({ code: 'SYN018' });
  });
});
