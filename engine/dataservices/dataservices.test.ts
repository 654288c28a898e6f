import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import path from 'node:path';
import Database from 'better-sqlite3';
import { serveProject, type Served } from '../node/db/testing/serve.js';

const DBS = `<data name="Emp" transports="http https" enableBatchRequests="true">
  <config id="db">
    <property name="driverClassName">org.sqlite.JDBC</property>
    <property name="url">jdbc:sqlite:emp.db</property>
    <property name="maxActive">3</property>
  </config>
  <query id="get" useConfig="db">
    <sql>select EmployeeNumber, FirstName, Email, Salary from Employees where EmployeeNumber=:EmployeeNumber</sql>
    <param name="EmployeeNumber" sqlType="INTEGER"/>
    <result element="Employees" rowName="Employee">
      <element column="EmployeeNumber" name="EmployeeNumber" xsdType="integer"/>
      <element column="FirstName" name="FirstName" xsdType="string"/>
      <element column="Email" name="Email" xsdType="string"/>
      <attribute column="Salary" name="salary" xsdType="double"/>
    </result>
  </query>
  <query id="byName" useConfig="db">
    <sql>select EmployeeNumber, FirstName from Employees where FirstName = ? order by EmployeeNumber</sql>
    <param name="name" sqlType="STRING" ordinal="1" defaultValue="Ann"/>
    <result element="Employees">
      <element column="EmployeeNumber" name="No" xsdType="string"/>
    </result>
  </query>
  <query id="add" useConfig="db">
    <sql>insert into Employees (EmployeeNumber, FirstName, Email, Salary) values (:EmployeeNumber, :FirstName, :Email, :Salary)</sql>
    <param name="EmployeeNumber" sqlType="INTEGER"/>
    <param name="FirstName" sqlType="STRING"><validateLength minimum="3" maximum="10"/></param>
    <param name="Email" sqlType="STRING" optional="true"><validatePattern pattern="[^@]+@[^@]+" message="Email must look like user@host"/></param>
    <param name="Salary" sqlType="DOUBLE" defaultValue="0"/>
  </query>
  <query id="broken" useConfig="db">
    <sql>select nosuchcolumn from Employees</sql>
    <result element="X" rowName="Y"><element column="nosuchcolumn" name="a"/></result>
  </query>
  <resource method="GET" path="employee/{EmployeeNumber}">
    <call-query href="get"><with-param name="EmployeeNumber" query-param="EmployeeNumber"/></call-query>
  </resource>
  <resource method="GET" path="byname">
    <call-query href="byName"><with-param name="name" query-param="name"/></call-query>
  </resource>
  <resource method="POST" path="employee" returnRequestStatus="true">
    <call-query href="add">
      <with-param name="EmployeeNumber" query-param="EmployeeNumber"/>
      <with-param name="FirstName" query-param="FirstName"/>
      <with-param name="Email" query-param="Email"/>
      <with-param name="Salary" query-param="Salary"/>
    </call-query>
  </resource>
  <resource method="GET" path="broken"><call-query href="broken"/></resource>
  <operation name="getEmployee">
    <call-query href="get"><with-param name="EmployeeNumber" query-param="id"/></call-query>
  </operation>
</data>`;

const NS = 'http://ws.wso2.org/dataservice';

