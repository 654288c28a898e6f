import { expect } from 'vitest';
import { defineCase } from '../../case.js';
import { pointAt } from '../../dataservices-matrix.js';
import { DS, onEveryEngine } from './_ds.js';

const json = { 'Content-Type': 'application/json', Accept: 'application/json' };

export default defineCase({
  id: 'data-services/json-output-data-service',
  title: 'JSON result template, JSON POST/PUT, JSON batch and request_box',
  status: 'pass',
  docsWrong: [
    'the .dbs has neither enableBatchRequests nor enableBoxcarring although the page uses Employee_batch_req and request_box: we add both for those requests (and assert that without them the two are not served)',
    'the printed GET response is missing its final }',
  ],
  artifacts: [{ file: 'dataservice_RDBMSDataService.dbs' }],
  async run(t) {
    const dbs = t.corpusFile('dataservice_RDBMSDataService.dbs');
    const enabled = dbs.replace('<data name="RDBMSDataService"', '<data enableBatchRequests="true" enableBoxcarring="true" name="RDBMSDataService"');
    await onEveryEngine({
      schema: { '': t.corpusFile('../rdbms-data-service/db_schema.sql') },
      files: (db) => ({ 'RDBMSDataService.dbs': pointAt(enabled, db), 'Plain.dbs': pointAt(dbs, db).replace('name="RDBMSDataService"', 'name="Plain"') }),
      async run(db) {
        const add = (n: string, salary: string) => db.request('POST', '/services/RDBMSDataService/Employee', { headers: json, body: JSON.stringify({ user_defined_value: { EmployeeNumber: n, LastName: 'Doe', FirstName: 'John', Email: 'JohnDoe@gmail.com', Salary: salary } }) });
        expect((await add('1', '10000')).status).toBe(202);
        expect((await add('1', '20000')).status).toBe(202);
        const get = await db.request('GET', '/services/RDBMSDataService/Employee/1', { headers: { Accept: 'application/json' } });
        expect(get.status).toBe(200);
        expect(get.json()).toEqual({ Employees: { Employee: [
          { EmployeeNumber: '1', FirstName: 'John', LastName: 'Doe', Email: 'JohnDoe@gmail.com', Salary: '10000' },
          { EmployeeNumber: '1', FirstName: 'John', LastName: 'Doe', Email: 'JohnDoe@gmail.com', Salary: '20000' },
        ] } });
        // The XML of a JSON-template query is in <namespace>/<query id>.
        expect((await db.request('GET', '/services/RDBMSDataService/Employee/99')).text).toBe(`<Employees xmlns="${DS}/GetEmployeeDetails"/>`);
        const batch = await db.request('POST', '/services/RDBMSDataService/Employee_batch_req', { headers: json, body: JSON.stringify({ user_defined_value: { user_defined_value: [
          { EmployeeNumber: '5012', FirstName: 'Will', LastName: 'Smith', Email: 'will@smith.com', Salary: '13500.0' },
          { EmployeeNumber: '5013', FirstName: 'Parker', LastName: 'Peter', Email: 'peter@parker.com', Salary: '15500.0' },
        ] } }) });
        expect(batch.status).toBe(202);
        expect((await db.sql('select count(*) as n from Employees where EmployeeNumber in (5012, 5013)')).map((r) => Number(Object.values(r)[0]))).toEqual([2]);
        const put = await db.request('PUT', '/services/RDBMSDataService/Employee', { headers: json, body: JSON.stringify({ user_defined_value: { EmployeeNumber: '1', FirstName: 'Will', LastName: 'Smith', Email: 'will@smith.com', Salary: '78500.0' } }) });
        expect(put.status).toBe(202);
        expect((await db.sql('select Salary from Employees where EmployeeNumber = 1')).map((r) => Object.values(r)[0])).toEqual(['78500.0', '78500.0']);
        const box = await db.request('POST', '/services/RDBMSDataService/request_box', { headers: json, body: JSON.stringify({ request_box: { _postemployee: { EmployeeNumber: '14005', LastName: 'Smith', FirstName: 'Will', Email: 'will@google.com', Salary: '15500.0' }, _getemployee_employeenumber: { EmployeeNumber: '14005' } } }) });
        expect(box.status).toBe(200);
        expect(box.json()).toEqual({ DATA_SERVICE_REQUEST_BOX_RESPONSE: { Employees: { Employee: [{ EmployeeNumber: '14005', FirstName: 'Will', LastName: 'Smith', Email: 'will@google.com', Salary: '15500.0' }] } } });
        // As printed (no enableBatchRequests / enableBoxcarring) neither is served.
        expect((await db.request('POST', '/services/Plain/Employee_batch_req', { headers: json, body: '{"a":{"a":[]}}' })).status).toBe(404);
        expect((await db.request('POST', '/services/Plain/request_box', { headers: json, body: '{"request_box":{}}' })).status).toBe(404);
      },
    });
  },
});
