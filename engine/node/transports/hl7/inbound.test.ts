/**
 * HL7 inbound endpoints and hl7:// endpoints through the real runtime host, over real TCP
 * sockets: auto-ack, NACKs for what cannot be read (and the connection and listener going on),
 * the flow's acknowledgement without auto-ack (payload, HL7_APPLICATION_ACK, HL7_RESULT_MODE,
 * the time-out), and an hl7:// endpoint whose ACK becomes the response (and its time-out fault).
 */
import { describe, it, expect, afterEach } from 'vitest';
import net from 'node:net';
import { startTestProject, freePort, synapse, waitFor, type TestProject } from '../testing/project.js';
import { connectMllp, unframe, type MllpConnection } from './mllp-test-client.js';
import { ackSummary, fieldText, parseEr7 } from '../../../hl7/index.js';

const open: TestProject[] = [];
const conns: MllpConnection[] = [];
afterEach(async () => {
  for (const c of conns.splice(0)) c.close();
  for (const p of open.splice(0)) await p.close();
});

const ADT = ['MSH|^~\\&|HIS|RIH|EKG|EKG|199904140038||ADT^A01|12345|P|2.2', 'PID|0001|00009874|00001122|A00977|SMITH^JOHN^M|MOM|19581119|F'].join('\r');
const ADT25 = ['MSH|^~\\&|LAB|NORTH|EHR|SOUTH|20240102030405||ADT^A04^ADT_A01|CTRL-77|P|2.5', 'PID|1||PAT1^^^HOSP^MR~SSN9^^^USSSA^SS||DOE^JANE^Q||19700101|F'].join('\r');

function inbound(name: string, port: number, params: Record<string, string>, sequence = 'HL7In') {
  const p = Object.entries({ 'inbound.hl7.Port': String(port), ...params })
    .map(([k, v]) => `<parameter name="${k}">${v}</parameter>`)
    .join('');
  return synapse(`<inboundEndpoint name="${name}" protocol="hl7" sequence="${sequence}" onError="HL7Fault" suspend="false"><parameters>${p}</parameters></inboundEndpoint>`);
}

const logAndDrop = synapse(`<sequence name="HL7In"><log level="full"/><drop/></sequence>`);
const faultSeq = synapse(`<sequence name="HL7Fault"><log level="custom"><property name="hl7fault" expression="get-property('ERROR_CODE')"/></log><drop/></sequence>`);

async function project(files: Record<string, string>): Promise<TestProject> {
  const p = await startTestProject({ 'HL7Fault.xml': faultSeq, ...files });
  open.push(p);
  return p;
}

async function client(port: number): Promise<MllpConnection> {
  const c = await connectMllp(port);
  conns.push(c);
  return c;
}