describe('data services on SQLite, end to end over HTTP', () => {
  let s: Served;
  beforeAll(async () => {
    s = await serveProject({ 'Emp.dbs': DBS });
    const db = new Database(path.join(s.dir, 'emp.db'));
    db.exec('create table Employees (EmployeeNumber integer primary key, FirstName varchar(20) not null, Email varchar(50), Salary double)');
    db.exec("insert into Employees values (1, 'Ann', 'ann@x.org', 15500), (2, 'Bob <&>', null, 20000.5), (3, 'Ann', 'a2@x.org', 1)");
    db.close();
  });
  afterAll(async () => s?.close());

  it('deploys the .dbs', () => {
    expect(s.host.initial.failed).toEqual([]);
    expect(s.host.initial.deployed.map((d) => d.kind)).toContain('data-service');
  });

  it('GET by key: XML as MI writes it (default namespace, rows, attributes, Java double text)', async () => {
    const r = await s.request('GET', '/services/Emp/employee/1');
    expect(r.status).toBe(200);
    expect(r.contentType).toMatch(/^application\/xml/);
    expect(r.text).toBe(`<Employees xmlns="${NS}"><Employee salary="15500.0"><EmployeeNumber>1</EmployeeNumber><FirstName>Ann</FirstName><Email>ann@x.org</Email></Employee></Employees>`);
  });

  it('escapes text and writes NULL as xsi:nil; the .HTTPEndpoint form works', async () => {
    const r = await s.request('GET', '/services/Emp.HTTPEndpoint/employee/2');
    expect(r.text).toContain('<FirstName>Bob &lt;&amp;&gt;</FirstName>');
    expect(r.text).toContain('<Email xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:nil="true"/>');
  });

  it('JSON for clients that accept it: typed values, rows in an array, null', async () => {
    const r = await s.request('GET', '/services/Emp/employee/2', { headers: { Accept: 'application/json' } });
    expect(r.json()).toEqual({ Employees: { Employee: [{ salary: '20000.5', EmployeeNumber: 2, FirstName: 'Bob <&>', Email: null }] } });
  });

  it('an empty result is an empty wrapper', async () => {
    expect((await s.request('GET', '/services/Emp/employee/99')).text).toBe(`<Employees xmlns="${NS}"/>`);
  });

  it('ordinal parameters, query parameters and defaults; no rowName writes columns straight into the wrapper', async () => {
    expect((await s.request('GET', '/services/Emp/byname?name=Ann')).text).toBe(`<Employees xmlns="${NS}"><No>1</No><No>3</No></Employees>`);
    expect((await s.request('GET', '/services/Emp/byname')).text).toBe(`<Employees xmlns="${NS}"><No>1</No><No>3</No></Employees>`);
  });

  it('parameters are bound, never spliced into the SQL', async () => {
    const r = await s.request('GET', `/services/Emp/byname?name=${encodeURIComponent("x' or '1'='1")}`);
    expect(r.text).toBe(`<Employees xmlns="${NS}"/>`);
  });

  it('POST XML inserts and answers REQUEST_STATUS when returnRequestStatus is set', async () => {
    const r = await s.request('POST', '/services/Emp/employee', { headers: { 'Content-Type': 'application/xml' }, body: '<_postemployee><EmployeeNumber>10</EmployeeNumber><FirstName>Carla</FirstName><Email>c@x.org</Email></_postemployee>' });
    expect(r.status).toBe(200);
    expect(r.text).toMatch(/<(\w+:)?REQUEST_STATUS xmlns(:\w+)?="http:\/\/ws.wso2.org\/dataservice">SUCCESSFUL<\/(\w+:)?REQUEST_STATUS>/);
    const got = await s.request('GET', '/services/Emp/employee/10', { headers: { Accept: 'application/json' } });
    expect(got.json()).toEqual({ Employees: { Employee: [{ salary: '0.0', EmployeeNumber: 10, FirstName: 'Carla', Email: 'c@x.org' }] } });
  });

  it('a value failing a validator gets MI\'s VALIDATION_ERROR fault and inserts nothing', async () => {
    const r = await s.request('POST', '/services/Emp/employee', { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ x: { EmployeeNumber: '11', FirstName: 'AB' } }) });
    expect(r.status).toBe(500);
    expect(r.text).toContain('<axis2ns1:ds_code>VALIDATION_ERROR</axis2ns1:ds_code>');
    expect(r.text).toContain('The value length must be between 3 and 10\nField Name: FirstName\nField Value: AB');
    expect(r.text).toContain('<axis2ns1:current_request_name>_postemployee</axis2ns1:current_request_name>');
    const custom = await s.request('POST', '/services/Emp/employee', { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ x: { EmployeeNumber: '11', FirstName: 'Abel', Email: 'nope' } }) });
    expect(custom.text).toContain('Email must look like user@host');
    expect((await s.request('GET', '/services/Emp/employee/11')).text).toBe(`<Employees xmlns="${NS}"/>`);
  });

  it('a value that does not fit its sqlType is INCOMPATIBLE_PARAMETERS_ERROR', async () => {
    const r = await s.request('GET', '/services/Emp/employee/abc');
    expect(r.status).toBe(500);
    expect(r.text).toContain('INCOMPATIBLE_PARAMETERS_ERROR');
  });

  it('an SQL error is a DATABASE_ERROR fault naming the request; the service keeps serving', async () => {
    const r = await s.request('GET', '/services/Emp/broken');
    expect(r.status).toBe(500);
    expect(r.text).toContain('<axis2ns1:ds_code>DATABASE_ERROR</axis2ns1:ds_code>');
    expect(r.text).toContain('no such column: nosuchcolumn');
    expect(r.text).toContain('<axis2ns1:data_service_name>Emp</axis2ns1:data_service_name>');
    expect((await s.request('GET', '/services/Emp/employee/1')).status).toBe(200);
  });

  it('SOAP operation: envelope in, envelope out; faults as SOAP faults', async () => {
    const env = (body: string) => `<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:dat="${NS}"><soapenv:Body>${body}</soapenv:Body></soapenv:Envelope>`;
    const r = await s.request('POST', '/services/Emp', { headers: { 'Content-Type': 'text/xml', SOAPAction: 'urn:getEmployee' }, body: env('<dat:getEmployee><dat:id>3</dat:id></dat:getEmployee>') });
    expect(r.status).toBe(200);
    expect(r.contentType).toMatch(/^text\/xml/);
    expect(r.text).toContain(`<soapenv:Body><Employees xmlns="${NS}"><Employee salary="1.0"><EmployeeNumber>3</EmployeeNumber>`);
    const f = await s.request('POST', '/services/Emp', { headers: { 'Content-Type': 'text/xml', SOAPAction: 'urn:getEmployee' }, body: env('<dat:getEmployee><dat:id>x</dat:id></dat:getEmployee>') });
    expect(f.status).toBe(500);
    expect(f.text).toMatch(/<soapenv:Fault><faultcode>soapenv:Server<\/faultcode><faultstring>[^<]*DS Code: INCOMPATIBLE_PARAMETERS_ERROR/);
    expect(f.text).toContain('<detail><axis2ns1:DataServiceFault');
  });

  it('batch requests (_batch_req) run every entry in one transaction: one bad entry inserts none', async () => {
    const ok = await s.request('POST', '/services/Emp/employee_batch_req', { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ e: { e: [{ EmployeeNumber: '20', FirstName: 'Dora' }, { EmployeeNumber: '21', FirstName: 'Emil' }] } }) });
    expect(ok.status).toBe(200);
    const bad = await s.request('POST', '/services/Emp/employee_batch_req', { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ e: { e: [{ EmployeeNumber: '22', FirstName: 'Fred' }, { EmployeeNumber: '20', FirstName: 'Dupe' }] } }) });
    expect(bad.status).toBe(500);
    expect(bad.text).toContain('DATABASE_ERROR');
    expect((await s.request('GET', '/services/Emp/employee/21')).text).toContain('<FirstName>Emil</FirstName>');
    expect((await s.request('GET', '/services/Emp/employee/22')).text).toBe(`<Employees xmlns="${NS}"/>`);
  });

  it('swagger.json: OpenAPI 3 with the resources', async () => {
    const doc = (await s.request('GET', '/services/Emp?swagger.json')).json() as { openapi: string; info: { title: string; description: string; version: string }; paths: Record<string, Record<string, unknown>> };
    expect(doc.openapi).toBe('3.0.1');
    expect(doc.info).toEqual({ title: 'Emp', description: 'API Definition of dataservice : Emp', version: '1.0' });
    expect(Object.keys(doc.paths.employee_batch_req ?? doc.paths['/employee_batch_req']!)).toEqual(['post']);
    expect(Object.keys(doc.paths['/employee/{EmployeeNumber}']!)).toEqual(['get']);
  });
});

