import { expect } from 'vitest';
import { defineCase } from '../../case.js';

const REQUEST = `{"geometry":{"location":{"lat":-33.867260,"lng":151.1958130}},"icon":"bar-71.png","id":"7eaf7","name":"Biaggio Cafe","opening_hours":{"open_now":true},"photos":[{"height":600,"html_attributions":[],"photo_reference":"CoQBegAAAI","width":900}],"price_level":1,"reference":"CnRqAAAAtz","types":["bar","restaurant","food","establishment"],"vicinity":"48 Pirrama Road, Pyrmont"}`;

export default defineCase({
  id: 'json/payloadfactory-jsonpath-args',
  title: 'PayloadFactory with JSONPath args: a quoted "$2" receiving an array stays an array',
  status: 'pass',
  artifacts: [{ file: 'proxy_singleresponse.xml' }],
  async run(t) {
    const r = await t.request('POST', '/services/singleresponse', { headers: { 'Content-Type': 'application/json' }, body: REQUEST });
    expect(r.status).toBe(200);
    expect(r.contentType).toMatch(/^application\/json/);
    expect(r.json()).toEqual({ location_response: { name: 'Biaggio Cafe', tags: ['bar', 'restaurant', 'food', 'establishment'] } });
  },
});
