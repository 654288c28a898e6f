import { defineCase, backendAt } from '../../case.js';
import { expectAccepted, until } from './_ms.js';

export default defineCase({
  id: 'message-store/securing-forwarding-processor',
  title: 'Forwarding processor through an endpoint with WS-Security (enableSec)',
  status: 'not-yet',
  reason: 'WS-Security on endpoints (enableSec with a Rampart policy) is not built, and the policy file is external (case.md: not checkable offline)',
  backends: { quotes: { kind: 'stock-quote' } },
  artifacts: [
    { file: 'endpoint_SecureStockQuoteService.xml', edits: [backendAt('http://localhost:9000', 'quotes')] },
    { file: 'localentry_sec_policy.xml' },
    { file: 'messageprocessor_SecureForwardingProcessor.xml' },
    { file: 'messagestore_MSG_STORE.xml' },
    { file: 'proxy_StockQuoteProxy.xml' },
  ],
  async run(t) {
    await expectAccepted(t, 'StockQuoteProxy');
    // A secured back end would only accept an encrypted, signed message.
    await until('the back end received a secured message', () => t.backend('quotes').logs.some((l) => l.includes('wsse:Security')), 3000);
  },
});
