import { expect } from 'vitest';
import { defineCase } from '../../case.js';

export default defineCase({
  id: 'templates/sequence-template-call',
  title: 'call-template with parameters ($func:message); only the first lang counts',
  status: 'pass',
  // proxy_HelloProxy.no-template-variant.xml is the page's "before" version of the same proxy: not deployed.
  artifacts: [{ file: 'template_Hello_Logger.xml' }, { file: 'proxy_HelloProxy.xml' }],
  async run(t) {
    const r = await t.request('POST', '/services/HelloProxy', { headers: { 'Content-Type': 'application/xml' }, body: '<body><lang>English</lang><lang>French</lang><lang>Japanese</lang></body>' });
    // drop: the client gets 202 and no body.
    expect(r.status).toBe(202);
    expect(r.text).toBe('');
    await t.waitForLog(/GREETING_MESSAGE = Hello$/);
    expect(t.logs().filter((l) => /GREETING_MESSAGE/.test(l))).toHaveLength(1);
    await t.request('POST', '/services/HelloProxy', { headers: { 'Content-Type': 'application/xml' }, body: '<body><lang>Japanese</lang></body>' });
    await t.waitForLog(/GREETING_MESSAGE = Konnichiwa$/);
  },
});