describe('HL7 inbound endpoint with auto-ack', () => {
  it('answers an MLLP frame with HAPI\'s ACK (MSA AA, control id, MSH sender and receiver swapped) and injects the message as MI\'s HL7 XML', async () => {
    const port = await freePort();
    const p = await project({ 'HL7In.xml': logAndDrop, 'Ep.xml': inbound('Hl7Ep', port, { 'inbound.hl7.AutoAck': 'true', 'inbound.hl7.ValidateMessage': 'false' }) });
    expect(p.host.active.statuses().find((s) => s.artifact === 'inbound-endpoint:Hl7Ep')).toMatchObject({ state: 'listening', port });
    const c = await client(port);
    c.send(ADT);
    const frame = await c.nextFrame();
    expect(frame[0]).toBe(0x0b);
    expect([...frame.subarray(-2)]).toEqual([0x1c, 0x0d]);
    const ack = parseEr7(unframe(frame));
    expect(ackSummary(ack)).toMatchObject({ code: 'AA', controlId: '12345' });
    const msh = ack.segments[0]!;
    expect([fieldText(msh, 3), fieldText(msh, 4), fieldText(msh, 5), fieldText(msh, 6)]).toEqual(['EKG', 'EKG', 'HIS', 'RIH']);
    expect([fieldText(msh, 9, 1), fieldText(msh, 11), fieldText(msh, 12)]).toEqual(['ACK', 'P', '2.2']);
    const logged = await waitFor(() => p.logger.messages('info').find((m) => m.includes('http://wso2.org/hl7')), 'the full log of the message');
    expect(logged).toContain('<hl7:message xmlns:hl7="http://wso2.org/hl7"><ADT_A01 xmlns="urn:hl7-org:v2xml"><MSH><MSH.1>|</MSH.1><MSH.2>^~\\&amp;</MSH.2><MSH.3>HIS</MSH.3>');
    expect(logged).toContain('<PID.5><PN.1>SMITH</PN.1><PN.2>JOHN</PN.2><PN.3>M</PN.3></PID.5>');
  });

  it('a frame that is not HL7 gets the default NACK (MSA AR), nothing is injected, and the same connection is served on', async () => {
    const port = await freePort();
    const p = await project({ 'HL7In.xml': logAndDrop, 'Ep.xml': inbound('Hl7Ep', port, {}) });
    const c = await client(port);
    c.write('\x0bhello\x1c\x0d');
    const nack = unframe(await c.nextFrame());
    expect(nack.split('\r')[0]).toBe('MSH|^~\\&||| | |||||P');
    expect(ackSummary(parseEr7WithVersion(nack))).toMatchObject({ code: 'AR', controlId: '123456789' });
    expect(nack).toContain('ERR|^^^The message does not start with an MSH segment');
    c.send(ADT25);
    expect(ackSummary(parseEr7(unframe(await c.nextFrame())))).toMatchObject({ code: 'AA', controlId: 'CTRL-77' });
    await waitFor(() => p.logger.messages('info').some((m) => m.includes('CTRL-77')), 'the valid message logged');
    expect(p.logger.messages('info').filter((m) => m.includes('http://wso2.org/hl7'))).toHaveLength(1);
    expect(p.logger.messages('warn').some((m) => m.includes('HL7 message refused') && m.includes('MSH'))).toBe(true);
  });

  it('with ValidateMessage a message without a control id is refused with AR; bytes outside a frame are answered with a NACK too', async () => {
    const port = await freePort();
    await project({ 'HL7In.xml': logAndDrop, 'Ep.xml': inbound('Hl7Ep', port, { 'inbound.hl7.ValidateMessage': 'true' }) });
    const c = await client(port);
    c.send('MSH|^~\\&|A|B|C|D|20240101||ADT^A01||P|2.5\rPID|1');
    const nack = unframe(await c.nextFrame());
    expect(nack).toContain('MSA|AR|123456789');
    expect(nack).toContain('MSH-10 (message control id) is empty');
    c.write('not framed at all\x0b' + ADT + '\x1c\x0d');
    expect(unframe(await c.nextFrame())).toContain('MSA|AR');
    expect(ackSummary(parseEr7(unframe(await c.nextFrame())))).toMatchObject({ code: 'AA', controlId: '12345' });
  });

  it('HAPI XML for v2.5: typed components (HD, XPN with FN, CX repetitions) and escapes decoded', async () => {
    const port = await freePort();
    const p = await project({ 'HL7In.xml': logAndDrop, 'Ep.xml': inbound('Hl7Ep', port, {}) });
    const c = await client(port);
    c.send(ADT25 + '\rNTE|1||a \\F\\ b \\S\\ c \\T\\ d');
    await c.nextFrame();
    const logged = await waitFor(() => p.logger.messages('info').find((m) => m.includes('CTRL-77')), 'the logged message');
    expect(logged).toContain('<ADT_A01 xmlns="urn:hl7-org:v2xml">');
    expect(logged).toContain('<MSH.3><HD.1>LAB</HD.1></MSH.3>');
    expect(logged).toContain('<MSH.9><MSG.1>ADT</MSG.1><MSG.2>A04</MSG.2><MSG.3>ADT_A01</MSG.3></MSH.9>');
    expect(logged).toContain('<PID.3><CX.1>PAT1</CX.1><CX.4><HD.1>HOSP</HD.1></CX.4><CX.5>MR</CX.5></PID.3><PID.3><CX.1>SSN9</CX.1>');
    expect(logged).toContain('<PID.5><XPN.1><FN.1>DOE</FN.1></XPN.1><XPN.2>JANE</XPN.2><XPN.3>Q</XPN.3></PID.5>');
    expect(logged).toContain('<NTE.3>a | b ^ c &amp; d</NTE.3>');
  });
});

/** The default NACK has no MSH-12 (MI sets none); read it with a version filled in. */
function parseEr7WithVersion(text: string) {
  const [msh, ...rest] = text.split('\r');
  const fields = msh!.split('|');
  while (fields.length < 12) fields.push('');
  fields[8] = fields[8] || 'ACK';
  fields[11] = '2.2';
  return parseEr7([fields.join('|'), ...rest].join('\r'));
}

