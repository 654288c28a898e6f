/**
 * The designer's service against real databases: a SQLite file in a
 * temporary project, and a PostgreSQL database of this file's own. Edits are
 * checked on the text they produce (what the source view shows).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { NodeDataServicesService } from './dataservices-service.js';
import type { CanvasTextEdit } from '../../contract/canvas.js';
import { usePostgresDatabase } from '../../../test/support/postgres.js';
import { describeWithServices, probeService } from '../../../test/support/services.js';

const postgres = await probeService({ name: 'PostgreSQL', port: 5432, start: 'service postgresql start' });

function applyEdits(text: string, edits: CanvasTextEdit[]): string {
  for (const e of [...edits].sort((a, b) => b.start - a.start)) text = text.slice(0, e.start) + e.newText + text.slice(e.end);
  return text;
}

const dbs = (url: string, extra = '') => `<data name="Staff" transports="http https">
    <!-- the staff database -->
    <config id="main">
        <property name="driverClassName">org.sqlite.JDBC</property>
        <property name="url">${url}</property>${extra}
    </config>
    <query id="byDept" useConfig="main">
        <sql><![CDATA[SELECT id, name, salary FROM staff WHERE dept = :dept ORDER BY id]]></sql>
        <result element="People" rowName="Person">
            <element column="id" name="id" xsdType="xs:integer"/>
            <element column="name" name="name" xsdType="xs:string"/>
            <attribute column="salary" name="salary" xsdType="xs:double"/>
        </result>
        <param name="dept" sqlType="STRING"/>
    </query>
    <resource method="GET" path="people/{dept}">
        <call-query href="byDept">
            <with-param name="dept" query-param="dept"/>
        </call-query>
    </resource>
</data>
`;

describe('data-service designer service on SQLite', () => {
  let root: string;
  let service: NodeDataServicesService;
  const text = dbs('jdbc:sqlite:staff.db');

  beforeAll(() => {
    root = mkdtempSync(path.join(os.tmpdir(), 'mediate-ds-designer-'));
    const db = new Database(path.join(root, 'staff.db'));
    db.exec("CREATE TABLE staff (id INTEGER PRIMARY KEY, name TEXT NOT NULL, dept TEXT, salary REAL); INSERT INTO staff VALUES (1, 'Ann', 'ops', 1500), (2, 'Bob <b>', 'ops', NULL), (3, 'Cy', 'dev', 2000);");
    db.close();
    service = new NodeDataServicesService({ projectRoot: () => root });
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('models configs, queries with params and mappings, and resources', async () => {
    const model = await service.model('Staff.dbs', text);
    expect(model.ok).toBe(true);
    expect(model.configs[0]).toMatchObject({ id: 'main', properties: [['driverClassName', 'org.sqlite.JDBC'], ['url', 'jdbc:sqlite:staff.db']] });
    const q = model.queries[0]!;
    expect(q.params).toEqual([{ name: 'dept', sqlType: 'STRING', ordinal: 1 }]);
    expect(q.result).toMatchObject({ element: 'People', rowName: 'Person', outputType: 'xml' });
    expect(q.result!.mappings.map((m) => [m.index, m.kind, m.name, m.column])).toEqual([[0, 'element', 'id', 'id'], [1, 'element', 'name', 'name'], [2, 'attribute', 'salary', 'salary']]);
    expect(model.resources).toEqual([{ method: 'GET', path: 'people/{dept}', query: 'byDept' }]);
  });

  it('reports a malformed text with line and column instead of a model', async () => {
    const model = await service.model('Staff.dbs', text.replace('</query>', '</qury>'));
    expect(model.ok).toBe(false);
    expect(model.syntaxError!.line).toBeGreaterThan(1);
    expect(model.syntaxError!.message).toMatch(/malformed XML/);
  });

  it('tests the connection: ok, a missing file and an unsupported URL are named', async () => {
    expect(await service.testConnection('Staff.dbs', text, 'main')).toEqual({ ok: true, message: 'ok' });
    const missing = await service.testConnection('Staff.dbs', dbs('jdbc:sqlite:nowhere/missing.db'), 'main');
    expect(missing.ok).toBe(false);
    expect(missing.message).toContain(path.join(root, 'nowhere/missing.db'));
    const oracle = await service.testConnection('Staff.dbs', dbs('jdbc:oracle:thin:@h:1521:x'), 'main');
    expect(oracle).toMatchObject({ ok: false, message: expect.stringMatching(/oracle databases are not supported/) });
    expect((await service.testConnection('Staff.dbs', text, 'other')).message).toMatch(/no config 'other'/);
  });

  it('runs a query with a bound parameter: rows as the writer prints them, and MI\'s XML and JSON', async () => {
    const run = await service.runQuery('Staff.dbs', text, 'byDept', { dept: 'ops' });
    expect(run.ok).toBe(true);
    expect(run.columns).toEqual(['id', 'name', 'salary']);
    expect(run.rows).toEqual([['1', 'Ann', '1500.0'], ['2', 'Bob <b>', null]]);
    expect(run.outputXml).toBe('<People xmlns="http://ws.wso2.org/dataservice"><Person salary="1500.0"><id>1</id><name>Ann</name></Person><Person><id>2</id><name>Bob &lt;b&gt;</name></Person></People>');
    expect(JSON.parse(run.outputJson!)).toEqual({ People: { Person: [{ id: 1, name: 'Ann', salary: '1500.0' }, { id: 2, name: 'Bob <b>' }] } });
    // A quote in the value stays a value: no rows, no SQL error.
    expect(await service.runQuery('Staff.dbs', text, 'byDept', { dept: "ops' OR '1'='1" })).toMatchObject({ ok: true, rows: [] });
  });

  it('shows an SQL error and a missing parameter as MI\'s fault text, without throwing', async () => {
    const broken = await service.runQuery('Staff.dbs', text.replace('FROM staff', 'FROM staf'), 'byDept', { dept: 'ops' });
    expect(broken).toMatchObject({ ok: false, error: expect.stringMatching(/^DATABASE_ERROR: .*no such table: staf/) });
    const unsupplied = await service.runQuery('Staff.dbs', text, 'byDept', {});
    expect(unsupplied).toMatchObject({ ok: false, error: expect.stringMatching(/INCOMPATIBLE_PARAMETERS_ERROR.*dept/) });
  });

  it('edits the text minimally: a property, the SQL (CDATA kept), result attributes and mappings', async () => {
    const edit = async (t: string, e: Parameters<NodeDataServicesService['edit']>[2]) => applyEdits(t, (await service.edit('Staff.dbs', t, e)).edits);
    let t = await edit(text, { op: 'setConfigProperty', config: 'main', name: 'username', value: 'admin' });
    expect(t).toContain('<property name="url">jdbc:sqlite:staff.db</property>\n        <property name="username">admin</property>\n    </config>');
    t = await edit(t, { op: 'setConfigProperty', config: 'main', name: 'url', value: 'jdbc:sqlite:other.db' });
    t = await edit(t, { op: 'setConfigProperty', config: 'main', name: 'username', value: null });
    expect(t).toBe(text.replace('staff.db', 'other.db'));
    t = await edit(text, { op: 'setQuerySql', query: 'byDept', sql: 'SELECT id, name, salary FROM staff WHERE dept = :dept AND salary < 3000' });
    expect(t).toContain('<sql><![CDATA[SELECT id, name, salary FROM staff WHERE dept = :dept AND salary < 3000]]></sql>');
    expect(t).toContain('<!-- the staff database -->');
    t = await edit(t, { op: 'setResultAttribute', query: 'byDept', name: 'rowName', value: 'Employee' });
    t = await edit(t, { op: 'setMapping', query: 'byDept', index: 2, kind: 'element', name: 'pay', column: 'salary' });
    t = await edit(t, { op: 'addMapping', query: 'byDept', kind: 'attribute', name: 'key', column: 'id' });
    t = await edit(t, { op: 'removeMapping', query: 'byDept', index: 1 });
    expect(t).toContain(`<result element="People" rowName="Employee">
            <element column="id" name="id" xsdType="xs:integer"/>
            <element column="salary" name="pay" xsdType="xs:double"/>
            <attribute column="id" name="key" xsdType="xs:string"/>
        </result>`);
    const run = await service.runQuery('Staff.dbs', t, 'byDept', { dept: 'dev' });
    expect(run.outputXml).toBe('<People xmlns="http://ws.wso2.org/dataservice"><Employee key="3"><id>3</id><pay>2000.0</pay></Employee></People>');
  });

  it('adds and removes resources and operations', async () => {
    const edit = async (t: string, e: Parameters<NodeDataServicesService['edit']>[2]) => applyEdits(t, (await service.edit('Staff.dbs', t, e)).edits);
    let t = await edit(text, { op: 'addResource', method: 'post', path: 'people', query: 'byDept' });
    t = await edit(t, { op: 'addOperation', name: 'listDept', query: 'byDept' });
    const model = await service.model('Staff.dbs', t);
    expect(model.resources).toEqual([{ method: 'GET', path: 'people/{dept}', query: 'byDept' }, { method: 'POST', path: 'people', query: 'byDept' }]);
    expect(model.operations).toEqual([{ name: 'listDept', query: 'byDept' }]);
    expect(t).toContain(`    <resource method="POST" path="/people">
        <call-query href="byDept">
            <with-param name="dept" query-param="dept"/>
        </call-query>
    </resource>`);
    t = await edit(t, { op: 'removeOperation', index: 0 });
    t = await edit(t, { op: 'removeResource', index: 1 });
    expect(t).toBe(text);
    await expect(service.edit('Staff.dbs', t, { op: 'removeResource', index: 5 })).rejects.toThrow(/no resource number 6/);
  });

  it('generates CRUD queries and resources from a table that then run', async () => {
    const tables = await service.tables('Staff.dbs', text, 'main');
    expect(tables.map((x) => x.name)).toEqual(['staff']);
    const t = applyEdits(text, (await service.generateFromTable('Staff.dbs', text, 'main', 'staff')).edits);
    const model = await service.model('Staff.dbs', t);
    expect(model.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(model.queries.map((q) => q.id)).toEqual(['byDept', 'select_all_staff_query', 'select_with_key_staff_query', 'insert_staff_query', 'update_staff_query', 'delete_staff_query']);
    expect(model.resources.map((r) => `${r.method} ${r.path}`)).toEqual(['GET people/{dept}', 'GET staff', 'GET staff/{id}', 'POST staff', 'PUT staff', 'DELETE staff/{id}']);
    expect(t.startsWith(text.slice(0, text.indexOf('</query>')))).toBe(true);
    const insert = await service.runQuery('Staff.dbs', t, 'insert_staff_query', { id: '9', name: 'Dee', dept: 'qa', salary: '10.5' });
    expect(insert).toMatchObject({ ok: true, affectedRows: 1 });
    const byKey = await service.runQuery('Staff.dbs', t, 'select_with_key_staff_query', { id: '9' });
    expect(byKey.outputXml).toBe('<staffCollection xmlns="http://ws.wso2.org/dataservice"><staff><id>9</id><name>Dee</name><dept>qa</dept><salary>10.5</salary></staff></staffCollection>');
    await expect(service.generateFromTable('Staff.dbs', t, 'main', 'staff')).rejects.toThrow(/already has select_all_staff_query/);
    expect((await service.runQuery('Staff.dbs', t, 'delete_staff_query', { id: '9' })).affectedRows).toBe(1);
  });
});

describeWithServices('data-service designer service on PostgreSQL', [postgres], () => {
  const database = usePostgresDatabase('mediate_ds_designer');
  const service = new NodeDataServicesService({ projectRoot: () => undefined });
  const text = dbs(`jdbc:postgresql://127.0.0.1:5432/${database}`, '\n        <property name="username">postgres</property>').replace('org.sqlite.JDBC', 'org.postgresql.Driver');

  beforeAll(async () => {
    const c = new pg.Client({ host: '127.0.0.1', port: 5432, user: 'postgres', database });
    await c.connect();
    await c.query("CREATE TABLE staff (id INTEGER PRIMARY KEY, name TEXT NOT NULL, dept TEXT, salary DOUBLE PRECISION); INSERT INTO staff VALUES (1, 'Ann', 'ops', 1500), (3, 'Cy', 'dev', 2000)");
    await c.end();
  });

  it('tests the connection, runs a query and generates from a table', async () => {
    expect(await service.testConnection('Staff.dbs', text, 'main')).toEqual({ ok: true, message: 'ok' });
    const wrong = await service.testConnection('Staff.dbs', text.replace(database, `${database}_nope`), 'main');
    expect(wrong).toMatchObject({ ok: false, message: expect.stringContaining(`${database}_nope`) });
    const run = await service.runQuery('Staff.dbs', text, 'byDept', { dept: 'ops' });
    expect(run).toMatchObject({ ok: true, columns: ['id', 'name', 'salary'], rows: [['1', 'Ann', '1500.0']] });
    expect(run.outputXml).toBe('<People xmlns="http://ws.wso2.org/dataservice"><Person salary="1500.0"><id>1</id><name>Ann</name></Person></People>');
    const t = applyEdits(text, (await service.generateFromTable('Staff.dbs', text, 'main', 'staff')).edits);
    const all = await service.runQuery('Staff.dbs', t, 'select_all_staff_query', {});
    expect(all.rows.map((r) => r[1])).toEqual(['Ann', 'Cy']);
    const bad = await service.runQuery('Staff.dbs', text.replace('FROM staff', 'FROM staf'), 'byDept', { dept: 'ops' });
    expect(bad).toMatchObject({ ok: false, error: expect.stringMatching(/DATABASE_ERROR.*staf/) });
  });
});
