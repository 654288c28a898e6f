/**
 * The results MI writes for queries that return no rows of their own (SQLQuery.writeGeneratedElements):
 * `returnGeneratedKeys="true"` maps the statement's generated keys (one entry per inserted row)
 * through the query's result, here GeneratedKeys/Entry/ID with column="1" and useColumnNumbers as
 * MI's samples write it, or by key column name; `returnUpdatedRowCount="true"` maps the update count as
 * a one-entry row keyed "1" (SQLQuery.writeOutUpdatedRowCount), here UpdatedRowCount/Value. On
 * SQLite, PostgreSQL and MariaDB, each test in its own database, through a served .dbs.
 */
import { it, expect, beforeAll, afterAll, describe } from 'vitest';
import path from 'node:path';
import mysql from 'mysql2/promise';
import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { probeService, describeWithServices } from '../../../test/support/services.js';
import { serveProject, type Served } from './testing/serve.js';
import { pgExec } from './testing/sql.js';

const NS = 'http://ws.wso2.org/dataservice';
const postgres = await probeService({ name: 'PostgreSQL', port: 5432, start: 'bash .ci/services/postgres.sh' });
const mariadb = await probeService({ name: 'MariaDB', port: 3306, start: 'service mariadb start' });

const dbs = (configXml: string) => `<data name="Items" transports="http https">
  ${configXml}
  <query id="add" useConfig="c" returnGeneratedKeys="true" keyColumns="id">
    <sql>insert into items (name) values (?)</sql>
    <param name="name" sqlType="STRING" ordinal="1"/>
    <result element="GeneratedKeys" rowName="Entry" useColumnNumbers="true"><element column="1" name="ID" xsdType="integer"/></result>
  </query>
  <query id="addNamed" useConfig="c" returnGeneratedKeys="true" keyColumns="id">
    <sql>insert into items (name) values (:name)</sql>
    <param name="name" sqlType="STRING"/>
    <result element="GeneratedKeys" rowName="Entry"><element column="id" name="ID" xsdType="integer"/></result>
  </query>
  <query id="addTwo" useConfig="c" returnGeneratedKeys="true" keyColumns="id">
    <sql>insert into items (name) values (?), (?)</sql>
    <param name="a" sqlType="STRING" ordinal="1"/>
    <param name="b" sqlType="STRING" ordinal="2"/>
    <result element="GeneratedKeys" rowName="Entry" useColumnNumbers="true"><element column="1" name="ID" xsdType="integer"/></result>
  </query>
  <query id="rename" useConfig="c" returnUpdatedRowCount="true">
    <sql>update items set name = ? where name like ?</sql>
    <param name="to" sqlType="STRING" ordinal="1"/>
    <param name="like" sqlType="STRING" ordinal="2"/>
    <result element="UpdatedRowCount"><element column="1" name="Value" xsdType="integer"/></result>
  </query>
  <query id="remove" useConfig="c" returnUpdatedRowCount="true">
    <sql>delete from items where name = :name</sql>
    <param name="name" sqlType="STRING"/>
    <result element="UpdatedRowCount" useColumnNumbers="true"><element column="1" name="Value" xsdType="integer"/></result>
  </query>
  <query id="addCounted" useConfig="c" returnGeneratedKeys="true" returnUpdatedRowCount="true">
    <sql>insert into items (name) values (?)</sql>
    <param name="name" sqlType="STRING" ordinal="1"/>
    <result element="UpdatedRowCount"><element column="1" name="Value" xsdType="integer"/></result>
  </query>
  <resource method="POST" path="counted"><call-query href="addCounted"><with-param name="name" query-param="name"/></call-query></resource>
  <resource method="POST" path="item"><call-query href="add"><with-param name="name" query-param="name"/></call-query></resource>
  <resource method="POST" path="named"><call-query href="addNamed"><with-param name="name" query-param="name"/></call-query></resource>
  <resource method="POST" path="two"><call-query href="addTwo"><with-param name="a" query-param="a"/><with-param name="b" query-param="b"/></call-query></resource>
  <resource method="POST" path="rename"><call-query href="rename"><with-param name="to" query-param="to"/><with-param name="like" query-param="like"/></call-query></resource>
  <resource method="POST" path="remove"><call-query href="remove"><with-param name="name" query-param="name"/></call-query></resource>
</data>`;

const post = (s: Served, p: string, fields: Record<string, string>) =>
  s.request('POST', `/services/Items/${p}`, { headers: { 'Content-Type': 'application/xml' }, body: `<_post${p}>${Object.entries(fields).map(([k, v]) => `<${k}>${v}</${k}>`).join('')}</_post${p}>` });