describe('HL7 inbound endpoint without auto-ack', () => {
  const appAck = synapse(`<sequence name="HL7In"><property name="HL7_APPLICATION_ACK" value="true"/><respond/></sequence>`);
  const nack = synapse(`<sequence name="HL7In"><property name="HL7_RESULT_MODE" value="NACK"/><property name="HL7_NACK_MESSAGE" value="Patient unknown"/><respond/></sequence>`);

  it('HL7_APPLICATION_ACK=true answers with the ACK generated from the request once the flow responds', async () => {
    const port = await freePort();
    await project({ 'HL7In.xml': appAck, 'Ep.xml': inbound('Hl7Ep', port, { 'inbound.hl7.AutoAck': 'false' }) });
    const c = await client(port);
    c.send(ADT25);
    const ack = parseEr7(unframe(await c.nextFrame()));
    expect(ackSummary(ack)).toMatchObject({ code: 'AA', controlId: 'CTRL-77' });
    expect(fieldText(ack.segments[0], 9, 3)).toBe('ACK');
  });

  it('HL7_RESULT_MODE=NACK answers AE with HL7_NACK_MESSAGE', async () => {
    const port = await freePort();
    await project({ 'HL7In.xml': nack, 'Ep.xml': inbound('Hl7Ep', port, { 'inbound.hl7.AutoAck': 'false' }) });
    const c = await client(port);
    c.send(ADT25);
    const ack = parseEr7(unframe(await c.nextFrame()));
    expect(ackSummary(ack)).toEqual({ code: 'AE', controlId: 'CTRL-77', text: 'Patient unknown' });
    expect(ack.segments.map((s) => s.name)).toEqual(['MSH', 'MSA', 'ERR']);
  });

  it('a flow that never answers gets the time-out NACK (AE) after inbound.hl7.TimeOut; the flow\'s own HL7 payload is the answer otherwise', async () => {
    const port = await freePort();
    const echo = synapse(`<sequence name="Echo"><respond/></sequence>`);
    const other = await freePort();
    await project({ 'HL7In.xml': logAndDrop, 'Echo.xml': echo, 'Ep.xml': inbound('Hl7Ep', port, { 'inbound.hl7.AutoAck': 'false', 'inbound.hl7.TimeOut': '300' }), 'Ep2.xml': inbound('EchoEp', other, { 'inbound.hl7.AutoAck': 'false' }, 'Echo') });
    const c = await client(port);
    c.send(ADT25);
    const ack = parseEr7(unframe(await c.nextFrame()));
    expect(ackSummary(ack)).toEqual({ code: 'AE', controlId: 'CTRL-77', text: 'Timed out while waiting for HL7 Response to be generated.' });
    // Responding with the request's own payload sends the request back as the acknowledgement (the payload is the answer).
    const e = await client(other);
    e.send(ADT25);
    expect(unframe(await e.nextFrame())).toBe(ADT25 + '\r');
  });
});

describe('hl7:// endpoints', () => {
  it('frame the message, wait for the ACK, and the ACK becomes the response the client gets', async () => {
    const front = await freePort();
    const back = await freePort();
    const forward = synapse(`<sequence name="Forward"><call><endpoint><address uri="hl7://127.0.0.1:${back}"/></endpoint></call><log level="full"/><respond/></sequence>`);
    const p = await project({ 'HL7In.xml': logAndDrop, 'Forward.xml': forward, 'Front.xml': inbound('Front', front, { 'inbound.hl7.AutoAck': 'false' }, 'Forward'), 'Back.xml': inbound('Back', back, {}) });
    const c = await client(front);
    c.send(ADT25);
    const ack = parseEr7(unframe(await c.nextFrame()));
    expect(ackSummary(ack)).toMatchObject({ code: 'AA', controlId: 'CTRL-77' });
    // The back endpoint made this ACK: its sender is the request's receiver.
    expect(fieldText(ack.segments[0], 3, 1)).toBe('EHR');
    expect(p.logger.messages('info').some((m) => m.includes('<ACK xmlns="urn:hl7-org:v2xml">'))).toBe(true);
  });

  it('no ACK in time faults with 101504 into the fault sequence; the listener still serves', async () => {
    const silent = net.createServer((s) => s.on('data', () => undefined));
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', () => r()));
    const silentPort = (silent.address() as net.AddressInfo).port;
    try {
      const front = await freePort();
      const forward = synapse(`<sequence name="Forward" onError="ToNack"><call><endpoint><address uri="hl7://127.0.0.1:${silentPort}?timeout=300"/></endpoint></call><respond/></sequence>`);
      const toNack = synapse(`<sequence name="ToNack"><property name="HL7_RESULT_MODE" value="NACK"/><property name="HL7_NACK_MESSAGE" expression="fn:concat('backend: ', get-property('ERROR_CODE'))"/><respond/></sequence>`);
      await project({ 'Forward.xml': forward, 'ToNack.xml': toNack, 'Front.xml': inbound('Front', front, { 'inbound.hl7.AutoAck': 'false' }, 'Forward') });
      const c = await client(front);
      c.send(ADT25);
      expect(ackSummary(parseEr7(unframe(await c.nextFrame())))).toEqual({ code: 'AE', controlId: 'CTRL-77', text: 'backend: 101504' });
      c.send(ADT25.replace('CTRL-77', 'CTRL-78'));
      expect(ackSummary(parseEr7(unframe(await c.nextFrame())))).toMatchObject({ code: 'AE', controlId: 'CTRL-78' });
    } finally {
      silent.close();
    }
  });
});
