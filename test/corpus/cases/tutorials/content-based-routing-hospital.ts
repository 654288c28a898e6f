import { expect } from 'vitest';
import { defineCase, backendAt } from '../../case.js';

const hosp = backendAt('http://localhost:9090', 'hospital');

export default defineCase({
  id: 'tutorials/content-based-routing-hospital',
  title: 'Tutorial: route a reservation by the hospital named in the JSON body',
  status: 'pass',
  docsWrong: ['the printed response has dob 1990-03-19 while the request sends 1940-03-19; the backend echoes the request\'s patient, so we expect 1940-03-19'],
  backends: { hospital: { kind: 'hospital' } },
  artifacts: [
    { file: 'api_HealthcareAPI.reconstructed.xml', as: 'api_HealthcareAPI.xml' },
    { file: 'endpoint_GrandOakEP.reconstructed.xml', as: 'endpoint_GrandOakEP.xml', edits: [hosp] },
    { file: 'endpoint_ClemencyEP.reconstructed.xml', as: 'endpoint_ClemencyEP.xml', edits: [hosp] },
    { file: 'endpoint_PineValleyEP.reconstructed.xml', as: 'endpoint_PineValleyEP.xml', edits: [hosp] },
  ],
  async run(t) {
    const request = JSON.parse(t.corpusFile('request.json')) as { patient: Record<string, string> };
    const r = await t.request('POST', '/healthcare/categories/surgery/reserve', { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(request) });
    expect(r.status).toBe(200);
    expect(r.json()).toEqual({
      appointmentNumber: 1,
      doctor: { name: 'thomas collins', hospital: 'grand oak community hospital', category: 'surgery', availability: '9.00 a.m - 11.00 a.m', fee: 7000.0 },
      patient: request.patient,
      fee: 7000.0,
      confirmed: false,
      appointmentDate: '2025-04-02',
    });
    expect(r.text).toContain('"fee":7000.0');
    await t.waitForLog(/INFO \{LogMediator\} .*message = Routing to grand oak community hospital$/);
    expect(t.backend('hospital').lastRequests.at(-1).url).toBe('/grandoaks/categories/surgery/reserve');
  },
});
