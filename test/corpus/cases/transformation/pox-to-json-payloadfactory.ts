import { expect } from 'vitest';
import { defineCase } from '../../case.js';
import { STATION_XML } from './pox-to-json-messagetype.js';

export default defineCase({
  id: 'transformation/pox-to-json-payloadfactory',
  title: 'POX → JSON with payloadFactory media-type json (quoted and bare placeholders)',
  status: 'pass',
  artifacts: [{ file: 'proxy_POX_To_JSON_Convert_PayloadFactory_Proxy.xml' }],
  async run(t) {
    const r = await t.request('POST', '/services/POX_To_JSON_Convert_PayloadFactory_Proxy', { headers: { 'Content-Type': 'text/xml' }, body: STATION_XML });
    expect(r.status).toBe(200);
    expect(r.contentType).toMatch(/^application\/json/);
    expect(r.json()).toEqual({
      name: 'KSC LC 39A',
      location: { region: 'Florida', latitude: 28.6080585, longitude: -80.6039558 },
      attempted_launches: 18,
      successful_launches: 18,
      wikipedia: 'https://en.wikipedia.org/wiki/Kennedy_Space_Center_Launch_Complex_39#Launch_Pad_39A',
      site_name_long: 'Kennedy Space Center Historic Launch Complex 39A',
    });
  },
});
