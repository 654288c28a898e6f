import { expect } from 'vitest';
import { defineCase, replace } from '../../case.js';
import { eventually } from '../../common.js';
import { expectWellFramed, fixAddressAt, fixCaseEnv, FixPeer, transportPageCfg } from './_fix.js';

const env = await fixCaseEnv();

export default defineCase({
  id: 'protocol-switching/http-to-fix',
  title: 'HTTP to FIX: a SOAP request carrying FIX XML becomes a FIX 4.0 NewOrderSingle; the first ExecutionReport comes back over HTTP',
  status: 'pass',
  docsWrong: ["the request's SendingTime (52) is a Java date string, not a FIX UTCTimestamp: the session writes its own (asserted)"],
  deviates: [
    'the Executor is the Node FIX peer of engine/node/transports/fix/test-counterparty.ts; the initiator session file (linked, not printed) is the FIX transport page\'s synapse-sender.cfg with its port moved to a free one',
  ],
  artifacts: [
    { file: 'endpoint_FixEp.xml', edits: [fixAddressAt(env, 19876)] },
    { file: 'proxy_HTTPToFIXProxy.xml', edits: [replace('file:/{file_path}/synapse-sender.cfg', env.cfg('synapse-sender.cfg', transportPageCfg('synapse-sender.cfg')))] },
  ],
  async run(t) {
    const executor = new FixPeer('executor', 'FIX.4.0', 'EXEC', 'SYNAPSE');
    await executor.listen(env.executorPort);
    try {
      const r = await t.request('POST', '/services/HTTPToFIXProxy', { headers: { 'Content-Type': 'text/xml', SOAPAction: '\\"urn:mediate\\"' }, body: t.corpusFile('request.xml') });
      expect(r.status).toBe(200);
      const message = /<message inSession="([^"]*)" counter="(\d+)">([\s\S]*)<\/message>/.exec(r.text);
      expect(message?.[1]?.replace('&gt;', '>')).toBe('FIX.4.0:SYNAPSE->EXEC');
      const field = (id: number) => new RegExp(`<field id="${id}">([^<]*)</field>`).exec(message?.[3] ?? '')?.[1];
      expect([field(8), field(35), field(11), field(55), field(38), field(54), field(39), field(49), field(56)]).toEqual(['FIX.4.0', '8', '122333', 'IBM', '5', '1', '0', 'EXEC', 'SYNAPSE']);
      expect(r.text).toMatch(/<soapenv:Envelope[\s\S]*<soapenv:Body>\s*<message /);
      const orders = executor.received.filter((m) => m.fields.get(35) === 'D');
      expect(orders).toHaveLength(1);
      const d = orders[0]!;
      expect([d.fields.get(8), d.fields.get(49), d.fields.get(56), d.fields.get(11), d.fields.get(55), d.fields.get(54), d.fields.get(40), d.fields.get(38), d.fields.get(21), d.fields.get(59)]).toEqual(['FIX.4.0', 'SYNAPSE', 'EXEC', '122333', 'IBM', '1', '1', '5', '1', '0']);
      expect(d.fields.get(52)).toMatch(/^\d{8}-\d{2}:\d{2}:\d{2}$/);
      expectWellFramed(executor);
      // The Executor's second report (Filled) is dropped: transport.fix.DropExtraResponses=true.
      await eventually(() => expect(t.records().some((l) => /dropped a further response for ClOrdID 122333/.test(l.message))).toBe(true));
    } finally {
      await executor.close();
    }
  },
});
