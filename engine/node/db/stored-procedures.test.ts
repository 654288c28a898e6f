/**
 * Stored procedures through a served .dbs, as MI runs them (SQLQuery.processPostStoredProcQuery):
 * OUT/INOUT values are read back after the call and mapped by the result's `column` = the OUT
 * param's name; a procedure's result set rows are mapped, each with the OUT values merged in.
 * MariaDB runs OUT/INOUT through session variables; PostgreSQL answers CALL with a row of them;
 * a PostgreSQL FUNCTION returning a table is read with `select * from f(?)`. Values are always
 * bound: a quote in a request value reaches the procedure as text. SQLite has no stored procedures:
 * such a query faults, naming it.
 */
import { it, expect, beforeAll, afterAll, describe } from 'vitest';
import mysql from 'mysql2/promise';
import { randomBytes } from 'node:crypto';
import { probeService, describeWithServices } from '../../../test/support/services.js';
import { serveProject, type Served } from './testing/serve.js';
import { pgExec } from './testing/sql.js';

const NS = 'http://ws.wso2.org/dataservice';
const postgres = await probeService({ name: 'PostgreSQL', port: 5432, start: 'bash .ci/services/postgres.sh' });
const mariadb = await probeService({ name: 'MariaDB', port: 3306, start: 'service mariadb start' });

const config = (url: string, user: string) =>
  `<config id="c"><property name="url">${url}</property><property name="username">${user}</property><property name="password"></property></config>`;

/** The queries both databases answer alike; `listSql` differs (a MariaDB procedure, a PostgreSQL function). */
const dbs = (configXml: string, listSql: string, extra = '') => `<data name="Staff" transports="http https">
  ${configXml}
  <query id="getEmployee" useConfig="c">
    <sql>call getEmployee(?, ?)</sql>
    <param name="id" sqlType="INTEGER" ordinal="1"/>
    <param name="name" sqlType="STRING" type="OUT" ordinal="2"/>
    <result element="Employees" rowName="Employee"><element column="name" name="Name" xsdType="string"/></result>
  </query>
  <query id="getEmployeeEscaped" useConfig="c">
    <sql>{call getEmployee(?, ?)}</sql>
    <param name="id" sqlType="INTEGER" ordinal="1"/>
    <param name="name" sqlType="STRING" type="OUT" ordinal="2"/>
    <result element="Employees" rowName="Employee"><element column="name" name="Name" xsdType="string"/></result>
  </query>
  <query id="bump" useConfig="c">
    <sql>call bump(?, ?)</sql>
    <param name="by" sqlType="INTEGER" ordinal="1"/>
    <param name="total" sqlType="INTEGER" type="INOUT" ordinal="2"/>
    <result element="Totals" rowName="Row"><element column="total" name="Total" xsdType="integer"/></result>
  </query>
  <query id="greet" useConfig="c">
    <sql>call greet(?, ?)</sql>
    <param name="who" sqlType="STRING" ordinal="1"/>
    <param name="msg" sqlType="STRING" type="OUT" ordinal="2"/>
    <result element="Greetings"><element column="msg" name="Message" xsdType="string"/></result>
  </query>
  <query id="list" useConfig="c">
    <sql>${listSql}</sql>
    <param name="min" sqlType="DOUBLE" ordinal="1"/>
    <result element="Employees" rowName="Employee"><element column="id" name="Id" xsdType="integer"/><element column="name" name="Name" xsdType="string"/></result>
  </query>
  ${extra}
  <resource method="GET" path="employee/{id}"><call-query href="getEmployee"><with-param name="id" query-param="id"/></call-query></resource>
  <resource method="GET" path="escaped/{id}"><call-query href="getEmployeeEscaped"><with-param name="id" query-param="id"/></call-query></resource>
  <resource method="GET" path="bump"><call-query href="bump"><with-param name="by" query-param="by"/><with-param name="total" query-param="total"/></call-query></resource>
  <resource method="GET" path="greet"><call-query href="greet"><with-param name="who" query-param="who"/></call-query></resource>
  <resource method="GET" path="list"><call-query href="list"><with-param name="min" query-param="min"/></call-query></resource>
</data>`;

/** MariaDB only: a procedure that selects rows and sets an OUT count, both mapped in each row. */
const MARIADB_EXTRA = `<query id="counted" useConfig="c">
    <sql>call countedList(?, ?)</sql>
    <param name="min" sqlType="DOUBLE" ordinal="1"/>
    <param name="howMany" sqlType="INTEGER" type="OUT" ordinal="2"/>
    <result element="Employees" rowName="Employee"><element column="id" name="Id" xsdType="integer"/><element column="howMany" name="Of" xsdType="integer"/></result>
  </query>
  <resource method="GET" path="counted"><call-query href="counted"><with-param name="min" query-param="min"/></call-query></resource>`;

