import { expect } from 'vitest';
import { defineCase } from '../../case.js';
import { pointAt } from '../../dataservices-matrix.js';
import { onEveryEngine } from './_ds.js';

const soapBatch = `<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body>
<p:addEmployeeOp_batch_req xmlns:p="http://ws.wso2.org/dataservice">
 <addEmployeeOp xmlns="http://ws.wso2.org/dataservice"><xs:EmployeeNumber xmlns:xs="http://ws.wso2.org/dataservice">1002</xs:EmployeeNumber><xs:FirstName xmlns:xs="http://ws.wso2.org/dataservice">John</xs:FirstName><xs:LastName xmlns:xs="http://ws.wso2.org/dataservice">Doe</xs:LastName><xs:Email xmlns:xs="http://ws.wso2.org/dataservice">johnd@wso2.com</xs:Email><xs:JobTitle xmlns:xs="http://ws.wso2.org/dataservice">Consultant</xs:JobTitle><xs:Officecode xmlns:xs="http://ws.wso2.org/dataservice">01</xs:Officecode></addEmployeeOp>
 <addEmployeeOp xmlns="http://ws.wso2.org/dataservice"><xs:EmployeeNumber xmlns:xs="http://ws.wso2.org/dataservice">1004</xs:EmployeeNumber><xs:FirstName xmlns:xs="http://ws.wso2.org/dataservice">Peter</xs:FirstName><xs:LastName xmlns:xs="http://ws.wso2.org/dataservice">Parker</xs:LastName><xs:Email xmlns:xs="http://ws.wso2.org/dataservice">peterp@wso2.com</xs:Email><xs:JobTitle xmlns:xs="http://ws.wso2.org/dataservice">Consultant</xs:JobTitle><xs:Officecode xmlns:xs="http://ws.wso2.org/dataservice">01</xs:Officecode></addEmployeeOp>
</p:addEmployeeOp_batch_req></soapenv:Body></soapenv:Envelope>`;

export default defineCase({
  id: 'data-services/batch-requesting',
  title: 'Batch requests: SOAP addEmployeeOp_batch_req and REST JSON employee_batch_req, all rows in one transaction',
  status: 'pass',
  docsWrong: ['enableBatchRequests="true" is missing on <data> although batch requesting requires it: added (without it the batch operation is not there, asserted)'],
  artifacts: [{ file: 'dataservice_batch_requesting_sample.dbs' }],
  async run(t) {
    const dbs = t.corpusFile('dataservice_batch_requesting_sample.dbs');
    const enabled = dbs.replace('<data name="batch_requesting_sample"', '<data enableBatchRequests="true" name="batch_requesting_sample"').replace('</data>', `${t.corpusFile('snippet_resource_employee.xml')}\n</data>`);
    await onEveryEngine({
      schema: { '': t.corpusFile('db_schema.sql') },
      files: (db) => ({ 'batch.dbs': pointAt(enabled, db), 'plain.dbs': pointAt(dbs, db).replace('name="batch_requesting_sample"', 'name="plain"') }),
      async run(db) {
        const soap = await db.request('POST', '/services/batch_requesting_sample', { headers: { 'Content-Type': 'text/xml', SOAPAction: 'urn:addEmployeeOp_batch_req' }, body: soapBatch });
        expect(soap.status).toBe(202);
        const ids = async () => (await db.sql('select EmployeeNumber from Employees order by EmployeeNumber')).map((r) => Number(Object.values(r)[0]));
        expect(await ids()).toEqual([1002, 1004]);
        const rest = await db.request('POST', '/services/batch_requesting_sample/employee_batch_req', { headers: { 'Content-Type': 'application/json', Accept: 'application/json' }, body: JSON.stringify({ user_defined_value: { user_defined_value: [
          { EmployeeNumber: '5012', FirstName: 'Will', LastName: 'Smith', Email: 'will@smith.com', JobTitle: 'Consultant', Officecode: '01' },
          { EmployeeNumber: '5013', FirstName: 'Parker', LastName: 'Peter', Email: 'peter@parker.com', JobTitle: 'Consultant', Officecode: '01' },
        ] } }) });
        expect(rest.status).toBe(202);
        expect(await ids()).toEqual([1002, 1004, 5012, 5013]);
        // One transaction: a duplicate key in the second entry leaves the first out too.
        const dup = await db.request('POST', '/services/batch_requesting_sample/employee_batch_req', { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ x: { x: [
          { EmployeeNumber: '6000', FirstName: 'New', Officecode: '01', LastName: 'a', Email: 'b', JobTitle: 'c' },
          { EmployeeNumber: '5012', FirstName: 'Dup', Officecode: '01', LastName: 'a', Email: 'b', JobTitle: 'c' },
        ] } }) });
        expect(dup.status).toBe(500);
        expect(dup.text).toContain('DATABASE_ERROR');
        expect(await ids()).toEqual([1002, 1004, 5012, 5013]);
        const none = await db.request('POST', '/services/plain', { headers: { 'Content-Type': 'text/xml', SOAPAction: 'urn:addEmployeeOp_batch_req' }, body: soapBatch.replace('batch_requesting_sample', 'plain') });
        expect(none.status).toBe(500);
        expect(none.text).toContain('Operation not found');
      },
    });
  },
});
