import { expect } from 'vitest';
import { defineCase, backendAt } from '../../case.js';
import { expectSameXml } from '../../xml.js';

const PATIENT = { name: 'John Doe', dob: '1940-03-19', ssn: '234-23-525', address: 'California', phone: '8770586755', email: 'johndoe@gmail.com' };
const DOCTOR = { name: 'thomas collins', hospital: 'grand oak community hospital', category: 'surgery', availability: '9.00 a.m - 11.00 a.m', fee: 7000.0 };

export default defineCase({
  id: 'rest-api/transforming-content-type',
  title: 'JSON ⇄ XML on the response via messageType; REST_URL_POSTFIX removed or appended',
  status: 'pass',
  docsWrong: ['the backend JSON on the page shows "fee": 7000; the real service sends 7000.0, which is why the XML shows <fee>7000.0</fee>'],
  backends: { hospital: { kind: 'hospital' } },
  artifacts: [
    { file: 'api_HealthcareService.xml' },
    { file: 'endpoint_GrandOaks.xml', edits: [backendAt('http://localhost:9090', 'hospital')] },
    { file: 'endpoint_HealthCare.xml', edits: [backendAt('http://localhost:9090', 'hospital')] },
  ],
  async run(t) {
    const reserve = await t.request('POST', '/healthcare/appointment/reserve', {
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ patient: PATIENT, doctor: 'thomas collins', hospital: 'grand oak community hospital', appointment_date: '2025-04-02' }),
    });
    expect(reserve.status).toBe(200);
    expectSameXml(
      reserve.text,
      `<jsonObject><appointmentNumber>1</appointmentNumber><doctor><name>thomas collins</name><hospital>grand oak community hospital</hospital><category>surgery</category><availability>9.00 a.m - 11.00 a.m</availability><fee>7000.0</fee></doctor>
       <patient><name>John Doe</name><dob>1940-03-19</dob><ssn>234-23-525</ssn><address>California</address><phone>8770586755</phone><email>johndoe@gmail.com</email></patient>
       <fee>7000.0</fee><confirmed>false</confirmed><appointmentDate>2025-04-02</appointmentDate></jsonObject>`,
    );
    const get = await t.request('GET', '/healthcare/appointments/1');
    expect(get.status).toBe(200);
    expect(get.json()).toEqual({ appointmentNumber: 1, doctor: DOCTOR, patient: PATIENT, fee: 7000.0, confirmed: false, appointmentDate: '2025-04-02' });
    const del = await t.request('DELETE', '/healthcare/appointments/1');
    expect(del.status).toBe(200);
    expectSameXml(del.text, '<jsonObject><status>Appointment is successfully removed</status></jsonObject>');
  },
});