const keys = (...ids: number[]) => `<GeneratedKeys xmlns="${NS}">${ids.map((i) => `<Entry><ID>${i}</ID></Entry>`).join('')}</GeneratedKeys>`;
const count = (n: number) => `<UpdatedRowCount xmlns="${NS}"><Value>${n}</Value></UpdatedRowCount>`;

/** The same requests on every database; `multiRowKeys`: whether one INSERT of two rows answers both keys. */
function cases(served: () => Served, label: string, multiRowKeys: boolean) {
  it(`${label}: returnGeneratedKeys answers GeneratedKeys/Entry/ID by column number, one per insert`, async () => {
    const a = await post(served(), 'item', { name: 'apple' });
    expect(a.status).toBe(200);
    expect(a.text).toBe(keys(1));
    expect((await post(served(), 'item', { name: 'apricot' })).text).toBe(keys(2));
  });

  it(`${label}: the key maps by its key column's name too`, async () => {
    expect((await post(served(), 'named', { name: 'banana' })).text).toBe(keys(3));
  });

  it(`${label}: an INSERT of two rows answers ${multiRowKeys ? 'both keys' : 'the last key (the driver reports only that one)'}`, async () => {
    expect((await post(served(), 'two', { a: 'cherry', b: 'cranberry' })).text).toBe(multiRowKeys ? keys(4, 5) : keys(5));
  });

  it(`${label}: returnUpdatedRowCount answers UpdatedRowCount/Value with the rows changed (0 when none)`, async () => {
    const r = await post(served(), 'rename', { to: 'fruit', like: 'c%' });
    expect(r.status).toBe(200);
    expect(r.text).toBe(count(2));
    expect((await post(served(), 'rename', { to: 'x', like: 'zzz%' })).text).toBe(count(0));
    expect((await post(served(), 'remove', { name: 'fruit' })).text).toBe(count(2));
    expect((await post(served(), 'remove', { name: 'fruit' })).text).toBe(count(0));
  });

  it(`${label}: with both returnGeneratedKeys and returnUpdatedRowCount, the count is what MI answers`, async () => {
    expect((await post(served(), 'counted', { name: 'date' })).text).toBe(count(1));
  });
}

describe('generated keys and updated row counts on SQLite', () => {
  let s: Served;
  beforeAll(async () => {
    s = await serveProject({ 'Items.dbs': dbs('<config id="c"><property name="driverClassName">org.sqlite.JDBC</property><property name="url">jdbc:sqlite:items.db</property></config>') });
    const db = new Database(path.join(s.dir, 'items.db'));
    db.exec('create table items (id integer primary key autoincrement, name varchar(20))');
    db.close();
  });
  afterAll(async () => s?.close());
  it('deploys', () => expect(s.host.initial.failed).toEqual([]));
  cases(() => s, 'SQLite', false);
});

describeWithServices('generated keys and updated row counts on PostgreSQL', [postgres], () => {
  const name = `mediate_keys_${randomBytes(4).toString('hex')}`;
  let s: Served;
  const run = (sql: string, db = name) => pgExec(db, sql);
  beforeAll(async () => {
    await run(`CREATE DATABASE ${name}`, 'postgres');
    await run('create table items (id serial primary key, name varchar(20))');
    s = await serveProject({ 'Items.dbs': dbs(`<config id="c"><property name="url">jdbc:postgresql://127.0.0.1:5432/${name}</property><property name="username">postgres</property><property name="password"></property></config>`) });
  });
  afterAll(async () => {
    await s?.close();
    await run(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`, 'postgres');
  });
  it('deploys', () => expect(s.host.initial.failed).toEqual([]));
  cases(() => s, 'PostgreSQL', true);
});

describeWithServices('generated keys and updated row counts on MariaDB', [mariadb], () => {
  const name = `mediate_keys_${randomBytes(4).toString('hex')}`;
  let s: Served;
  beforeAll(async () => {
    const c = await mysql.createConnection({ host: '127.0.0.1', user: 'root', multipleStatements: true });
    await c.query(`CREATE DATABASE ${name}; USE ${name}; create table items (id int auto_increment primary key, name varchar(20)) engine=InnoDB`);
    await c.end();
    s = await serveProject({ 'Items.dbs': dbs(`<config id="c"><property name="url">jdbc:mysql://127.0.0.1:3306/${name}</property><property name="username">root</property><property name="password"></property></config>`) });
  });
  afterAll(async () => {
    await s?.close();
    const c = await mysql.createConnection({ host: '127.0.0.1', user: 'root' });
    await c.query(`DROP DATABASE IF EXISTS ${name}`);
    await c.end();
  });
  it('deploys', () => expect(s.host.initial.failed).toEqual([]));
  cases(() => s, 'MariaDB', true);
});
