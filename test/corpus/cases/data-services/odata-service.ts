import { expect } from 'vitest';
import { defineCase } from '../../case.js';

export default defineCase({
  id: 'data-services/odata-service',
  title: 'OData v4 service over an RDBMS config (enableOData="true"): service document, $metadata, entity sets',
  status: 'not-yet',
  reason: 'needs the OData v4 endpoint (/odata/<service>/<config>) of data services',
  artifacts: [{ file: 'dataservice_odata_service.dbs' }],
  blocker: async (t) => {
    expect((await t.request('GET', '/odata/odata_service/Datasource', { headers: { Accept: 'application/json' } })).status).toBe(404);
  },
  async run(t) {
    const r = await t.request('GET', '/odata/odata_service/Datasource', { headers: { Accept: 'application/json' } });
    expect(r.status).toBe(200);
  },
});
