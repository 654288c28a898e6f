import { expect } from 'vitest';
import { defineCase, backendAt, replace } from '../../case.js';
import { pointWsdlAtStandIn } from '../proxy/simple-proxy.js';
import { expectAccepted, until, quotesGenerated } from './_ms.js';

const table = `jdbc_message_store_${process.pid}_${Math.floor(Math.random() * 1e6)}`;

export default defineCase({
  id: 'message-store/jdbc-store-forwarding-processor',
  title: 'JDBC store on MariaDB (jdbc:mysql:) with a forwarding processor: stored in MI\'s table, forwarded, removed',
  status: 'pass',
  docsWrong: ['the password is masked (********) and sampleDB must be made by hand: the machine\'s MariaDB account (root, no password) and its database test are used, with a table of this run', 'the WSDL is a placeholder path: the stand-in\'s WSDL is used'],
  deviates: ['interval 10000 ms is shortened to 500 ms so the run takes under a second; the message column holds Mediate\'s stored form (JSON), not a Java-serialised object'],
  backends: { quotes: { kind: 'stock-quote' } },
  artifacts: [
    { file: 'endpoint_StockQuoteServiceEp.xml', edits: [backendAt('http://localhost:9000', 'quotes')] },
    { file: 'messageprocessor_ScheduledProcessor.xml', edits: [replace('<parameter name="interval">10000</parameter>', '<parameter name="interval">500</parameter>')] },
    { file: 'messagestore_SampleStore.xml', edits: [replace('jdbc:mysql://localhost:3306/sampleDB', 'jdbc:mysql://127.0.0.1:3306/test'), replace('********', ''), replace('>jdbc_message_store<', `>${table}<`)] },
    { file: 'proxy_MessageStoreProxy.xml', edits: [pointWsdlAtStandIn] },
  ],
  async run(t) {
    await expectAccepted(t, 'MessageStoreProxy');
    await until('the back end generated the quote', () => quotesGenerated(t) === 1);
    await until('the row is gone', async () => (await t.host.messaging.storeSize('SampleStore')) === 0);
    const mysql = await import('mysql2/promise');
    const c = await mysql.createConnection({ host: '127.0.0.1', port: 3306, user: 'root', password: '', database: 'test' });
    try {
      const [cols] = await c.query(`SHOW COLUMNS FROM ${table}`);
      expect((cols as { Field: string }[]).map((x) => x.Field)).toEqual(['indexId', 'msg_id', 'message']);
    } finally {
      await c.query(`DROP TABLE IF EXISTS ${table}`);
      await c.end();
    }
  },
});
