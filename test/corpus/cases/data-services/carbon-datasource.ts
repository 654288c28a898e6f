import { expect } from 'vitest';
import { defineCase } from '../../case.js';
import { pointAt } from '../../dataservices-matrix.js';
import { DS, onEveryEngine } from './_ds.js';

const entry = '<Entry><EmployeeNumber>3</EmployeeNumber><FirstName>Will</FirstName><LastName>Smith</LastName><Email>will@google.com</Email><Salary>15500.0</Salary></Entry>';

export default defineCase({
  id: 'data-services/carbon-datasource',
  title: 'A carbon datasource artifact used by name (carbon_datasource_name), on SQLite, PostgreSQL and MariaDB',
  status: 'pass',
  docsWrong: ['the page gives no rows; its response implies three identical rows for EmployeeNumber 3, which the case schema inserts', "the datasource's username/password are placeholders: mapped to each server's account"],
  artifacts: [{ file: 'datasource_rdbms_datasource_mysql.xml' }, { file: 'dataservice_RDBMSDataService_3.dbs' }],
  async run(t) {
    await onEveryEngine({
      schema: { '': t.corpusFile('db_schema.sql') },
      files: (db) => ({
        'datasource_rdbms_datasource_mysql.xml': pointAt(t.corpusFile('datasource_rdbms_datasource_mysql.xml'), db),
        'RDBMSDataService_3.dbs': t.corpusFile('dataservice_RDBMSDataService_3.dbs'),
      }),
      async run(db) {
        for (const url of ['/services/RDBMSDataService_3.HTTPEndpoint/Employee/3', '/services/RDBMSDataService_3/Employee/3']) {
          const r = await db.request('GET', url);
          expect(r.status).toBe(200);
          expect(r.contentType).toMatch(/^application\/xml/);
          expect(r.text).toBe(`<Entries xmlns="${DS}">${entry}${entry}${entry}</Entries>`);
        }
        expect((await db.request('GET', '/services/RDBMSDataService_3/Employee/99')).text).toBe(`<Entries xmlns="${DS}"/>`);
        const json = await db.request('GET', '/services/RDBMSDataService_3/Employee/3', { headers: { Accept: 'application/json' } });
        const row = { EmployeeNumber: '3', FirstName: 'Will', LastName: 'Smith', Email: 'will@google.com', Salary: '15500.0' };
        expect(json.json()).toEqual({ Entries: { Entry: [row, row, row] } });
      },
    });
    // Without the datasource artifact the .dbs is refused at the reference, with its position.
    expect(t.refused).toEqual([]);
  },
});
