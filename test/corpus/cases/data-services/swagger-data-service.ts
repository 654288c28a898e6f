import { expect } from 'vitest';
import { defineCase } from '../../case.js';
import { pointAt } from '../../dataservices-matrix.js';
import { onEveryEngine } from './_ds.js';

export default defineCase({
  id: 'data-services/swagger-data-service',
  title: 'Generated OpenAPI of a RESTful data service, and a custom one from the registry (publishSwagger)',
  status: 'pass',
  docsWrong: ['the page says publishSwagger is an element pointing at the registry but its configuration has none; MI reads the attribute publishSwagger on <data>: the corrected .dbs is deployed for that part', 'the linked custom swagger is a petstore REST API definition unrelated to the service; it is published as is'],
  artifacts: [{ file: 'dataservice_RDBMSDataService.dbs' }],
  registry: { 'gov/swagger_files/custom_data_service_swagger.yaml': 'registry_simple_petstore.yaml' },
  async run(t) {
    const generated = (await t.request('GET', '/services/RDBMSDataService?swagger.json')).json() as { openapi: string; info: Record<string, string>; paths: Record<string, Record<string, unknown>> };
    expect(generated.openapi).toBe('3.0.1');
    expect(generated.info).toEqual({ title: 'RDBMSDataService', description: 'API Definition of dataservice : RDBMSDataService', version: '1.0' });
    expect(Object.keys(generated.paths['/Employee/{EmployeeNumber}']!)).toEqual(['get']);
    expect(Object.keys(generated.paths['/Employee']!).sort()).toEqual(['post', 'put']);
    expect((generated.paths['/Employee']!.post as { requestBody: { description: string } }).requestBody.description).toBe('Sample Payload');
    const yaml = await t.request('GET', '/services/RDBMSDataService?swagger.yaml');
    expect(yaml.text).toMatch(/^openapi: 3\.0\.1$/m);
    await onEveryEngine({
      schema: { '': t.corpusFile('db_schema.reconstructed.sql') },
      files: (db) => ({
        'RDBMSDataService.dbs': pointAt(t.corpusFile('dataservice_RDBMSDataService.corrected.dbs').replace(/<!--[\s\S]*?-->\s*/, ''), db),
        'NoResources.dbs': '<data name="NoResources" publishSwagger="gov:/swagger_files/x.yaml"><config id="c"><property name="url">jdbc:sqlite::memory:</property></config></data>',
        'registry/gov/swagger_files/custom_data_service_swagger.yaml': t.corpusFile('registry_simple_petstore.yaml'),
      }),
      expectRefused: { 'NoResources.dbs': /DSS017 Cannot expose a swagger from a data-service which does not have any resources defined/ },
      async run(db) {
        const custom = (await db.request('GET', '/services/RDBMSDataService?swagger.json')).json() as { swagger: string; info: { title: string }; paths: Record<string, unknown> };
        expect(custom.swagger).toBe('2.0');
        expect(custom.info.title).toBe('SwaggerPetstore');
        expect(Object.keys(custom.paths).sort()).toEqual(['/pet', '/pet/findByStatus']);
        const post = await db.request('POST', '/services/RDBMSDataService/Employee', { headers: { 'Content-Type': 'application/xml' }, body: '<_postemployee><EmployeeNumber>7</EmployeeNumber><FirstName>A</FirstName><LastName>B</LastName><Email>c</Email><Salary>1</Salary></_postemployee>' });
        expect(post.status).toBe(202);
        expect((await db.request('GET', '/services/RDBMSDataService/Employee/7')).text).toContain('<FirstName>A</FirstName>');
      },
    });
  },
});
