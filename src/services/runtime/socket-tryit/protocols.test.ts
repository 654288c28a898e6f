/**
 * Socket Try-it against the runtime's own listeners over real sockets: an HL7 inbound endpoint
 * (the ACK comes back, MSA AA with the control id), a WebSocket inbound endpoint (the answering
 * frame), and a transports="fix" proxy (the Try-it logs on as the counterparty its session file
 * names and shows the execution report). The runtime items come from the running host, as the
 * studio's runtime view gets them.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RuntimeItem } from '../../../contract/index.js';
import { freePort, startTestProject, synapse, waitFor, type TestProject } from '../../../../engine/node/transports/testing/project.js';
import { sendSocketTryIt } from './send.js';

describe('socket Try-it on HL7, WebSocket and FIX listeners', () => {
  let p: TestProject;
  const ports = { hl7: 0, ws: 0, fix: 0 };
  const items = () => p.host.active.statuses() as unknown as RuntimeItem[];
  const send = (artifact: string, payload: string) => sendSocketTryIt({ items, log: () => [] }, { artifact, payload, timeoutMs: 5000 });

  beforeAll(async () => {
    ports.hl7 = await freePort();
    ports.ws = await freePort();
    ports.fix = await freePort();
    p = await startTestProject({
      'Drop.xml': synapse(`<sequence name="Drop"><log level="custom"><property name="got" value="hl7"/></log><drop/></sequence>`),
      'Upper.xml': synapse(`<sequence name="Upper"><payloadFactory media-type="text"><format>UPPER $1</format><args><arg expression="//text()"/></args></payloadFactory><respond/></sequence>`),
      'Hl7In.xml': synapse(`<inboundEndpoint name="Hl7In" protocol="hl7" sequence="Drop" onError="fault" suspend="false"><parameters>
        <parameter name="inbound.hl7.Port">${ports.hl7}</parameter><parameter name="inbound.hl7.AutoAck">true</parameter></parameters></inboundEndpoint>`),
      'WsIn.xml': synapse(`<inboundEndpoint name="WsIn" protocol="ws" sequence="Upper" onError="fault" suspend="false"><parameters>
        <parameter name="inbound.ws.port">${ports.ws}</parameter><parameter name="ws.default.content.type">text/plain</parameter></parameters></inboundEndpoint>`),
    });
    const cfg = path.join(p.dir, 'acceptor.cfg');
    fs.writeFileSync(cfg, `[default]\nFileStorePath=data\nConnectionType=acceptor\nHeartBtInt=30\nSenderCompID=SYNAPSE\nTargetCompID=BANZAI\n[session]\nBeginString=FIX.4.4\nSocketAcceptPort=${ports.fix}\n`);
    p.write(
      'Orders.xml',
      synapse(`<proxy name="Orders" transports="fix"><target><inSequence><payloadFactory media-type="xml"><format><message xmlns=""><header><field id="35">8</field></header><body><field id="11">$1</field><field id="39">0</field></body><trailer/></message></format><args><arg expression="//message/body/field[@id='11']"/></args></payloadFactory><respond/></inSequence></target>
        <parameter name="transport.fix.AcceptorConfigURL">file:${cfg}</parameter></proxy>`),
    );
    await p.refresh();
    await waitFor(() => ['inbound-endpoint:Hl7In', 'inbound-endpoint:WsIn', 'proxy:Orders'].every((a) => items().find((i) => i.artifact === a)?.state === 'listening'), 'the three listeners', 10000);
  }, 30000);
  afterAll(async () => {
    await p?.close();
  });

  it('sends an HL7 message typed with line ends as one MLLP frame and shows the ACK', async () => {
    const reply = await send('inbound-endpoint:Hl7In', 'MSH|^~\\&|HIS|RIH|EKG|EKG|199904140038||ADT^A01|MSG00042|P|2.5\nPID|1||PAT1^^^HOSP^MR||SMITH^JOHN\n');
    expect(reply.protocol).toBe('hl7');
    const [msh, msa] = reply.reply.split('\n');
    expect(msh).toMatch(/^MSH\|\^~\\&\|EKG\|EKG\|HIS\|RIH\|/);
    expect(msa).toBe('MSA|AA|MSG00042');
  });

  it('sends a WebSocket text frame and shows the frame the flow answers with', async () => {
    const reply = await send('inbound-endpoint:WsIn', 'hello');
    expect(reply).toMatchObject({ protocol: 'ws', reply: 'UPPER hello' });
  });

  it('logs on to a FIX proxy as its counterparty and shows the execution report', async () => {
    const reply = await send('proxy:Orders', '35=D|11=order-7|55=IBM|54=1|38=100|40=1');
    expect(reply.protocol).toBe('fix');
    expect(reply.reply).toMatch(/^8=FIX\.4\.4\|9=\d+\|35=8\|/);
    expect(reply.reply).toContain('|49=SYNAPSE|56=BANZAI|');
    expect(reply.reply).toContain('|11=order-7|39=0|');
    expect(reply.reply).toMatch(/\|10=\d{3}\|$/);
  });

  it('says what is wrong with a FIX payload without a message type', async () => {
    await expect(send('proxy:Orders', '11=x|55=IBM')).rejects.toThrow('the message needs a MsgType field (35=…)');
  });
});
