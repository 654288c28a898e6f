import { expect } from 'vitest';
import { defineCase, backendAt } from '../../case.js';

const hosp = backendAt('http://localhost:9090', 'hospital');

export default defineCase({
  id: 'tutorials/service-orchestration-hospital',
  title: 'Tutorial: service orchestration (reserve, then the fee, then settle the payment) with call and payloadFactory',
  status: 'pass',
  docsWrong: [
    'the request puts cardNo inside patient while the property reads $.cardNo at the root: the payment request carries "card_number":"" (asserted)',
    'the illustrated payment request (appointmentNumber 2, Fee, Dob, Confirmed, card 1234567890) is not what the format produces: the real one is asserted',
    'the printed intermediate reserve response has dob 1990-03-19 while the request sends 1940-03-19',
  ],
  backends: { hospital: { kind: 'hospital' } },
  artifacts: [
    { file: 'api_HealthcareAPI.reconstructed.xml', as: 'api_HealthcareAPI.xml' },
    { file: 'endpoint_HospitalServicesEP.reconstructed.xml', as: 'endpoint_HospitalServicesEP.xml', edits: [hosp] },
    { file: 'endpoint_ChannelingFeeEP.reconstructed.xml', as: 'endpoint_ChannelingFeeEP.xml', edits: [hosp] },
    { file: 'endpoint_SettlePaymentEP.reconstructed.xml', as: 'endpoint_SettlePaymentEP.xml', edits: [hosp] },
  ],
  async run(t) {
    const request = JSON.parse(t.corpusFile('request.json')) as { patient: Record<string, string> };
    const r = await t.request('POST', '/healthcare/categories/surgery/reserve', { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(request) });
    expect(r.status).toBe(200);
    const body = r.json() as Record<string, unknown>;
    expect(body).toMatchObject({ patient: 'John Doe', actualFee: 7000.0, discount: 20, discounted: 5600.0, status: 'Settled' });
    expect(String(body.paymentID)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    const calls = (t.backend('hospital').lastRequests as { method: string; url: string; body?: string }[]).map((c) => `${c.method} ${c.url}`);
    expect(calls.slice(-3)).toEqual(['POST /grandoaks/categories/surgery/reserve', 'GET /grandoaks/categories/appointments/1/fee', 'POST /healthcare/payments']);
    // The patient comes from the reserve response: the back end keeps the patient without the misplaced cardNo.
    const { cardNo: _misplaced, ...patient } = request.patient;
    const payment = (t.backend('hospital').lastRequests as { body?: string }[]).at(-1)!.body;
    expect(JSON.parse(String(payment))).toMatchObject({ appointmentNumber: 1, doctor: { name: 'thomas collins' }, patient, fee: 7000.0, confirmed: 'false', card_number: '' });
  },
});
