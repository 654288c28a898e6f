import { expect } from 'vitest';
import { defineCase } from '../../case.js';
import { pointAt } from '../../dataservices-matrix.js';
import { onEveryEngine } from './_ds.js';

const envelope = (first: string) => `<soapenv:Envelope xmlns:soapenv="http://www.w3.org/2003/05/soap-envelope" xmlns:dat="http://ws.wso2.org/dataservice"><soapenv:Header/><soapenv:Body>
<dat:addEmployeeOp><dat:EmployeeNumber>6001</dat:EmployeeNumber><dat:FirstName>${first}</dat:FirstName><dat:LastName>Nick</dat:LastName><dat:Email>test@test.com</dat:Email><dat:Salary>1500</dat:Salary></dat:addEmployeeOp>
</soapenv:Body></soapenv:Envelope>`;

export default defineCase({
  id: 'data-services/input-validation',
  title: 'validateLength on a param: SOAP 1.2 validation fault, then a valid insert',
  status: 'pass',
  artifacts: [{ file: 'dataservice_input_validator_sample.dbs' }],
  async run(t) {
    await onEveryEngine({
      schema: { '': t.corpusFile('db_schema.sql') },
      files: (db) => ({ 'input_validator_sample.dbs': pointAt(t.corpusFile('dataservice_input_validator_sample.dbs'), db) }),
      async run(db) {
        const headers = { 'Content-Type': 'application/soap+xml; charset=UTF-8; action="urn:addEmployeeOp"' };
        const bad = await db.request('POST', '/services/input_validator_sample.SOAP12Endpoint', { headers, body: envelope('AB') });
        expect(bad.status).toBe(500);
        expect(bad.contentType).toMatch(/^application\/soap\+xml/);
        expect(bad.text).toContain('<soapenv:Value>soapenv:Receiver</soapenv:Value>');
        expect(bad.text).toContain('DS Code: VALIDATION_ERROR');
        expect(bad.text).toContain('The value length must be between 3 and 10\nField Name: FirstName\nField Value: AB');
        expect(bad.text).toContain('<axis2ns1:current_request_name>addEmployeeOp</axis2ns1:current_request_name>');
        expect(await db.sql('select * from Employees')).toEqual([]);
        const good = await db.request('POST', '/services/input_validator_sample.SOAP12Endpoint', { headers, body: envelope('ABC') });
        expect(good.status).toBe(202);
        const rows = await db.sql('select EmployeeNumber, FirstName from Employees');
        expect(rows.map((r) => Object.values(r).map(String))).toEqual([['6001', 'ABC']]);
      },
    });
  },
});
