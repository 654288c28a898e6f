import { expect } from 'vitest';
import { defineCase } from '../../case.js';

const REQUEST = `<coordinates>
       <location><name>Bermuda Triangle</name><n>25.0000</n><w>71.0000</w></location>
       <location><name>Eiffel Tower</name><n>48.8582</n><e>2.2945</e></location>
</coordinates>`;

export default defineCase({
  id: 'json/tojson-messagetype',
  title: 'XML → JSON via messageType: repeated elements become an array',
  status: 'pass',
  artifacts: [{ file: 'proxy_tojson.xml' }],
  async run(t) {
    const r = await t.request('POST', '/services/tojson', { headers: { 'Content-Type': 'application/xml' }, body: REQUEST });
    expect(r.status).toBe(200);
    expect(r.json()).toEqual({ coordinates: { location: [{ name: 'Bermuda Triangle', n: 25, w: 71 }, { name: 'Eiffel Tower', n: 48.8582, e: 2.2945 }] } });
    // MI writes the number token as it appeared in the XML text.
    expect(r.text.replace(/\s/g, '')).toContain('"n":25.0000');
  },
});
