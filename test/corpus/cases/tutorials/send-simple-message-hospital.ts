import { expect } from 'vitest';
import { defineCase, backendAt } from '../../case.js';

const doctor = (name: string, hospital: string, availability: string, fee: number) => ({ name, hospital, category: 'surgery', availability, fee });

export default defineCase({
  id: 'tutorials/send-simple-message-hospital',
  title: 'Tutorial: send a simple message (GET doctors by category)',
  status: 'pass',
  backends: { hospital: { kind: 'hospital' } },
  artifacts: [
    { file: 'api_HealthcareAPI.reconstructed.xml', as: 'api_HealthcareAPI.xml' },
    { file: 'endpoint_QueryDoctorEP.reconstructed.xml', as: 'endpoint_QueryDoctorEP.xml', edits: [backendAt('http://localhost:9090', 'hospital')] },
  ],
  async run(t) {
    const r = await t.request('GET', '/healthcare/querydoctor/surgery');
    expect(r.status).toBe(200);
    expect(r.json()).toEqual([
      doctor('thomas collins', 'grand oak community hospital', '9.00 a.m - 11.00 a.m', 7000.0),
      doctor('anne clement', 'clemency medical center', '8.00 a.m - 10.00 a.m', 12000.0),
      doctor('seth mears', 'pine valley community hospital', '3.00 p.m - 5.00 p.m', 8000.0),
    ]);
    await t.waitForLog(/INFO \{LogMediator\} - \{api:HealthcareAPI\} Log Property message = "Welcome to HealthcareService"$/);
  },
});