describe('a .dbs that cannot deploy is reported at the file, line and column', () => {
  it('missing carbon datasource, unknown config, unknown column, refused kind', async () => {
    const s = await serveProject({
      'Bad.dbs': `<data name="Bad">
  <config id="c">
    <property name="carbon_datasource_name">nosuch</property>
  </config>
  <query id="q" useConfig="c">
    <sql>select a, b from t</sql>
    <result element="R" rowName="r">
      <element column="a" name="A"/>
      <element column="zzz" name="Z"/>
    </result>
  </query>
</data>`,
      'Mongo.dbs': `<data name="Mongo">
  <config id="m">
    <property name="mongoDB_servers">localhost</property>
  </config>
</data>`,
      'Other.dbs': `<data name="Other">
  <config id="x"><property name="url">jdbc:sqlite:o.db</property></config>
  <query id="q" useConfig="y"><sql>select 1</sql></query>
</data>`,
    });
    try {
      const byFile = Object.fromEntries(s.host.initial.failed.map((f) => [path.basename(f.file), f.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.line}:${d.col} ${d.code} ${d.message}`)]));
      expect(byFile['Bad.dbs']).toEqual([
        "9:7 DSS013 query q maps column 'zzz' to element Z, but its SELECT returns a, b",
        "3:5 SYN008 data-source 'nosuch' is not defined in this project",
      ]);
      expect(byFile['Mongo.dbs']![0]).toMatch(/^2:3 DSS020 config m is a MongoDB datasource/);
      expect(byFile['Other.dbs']![0]).toMatch(/^3:3 DSS010 query q uses config 'y', which this data service does not define/);
    } finally {
      await s.close();
    }
  });
});
