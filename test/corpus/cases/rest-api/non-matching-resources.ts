import { expect } from 'vitest';
import { defineCase } from '../../case.js';
import { expectSameXml } from '../../xml.js';

export default defineCase({
  id: 'rest-api/non-matching-resources',
  title: 'The _resource_mismatch_handler_ sequence answers 404 for an unknown resource',
  status: 'pass',
  // CustomerService (on MI's own 8290) is never reached by the documented request.
  artifacts: [{ file: 'api_jaxrs.xml' }, { file: 'endpoint_CustomerService.xml' }, { file: 'sequence__resource_mismatch_handler_.xml' }],
  async run(t) {
    const r = await t.request('GET', '/jaxrs/customers-wrong/123');
    expect(r.status).toBe(404);
    // Note the double slash: REST_URL_POSTFIX is /customers-wrong/123 and the format adds another /.
    expectSameXml(
      r.text,
      '<tp:fault xmlns:tp="http://test.com"><tp:code>404</tp:code><tp:type>Status report</tp:type><tp:message>Not Found</tp:message><tp:description>The requested resource (//customers-wrong/123) is not available.</tp:description></tp:fault>',
    );
  },
});
