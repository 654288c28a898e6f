import { expect } from 'vitest';
import { defineCase, backendAt, replace } from '../../case.js';

/** The page's inbound port 8285 moved to a port of this run (8285 may be taken on a test machine). */
const INBOUND_PORT = 20000 + Math.floor(Math.random() * 20000);

const doctor = (name: string, hospital: string, availability: string, fee: number) => ({ name, hospital, category: 'surgery', availability, fee });

export default defineCase({
  id: 'tutorials/inbound-endpoint-tutorial',
  title: 'Tutorial: an existing REST API reached on another port through an HTTP inbound endpoint (dispatch.filter.pattern)',
  status: 'pass',
  backends: { hospital: { kind: 'hospital' } },
  artifacts: [
    { file: 'api_HealthcareAPI.reconstructed.xml', as: 'api_HealthcareAPI.xml' },
    { file: 'endpoint_QueryDoctorEP.reconstructed.xml', as: 'endpoint_QueryDoctorEP.xml', edits: [backendAt('http://localhost:9090', 'hospital')] },
    { file: 'inboundendpoint_QueryDoctorInboundEndpoint.reconstructed.xml', as: 'inboundendpoint_QueryDoctorInboundEndpoint.xml', edits: [replace('>8285<', `>${INBOUND_PORT}<`)] },
  ],
  async run(t) {
    // Through the inbound endpoint's own listener: the URI matches the pattern, so it is dispatched to the API.
    const res = await fetch(`http://127.0.0.1:${INBOUND_PORT}/healthcare/querydoctor/surgery`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual([
      doctor('thomas collins', 'grand oak community hospital', '9.00 a.m - 11.00 a.m', 7000.0),
      doctor('anne clement', 'clemency medical center', '8.00 a.m - 10.00 a.m', 12000.0),
      doctor('seth mears', 'pine valley community hospital', '3.00 p.m - 5.00 p.m', 8000.0),
    ]);
    await t.waitForLog(/\{api:HealthcareAPI\} Log Property message = "Welcome to HealthcareService"$/);
    expect(t.backend('hospital').lastRequests.at(-1).url).toBe('/healthcare/surgery');
  },
});
