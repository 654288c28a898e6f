import { expect } from 'vitest';
import { defineCase, replace } from '../../case.js';
import { acceptorListening, expectWellFramed, fixAddressAt, fixCaseEnv, FixPeer, newOrderSingle } from './_fix.js';

const env = await fixCaseEnv();

// The page's fix-synapse-m40.cfg and synapse-sender-m.cfg are not printed: these are ours, as the
// commented-out steps describe them (FIX 4.0 acceptor for Banzai, FIX 4.1 initiator to the Executor).
const acceptorCfg = `[default]\nFileStorePath=repository/logs/fix/data\nConnectionType=acceptor\nStartTime=00:00:00\nEndTime=00:00:00\nHeartBtInt=30\nSenderCompID=SYNAPSE\nTargetCompID=BANZAI\n\n[session]\nBeginString=FIX.4.0\nSocketAcceptPort=9876\n`;
const initiatorCfg = `[default]\nFileStorePath=repository/logs/fix/data\nConnectionType=initiator\nSocketConnectHost=localhost\nHeartBtInt=30\nReconnectInterval=5\nSenderCompID=SYNAPSE\nTargetCompID=EXEC\n\n[session]\nBeginString=FIX.4.1\nSocketConnectPort=19877\n`;

export default defineCase({
  id: 'protocol-switching/switching-between-fix-versions',
  title: 'Switching between FIX versions: a FIX 4.0 order from Banzai goes to a FIX 4.1 Executor; its reports come back in FIX 4.0',
  status: 'pass',
  docsWrong: ["the page's proxy is not well-formed XML (raw '&' in the address uri): it is refused with the position of the fault, the corrected copy deploys"],
  deviates: [
    'the session files of the hidden steps are not printed: the module writes its own (FIX 4.0 acceptor SYNAPSE/BANZAI, FIX 4.1 initiator SYNAPSE/EXEC) on free ports',
    'Banzai and the FIX 4.1 Executor are the Node FIX peers of engine/node/transports/fix/test-counterparty.ts',
  ],
  expectRefused: ['proxy_OrderProcesserProxy41.xml'],
  artifacts: [
    { file: 'proxy_OrderProcesserProxy41.xml' },
    {
      file: 'proxy_OrderProcesserProxy41.corrected.xml',
      edits: [
        replace('file:repository/samples/resources/fix/fix-synapse-m40.cfg', env.cfg('fix-synapse-m40.cfg', acceptorCfg)),
        replace('file:repository/samples/resources/fix/synapse-sender-m.cfg', env.cfg('synapse-sender-m.cfg', initiatorCfg)),
        fixAddressAt(env, 19877),
      ],
    },
  ],
  async run(t) {
    expect(t.refused.find((r) => r.file === 'proxy_OrderProcesserProxy41.xml')?.messages.join(' ')).toMatch(/XML001 malformed XML/);
    const executor = new FixPeer('executor', 'FIX.4.1', 'EXEC', 'SYNAPSE');
    const banzai = new FixPeer('banzai', 'FIX.4.0', 'BANZAI', 'SYNAPSE');
    await executor.listen(env.executorPort);
    try {
      await acceptorListening(t, 'OrderProcesserProxy41');
      await banzai.connect(env.acceptorPort);
      banzai.send(newOrderSingle({ clOrdId: 'v1', symbol: 'DELL', side: '1', quantity: '1000', ordType: '1' }));
      const order = await executor.waitFor((m) => m.fields.get(35) === 'D');
      expect([order.fields.get(8), order.fields.get(55), order.fields.get(54), order.fields.get(38), order.fields.get(40), order.fields.get(11)]).toEqual(['FIX.4.1', 'DELL', '1', '1000', '1', 'v1']);
      const reports = [await banzai.waitFor((m) => m.fields.get(35) === '8' && m.fields.get(39) === '0'), await banzai.waitFor((m) => m.fields.get(35) === '8' && m.fields.get(39) === '2')];
      for (const r of reports) expect([r.fields.get(8), r.fields.get(11), r.fields.get(49), r.fields.get(56)]).toEqual(['FIX.4.0', 'v1', 'SYNAPSE', 'BANZAI']);
      expect(executor.received.every((m) => m.fields.get(8) === 'FIX.4.1')).toBe(true);
      expectWellFramed(executor);
      expectWellFramed(banzai);
    } finally {
      await banzai.close();
      await executor.close();
    }
  },
});