/** PostgreSQL only: JDBC-style calls of functions (one with OUT params, one returning a table). */
const POSTGRES_EXTRA = `<query id="fn" useConfig="c">
    <sql>call employee_fn(?, ?, ?)</sql>
    <param name="id" sqlType="INTEGER" ordinal="1"/>
    <param name="name" sqlType="STRING" type="OUT" ordinal="2"/>
    <param name="salary" sqlType="DOUBLE" type="OUT" ordinal="3"/>
    <result element="Employees" rowName="Employee"><element column="name" name="Name" xsdType="string"/><element column="salary" name="Salary" xsdType="double"/></result>
  </query>
  <query id="fnlist" useConfig="c">
    <sql>call employees_over(?)</sql>
    <param name="min" sqlType="DOUBLE" ordinal="1"/>
    <result element="Employees" rowName="Employee"><element column="id" name="Id" xsdType="integer"/><element column="name" name="Name" xsdType="string"/></result>
  </query>
  <resource method="GET" path="fn/{id}"><call-query href="fn"><with-param name="id" query-param="id"/></call-query></resource>
  <resource method="GET" path="fnlist"><call-query href="fnlist"><with-param name="min" query-param="min"/></call-query></resource>`;

const INJECTION = "x'); drop table employees; --";

function sharedCases(served: () => Served, label: string) {
  it(`${label}: an OUT parameter is read back after the call and mapped by its name`, async () => {
    const r = await served().request('GET', '/services/Staff/employee/2');
    expect(r.status).toBe(200);
    expect(r.text).toBe(`<Employees xmlns="${NS}"><Employee><Name>Bob</Name></Employee></Employees>`);
  });

  it(`${label}: an OUT parameter the procedure leaves NULL is written as xsi:nil`, async () => {
    const r = await served().request('GET', '/services/Staff/employee/99');
    expect(r.status).toBe(200);
    expect(r.text).toBe(`<Employees xmlns="${NS}"><Employee><Name xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:nil="true"/></Employee></Employees>`);
  });

  it(`${label}: the JDBC escape {call ...} runs the same call`, async () => {
    expect((await served().request('GET', '/services/Staff/escaped/3')).text).toBe(`<Employees xmlns="${NS}"><Employee><Name>Cid</Name></Employee></Employees>`);
  });

  it(`${label}: an INOUT parameter is bound going in and read back coming out`, async () => {
    const r = await served().request('GET', '/services/Staff/bump?by=5&total=10');
    expect(r.status).toBe(200);
    expect(r.text).toBe(`<Totals xmlns="${NS}"><Row><Total>15</Total></Row></Totals>`);
  });

  it(`${label}: IN values are bound, never spliced: quotes reach the procedure as text`, async () => {
    const r = await served().request('GET', `/services/Staff/greet?who=${encodeURIComponent(INJECTION)}`);
    expect(r.status).toBe(200);
    expect(r.text).toBe(`<Greetings xmlns="${NS}"><Message>hi x'); drop table employees; --</Message></Greetings>`);
    // The table is still there.
    expect((await served().request('GET', '/services/Staff/employee/1')).text).toContain('<Name>Ann</Name>');
  });

  it(`${label}: a procedure's (or function's) result set rows are mapped`, async () => {
    const r = await served().request('GET', '/services/Staff/list?min=2000');
    expect(r.status).toBe(200);
    expect(r.text).toBe(`<Employees xmlns="${NS}"><Employee><Id>2</Id><Name>Bob</Name></Employee><Employee><Id>3</Id><Name>Cid</Name></Employee></Employees>`);
  });
}

describeWithServices('stored procedures on MariaDB', [mariadb], () => {
  const name = `mediate_sp_${randomBytes(4).toString('hex')}`;
  let s: Served;
  beforeAll(async () => {
    const c = await mysql.createConnection({ host: '127.0.0.1', user: 'root', multipleStatements: true });
    await c.query(`CREATE DATABASE ${name}; USE ${name}; create table employees (id int primary key, name varchar(50), salary double); insert into employees values (1, 'Ann', 1500), (2, 'Bob', 2500), (3, 'Cid', 3500)`);
    await c.query('CREATE PROCEDURE getEmployee(IN eid INT, OUT ename VARCHAR(50)) BEGIN SELECT name INTO ename FROM employees WHERE id = eid; END');
    await c.query('CREATE PROCEDURE bump(IN n INT, INOUT t INT) BEGIN SET t = t + n; END');
    await c.query("CREATE PROCEDURE greet(IN who VARCHAR(100), OUT msg VARCHAR(200)) BEGIN SET msg = CONCAT('hi ', who); END");
    await c.query('CREATE PROCEDURE listOver(IN m DOUBLE) BEGIN SELECT id, name FROM employees WHERE salary >= m ORDER BY id; END');
    await c.query('CREATE PROCEDURE countedList(IN m DOUBLE, OUT n INT) BEGIN SELECT id FROM employees WHERE salary >= m ORDER BY id; SELECT COUNT(*) INTO n FROM employees WHERE salary >= m; END');
    await c.end();
    s = await serveProject({ 'Staff.dbs': dbs(config(`jdbc:mysql://127.0.0.1:3306/${name}`, 'root'), 'call listOver(?)', MARIADB_EXTRA) });
  });
  afterAll(async () => {
    await s?.close();
    const c = await mysql.createConnection({ host: '127.0.0.1', user: 'root' });
    await c.query(`DROP DATABASE IF EXISTS ${name}`);
    await c.end();
  });

  it('deploys', () => expect(s.host.initial.failed).toEqual([]));
  sharedCases(() => s, 'MariaDB');

  it('MariaDB: a result set and an OUT value together: each row carries the OUT value', async () => {
    const r = await s.request('GET', '/services/Staff/counted?min=2000');
    expect(r.status).toBe(200);
    expect(r.text).toBe(`<Employees xmlns="${NS}"><Employee><Id>2</Id><Of>2</Of></Employee><Employee><Id>3</Id><Of>2</Of></Employee></Employees>`);
  });
});

