import { expect } from 'vitest';
import { defineCase, backendAt } from '../../case.js';

const hosp = backendAt('http://localhost:9090', 'hospital');

export default defineCase({
  id: 'tutorials/sequence-template-tutorial',
  title: 'Tutorial: one sequence template (HospitalRoutingSeq) called per hospital with call-template parameters',
  status: 'pass',
  docsWrong: [
    'the printed log line has the simple-level prefix (To:, MessageID: ...) although the log level is custom: only "message = Routing to <hospital>" is asserted',
    'the template sets uri.var.hospital, which no endpoint uses: routing comes from the endpoint each case calls',
  ],
  backends: { hospital: { kind: 'hospital' } },
  artifacts: [
    { file: 'api_HealthcareAPI.reconstructed.xml', as: 'api_HealthcareAPI.xml' },
    { file: 'template_HospitalRoutingSeq.reconstructed.xml', as: 'template_HospitalRoutingSeq.xml' },
    { file: 'endpoint_GrandOakEP.reconstructed.xml', as: 'endpoint_GrandOakEP.xml', edits: [hosp] },
    { file: 'endpoint_ClemencyEP.reconstructed.xml', as: 'endpoint_ClemencyEP.xml', edits: [hosp] },
    { file: 'endpoint_PineValleyEP.reconstructed.xml', as: 'endpoint_PineValleyEP.xml', edits: [hosp] },
  ],
  async run(t) {
    const request = JSON.parse(t.corpusFile('request.json')) as { patient: Record<string, string>; hospital: string; doctor: string };
    const reserve = (body: unknown) => t.request('POST', '/healthcare/categories/surgery/reserve', { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    const r = await reserve(request);
    expect(r.status).toBe(200);
    const body = r.json() as Record<string, unknown>;
    expect(body).toMatchObject({
      appointmentNumber: 1,
      doctor: { name: 'thomas collins', hospital: 'grand oak community hospital', category: 'surgery', availability: '9.00 a.m - 11.00 a.m', fee: 7000.0 },
      patient: request.patient,
      fee: 7000.0,
      confirmed: false,
    });
    expect(r.text).toContain('"fee":7000.0');
    await t.waitForLog(/\{api:HealthcareAPI\} message = Routing to grand oak community hospital/, 2000);
    expect(t.backend('hospital').lastRequests.at(-1).url).toBe('/grandoaks/categories/surgery/reserve');

    const clemency = await reserve({ ...request, hospital: 'clemency medical center', doctor: 'anne clement' });
    expect(clemency.status).toBe(200);
    expect(clemency.json()).toMatchObject({ doctor: { name: 'anne clement', hospital: 'clemency medical center' } });
    await t.waitForLog(/\{api:HealthcareAPI\} message = Routing to clemency medical center/, 2000);
    expect(t.backend('hospital').lastRequests.at(-1).url).toBe('/clemency/categories/surgery/reserve');
  },
});
