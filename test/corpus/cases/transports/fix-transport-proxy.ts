import { expect } from 'vitest';
import { defineCase, replace } from '../../case.js';
import { acceptorListening, expectWellFramed, fixAddressAt, fixCaseEnv, FixPeer, newOrderSingle, transportPageCfg } from '../protocol-switching/_fix.js';

const env = await fixCaseEnv();

export default defineCase({
  id: 'transports/fix-transport-proxy',
  title: 'FIX transport: Banzai → FIX acceptor proxy → Executor over an initiator session; both execution reports relayed back to Banzai',
  status: 'pass',
  deviates: [
    'Banzai and Executor are the Node FIX peers of engine/node/transports/fix/test-counterparty.ts (no QuickFIX/J here); the session files are the page\'s, with their ports moved to free ones',
    'FileStorePath (relative) is resolved under the project\'s .mediate/fix/, not the server\'s working directory',
  ],
  artifacts: [
    {
      file: 'proxy_FIXProxy.xml',
      edits: [
        replace('file:/home/synapse_user/fix-config/fix-synapse.cfg', env.cfg('fix-synapse.cfg', transportPageCfg('fix-synapse.cfg'))),
        replace('file:/home/synapse_user/fix-config/synapse-sender.cfg', env.cfg('synapse-sender.cfg', transportPageCfg('synapse-sender.cfg'))),
        fixAddressAt(env, 19876),
      ],
    },
  ],
  async run(t) {
    const executor = new FixPeer('executor', 'FIX.4.0', 'EXEC', 'SYNAPSE');
    const banzai = new FixPeer('banzai', 'FIX.4.0', 'BANZAI', 'SYNAPSE');
    await executor.listen(env.executorPort);
    try {
      await acceptorListening(t, 'FIXProxy');
      await banzai.connect(env.acceptorPort);
      banzai.send(newOrderSingle({ clOrdId: 'ord1', symbol: 'IBM', side: '1', quantity: '100', ordType: '1' }));
      const logon = await executor.waitFor((m) => m.fields.get(35) === 'A');
      expect([logon.fields.get(8), logon.fields.get(49), logon.fields.get(56), logon.fields.get(108)]).toEqual(['FIX.4.0', 'SYNAPSE', 'EXEC', '30']);
      const order = await executor.waitFor((m) => m.fields.get(35) === 'D');
      expect([order.fields.get(11), order.fields.get(55), order.fields.get(54), order.fields.get(38), order.fields.get(40)]).toEqual(['ord1', 'IBM', '1', '100', '1']);
      const reports = [await banzai.waitFor((m) => m.fields.get(35) === '8' && m.fields.get(39) === '0'), await banzai.waitFor((m) => m.fields.get(35) === '8' && m.fields.get(39) === '2')];
      for (const r of reports) expect([r.fields.get(8), r.fields.get(49), r.fields.get(56), r.fields.get(11)]).toEqual(['FIX.4.0', 'SYNAPSE', 'BANZAI', 'ord1']);
      expect(executor.received.filter((m) => m.fields.get(35) === 'D')).toHaveLength(1);
      expectWellFramed(executor);
      expectWellFramed(banzai);
      // inSequence logs the order, the outSequence each report, as FIX XML.
      // (the log's serializer writes '>' in an attribute as &gt;)
      await t.waitForLog(/Direction: request.*<message inSession="FIX\.4\.0:SYNAPSE-(?:&gt;|>)BANZAI" counter="1"><header>.*<field id="35">D<\/field>.*<field id="55">IBM<\/field>/);
      await t.waitForLog(/Direction: response.*<message inSession="FIX\.4\.0:SYNAPSE-(?:&gt;|>)EXEC" counter="\d+">.*<field id="39">0<\/field>/);
      await t.waitForLog(/Direction: response.*<message inSession="FIX\.4\.0:SYNAPSE-(?:&gt;|>)EXEC" counter="\d+">.*<field id="39">2<\/field>/);
    } finally {
      await banzai.close();
      await executor.close();
    }
  },
});
