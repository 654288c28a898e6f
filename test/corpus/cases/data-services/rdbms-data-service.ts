import { expect } from 'vitest';
import { defineCase } from '../../case.js';
import { pointAt } from '../../dataservices-matrix.js';
import { DS, onEveryEngine } from './_ds.js';

const xml = { 'Content-Type': 'application/xml', Accept: 'application/xml' };

export default defineCase({
  id: 'data-services/rdbms-data-service',
  title: 'RDBMS data service: POST, GET (.HTTPEndpoint), PUT and swagger, on SQLite, PostgreSQL and MariaDB',
  status: 'pass',
  docsWrong: [
    'the printed GET response uses <Entries>/<Entry> although the result declares element="Employees" rowName="Employee", and shows three rows after one insert: we expect <Employees><Employee> with the one row inserted',
    'the POST and PUT go to /employee while the resource path is Employee: both spellings are served (resource paths match exactly first, then ignoring case)',
  ],
  artifacts: [{ file: 'dataservice_RDBMSDataService.dbs' }],
  async run(t) {
    await onEveryEngine({
      schema: { '': t.corpusFile('db_schema.sql') },
      files: (db) => ({ 'RDBMSDataService.dbs': pointAt(t.corpusFile('dataservice_RDBMSDataService.dbs'), db) }),
      async run(db) {
        const post = await db.request('POST', '/services/RDBMSDataService/employee', { headers: xml, body: '<_postemployee><EmployeeNumber>3</EmployeeNumber><FirstName>Will</FirstName><LastName>Smith</LastName><Email>will@google.com</Email><Salary>15500.0</Salary></_postemployee>' });
        expect(post.status).toBe(202);
        expect(post.text).toBe('');
        const get = await db.request('GET', '/services/RDBMSDataService.HTTPEndpoint/Employee/3');
        expect(get.status).toBe(200);
        expect(get.contentType).toMatch(/^application\/xml/);
        expect(get.text).toBe(`<Employees xmlns="${DS}"><Employee><EmployeeNumber>3</EmployeeNumber><FirstName>Will</FirstName><LastName>Smith</LastName><Email>will@google.com</Email><Salary>15500.0</Salary></Employee></Employees>`);
        const put = await db.request('PUT', '/services/RDBMSDataService/employee', { headers: xml, body: '<_putemployee><EmployeeNumber>3</EmployeeNumber><FirstName>Smith</FirstName><LastName>Will</LastName><Email>will@google.com</Email><Salary>30000.0</Salary></_putemployee>' });
        expect(put.status).toBe(202);
        const rows = await db.sql('select FirstName, Salary from Employees');
        expect(rows.map((r) => Object.values(r))).toEqual([['Smith', '30000.0']]);
        const swagger = (await db.request('GET', '/services/RDBMSDataService?swagger.json')).json() as { openapi: string; info: { title: string }; paths: Record<string, object> };
        expect(swagger.openapi).toMatch(/^3\./);
        expect(swagger.info.title).toBe('RDBMSDataService');
        expect(Object.keys(swagger.paths['/Employee/{EmployeeNumber}']!)).toEqual(['get']);
        expect(Object.keys(swagger.paths['/Employee']!).sort()).toEqual(['post', 'put']);
        const yaml = await db.request('GET', '/services/RDBMSDataService?swagger.yaml');
        expect(yaml.text).toContain('title: RDBMSDataService');
        expect(yaml.text).toContain('/Employee/{EmployeeNumber}:');
      },
    });
  },
});
