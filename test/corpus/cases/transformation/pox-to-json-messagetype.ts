import { expect } from 'vitest';
import { defineCase } from '../../case.js';
import { soap11 } from '../../xml.js';

export const STATION_XML = `<SpaceX_LaunchPads><Station><Name>Kennedy Space Center Historic Launch Complex 39A</Name><Short_Name>KSC LC 39A</Short_Name><Launches><Attempts>18</Attempts><Successful>18</Successful></Launches><Region>Florida</Region><Latitude>28.6080585</Latitude><Longitude>-80.6039558</Longitude><WIKI_Link>https://en.wikipedia.org/wiki/Kennedy_Space_Center_Launch_Complex_39#Launch_Pad_39A</WIKI_Link></Station></SpaceX_LaunchPads>`;

export default defineCase({
  id: 'transformation/pox-to-json-messagetype',
  title: 'SOAP → JSON with messageType (echo): the envelope is kept as Envelope/Header/Body',
  status: 'pass',
  artifacts: [{ file: 'proxy_POX_To_JSON_Convert_Msgtype_Proxy.xml' }],
  async run(t) {
    const r = await t.request('POST', '/services/POX_To_JSON_Convert_Msgtype_Proxy', { headers: { 'Content-Type': 'text/xml' }, body: soap11(STATION_XML) });
    expect(r.status).toBe(200);
    expect(r.json()).toEqual({
      Envelope: {
        Header: null,
        Body: {
          SpaceX_LaunchPads: {
            Station: {
              Name: 'Kennedy Space Center Historic Launch Complex 39A',
              Short_Name: 'KSC LC 39A',
              Launches: { Attempts: 18, Successful: 18 },
              Region: 'Florida',
              Latitude: 28.6080585,
              Longitude: -80.6039558,
              WIKI_Link: 'https://en.wikipedia.org/wiki/Kennedy_Space_Center_Launch_Complex_39#Launch_Pad_39A',
            },
          },
        },
      },
    });
  },
});
