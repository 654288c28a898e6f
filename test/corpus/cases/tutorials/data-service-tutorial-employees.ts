import { expect } from 'vitest';
import { defineCase } from '../../case.js';
import { pointAt } from '../../dataservices-matrix.js';
import { onEveryEngine, DS } from '../data-services/_ds.js';

export default defineCase({
  id: 'tutorials/data-service-tutorial-employees',
  title: 'Tutorial: a table as a REST data service, result without a row name (SQLite, PostgreSQL, MariaDB)',
  status: 'pass',
  docsWrong: ['the printed response is pretty-printed; MI (and Mediate) answer compact XML', "user 'user'/'password' is mapped to each server's account"],
  artifacts: [{ file: 'dataservice_RDBMSDataService.reconstructed.dbs', as: 'RDBMSDataService.dbs' }],
  async run(t) {
    await onEveryEngine({
      schema: { '': t.corpusFile('db_schema.sql') },
      files: (db) => ({ 'RDBMSDataService.dbs': pointAt(t.corpusFile('dataservice_RDBMSDataService.reconstructed.dbs'), db) }),
      async run(db) {
        const r = await db.request('GET', '/services/RDBMSDataService.HTTPEndpoint/Employee/3');
        expect(r.status).toBe(200);
        expect(r.text).toBe(`<Employees xmlns="${DS}"><EmployeeNumber>3</EmployeeNumber><FirstName>Edgar</FirstName><LastName>Code</LastName><Email>edgar@rdbms.com</Email></Employees>`);
        expect((await db.request('GET', '/services/RDBMSDataService.HTTPEndpoint/Employee/4')).text).toBe(`<Employees xmlns="${DS}"/>`);
        await db.sql("select 1"); // the database answers to the test too
      },
    });
  },
});