describeWithServices('stored procedures on PostgreSQL', [postgres], () => {
  const name = `mediate_sp_${randomBytes(4).toString('hex')}`;
  let s: Served;
  const run = (sql: string, db = name) => pgExec(db, sql);
  beforeAll(async () => {
    await run(`CREATE DATABASE ${name}`, 'postgres');
    await run("create table employees (id int primary key, name text, salary double precision); insert into employees values (1, 'Ann', 1500), (2, 'Bob', 2500), (3, 'Cid', 3500)");
    await run('CREATE PROCEDURE getEmployee(IN eid int, OUT ename text) LANGUAGE plpgsql AS $$ BEGIN SELECT name INTO ename FROM employees WHERE id = eid; END $$');
    await run('CREATE PROCEDURE bump(IN n int, INOUT t int) LANGUAGE plpgsql AS $$ BEGIN t := t + n; END $$');
    await run("CREATE PROCEDURE greet(IN who text, OUT msg text) LANGUAGE plpgsql AS $$ BEGIN msg := 'hi ' || who; END $$");
    await run('CREATE FUNCTION employees_over(m double precision) RETURNS TABLE(id int, name text) LANGUAGE sql AS $$ SELECT id, name FROM employees WHERE salary >= m ORDER BY id $$');
    await run('CREATE FUNCTION employee_fn(IN eid int, OUT ename text, OUT esalary double precision) LANGUAGE sql AS $$ SELECT name, salary FROM employees WHERE id = eid $$');
    s = await serveProject({ 'Staff.dbs': dbs(config(`jdbc:postgresql://127.0.0.1:5432/${name}`, 'postgres'), 'select * from employees_over(?)', POSTGRES_EXTRA) });
  });
  afterAll(async () => {
    await s?.close();
    await run(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`, 'postgres');
  });

  it('deploys', () => expect(s.host.initial.failed).toEqual([]));
  sharedCases(() => s, 'PostgreSQL');

  it('PostgreSQL: call of a FUNCTION with OUT params runs as pgjdbc does (select * from f(in args)); its OUT values map by name', async () => {
    const r = await s.request('GET', '/services/Staff/fn/1');
    expect(r.status).toBe(200);
    expect(r.text).toBe(`<Employees xmlns="${NS}"><Employee><Name>Ann</Name><Salary>1500.0</Salary></Employee></Employees>`);
  });

  it('PostgreSQL: call of a FUNCTION returning a table maps its rows', async () => {
    const r = await s.request('GET', '/services/Staff/fnlist?min=3000');
    expect(r.text).toBe(`<Employees xmlns="${NS}"><Employee><Id>3</Id><Name>Cid</Name></Employee></Employees>`);
  });
});

describe('stored procedures on SQLite', () => {
  let s: Served;
  beforeAll(async () => {
    s = await serveProject({ 'Staff.dbs': dbs('<config id="c"><property name="driverClassName">org.sqlite.JDBC</property><property name="url">jdbc:sqlite:staff.db</property></config>', 'select 1 as id, ? as name') });
  });
  afterAll(async () => s?.close());

  it('deploys, warning that the OUT param cannot be called on SQLite', () => {
    expect(s.host.initial.failed).toEqual([]);
    const warnings = s.host.initial.warnings.filter((w) => w.code === 'DSS015').map((w) => w.message);
    expect(warnings).toEqual([
      'param name of query getEmployee is OUT, but config c is SQLite, which has no stored procedures: calling this query faults',
      'param name of query getEmployeeEscaped is OUT, but config c is SQLite, which has no stored procedures: calling this query faults',
      'param total of query bump is INOUT, but config c is SQLite, which has no stored procedures: calling this query faults',
      'param msg of query greet is OUT, but config c is SQLite, which has no stored procedures: calling this query faults',
    ]);
  });

  it('a query with OUT params faults with a data-service error naming the query', async () => {
    const r = await s.request('GET', '/services/Staff/employee/1');
    expect(r.status).toBe(500);
    expect(r.text).toContain('<axis2ns1:ds_code>DATABASE_ERROR</axis2ns1:ds_code>');
    expect(r.text).toContain('query getEmployee has OUT/INOUT parameters (name)');
    expect(r.text).toContain('SQLite, which has no stored procedures');
    expect(r.text).toContain('<axis2ns1:data_service_name>Staff</axis2ns1:data_service_name>');
  });
});
