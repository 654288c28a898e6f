/**
 * The data-service designer in the studio, in browser mode in Debian's
 * Chromium, on a sample .dbs over a real SQLite file: the designer opens
 * beside the source, tests the connection (ok, then a wrong URL's error),
 * runs a query with a parameter and shows its rows and MI's output, follows
 * a mapping edit in the preview and the source, shows an SQL error, keeps
 * the last good model under a banner while the XML is broken, generates CRUD
 * from a table into the file, and Try-it calls one of its resources on the
 * running runtime. Skips (saying why) where Chromium is absent.
 */
import { it, expect, beforeAll, afterAll } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Page } from 'playwright-core';
import { describeInChromium, openStudio, type StudioSession } from './studio-session.js';

const DBS = 'src/main/wso2mi/artifacts/data-services/StaffService.dbs';
const SERVICE = `<data name="StaffService" transports="http https">
    <!-- staff of the hospital, by department -->
    <config id="staffdb">
        <property name="driverClassName">org.sqlite.JDBC</property>
        <property name="url">jdbc:sqlite:staff.db</property>
    </config>
    <query id="byDept" useConfig="staffdb">
        <sql>SELECT id, name, salary FROM staff WHERE dept = :dept ORDER BY id</sql>
        <result element="People" rowName="Person">
            <element column="id" name="id" xsdType="xs:integer"/>
            <element column="name" name="name" xsdType="xs:string"/>
            <element column="salary" name="salary" xsdType="xs:double"/>
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

describeInChromium('data-service designer', () => {
  let session: StudioSession;
  let page: Page;
  const designer = () => page.locator(`[data-testid=ds-designer][data-path="${DBS}"]`);
  const query = (id: string) => designer().locator(`[data-testid=ds-query][data-query="${id}"]`);
  const status = () => designer().getByTestId('ds-connection-status');

  beforeAll(async () => {
    session = await openStudio({
      name: 'mediate-e2e-dataservices-',
      needsRuntime: true,
      files: { [DBS]: SERVICE },
      prepare: (project) => {
        const db = new Database(path.join(project, 'staff.db'));
        db.exec("CREATE TABLE staff (id INTEGER PRIMARY KEY, name TEXT NOT NULL, dept TEXT, salary REAL); INSERT INTO staff VALUES (1, 'Ann', 'ops', 1500), (2, 'Bob', 'ops', 1700), (3, 'Cy', 'dev', 2000);");
        db.close();
      },
    });
    ({ page } = session);
  }, 240_000);

  afterAll(async () => {
    await session?.close();
  });

  it('opens the designer beside the source and tests the connection: ok, then a wrong URL\'s error', async () => {
    await session.item(DBS).click();
    await designer().waitFor({ timeout: 15_000 });
    await expect.poll(() => session.editorText()).toContain('<!-- staff of the hospital, by department -->');
    await designer().getByTestId('ds-test-connection').click();
    await expect.poll(() => status().innerText(), { timeout: 10_000 }).toBe('ok');

    const url = designer().locator('[data-testid=ds-config-field][data-name=url]');
    await url.fill('jdbc:sqlite:nowhere/missing.db');
    await url.press('Enter');
    await expect.poll(() => session.editorText()).toContain('<property name="url">jdbc:sqlite:nowhere/missing.db</property>');
    await designer().getByTestId('ds-test-connection').click();
    await expect.poll(() => status().innerText(), { timeout: 10_000 }).toMatch(/nowhere\/missing\.db does not exist/);
    await url.fill('jdbc:sqlite:staff.db');
    await url.press('Enter');
    await expect.poll(() => session.editorText()).toContain('<property name="url">jdbc:sqlite:staff.db</property>');
    await designer().getByTestId('ds-test-connection').click();
    await expect.poll(() => status().innerText(), { timeout: 10_000 }).toBe('ok');
  });

  it('runs a query with a parameter, shows the rows and MI\'s output, and follows a mapping edit', async () => {
    const q = query('byDept');
    await q.locator('[data-testid=ds-query-param][data-name=dept]').fill('ops');
    await q.getByTestId('ds-query-run').click();
    await expect.poll(() => q.getByTestId('ds-row').count(), { timeout: 10_000 }).toBe(2);
    expect(await q.getByTestId('ds-rows').innerText()).toContain('Bob');
    const preview = q.getByTestId('ds-output-preview');
    await expect.poll(() => preview.innerText()).toBe('<People xmlns="http://ws.wso2.org/dataservice"><Person><id>1</id><name>Ann</name><salary>1500.0</salary></Person><Person><id>2</id><name>Bob</name><salary>1700.0</salary></Person></People>');

    const rowName = q.getByTestId('ds-result-rowname');
    await rowName.fill('Employee');
    await rowName.press('Enter');
    await expect.poll(() => session.editorText()).toContain('<result element="People" rowName="Employee">');
    await expect.poll(() => preview.innerText()).toContain('<Employee><id>1</id>');
    await q.locator('[data-testid=ds-mapping][data-index="2"]').getByTestId('ds-mapping-kind').selectOption('attribute');
    await expect.poll(() => session.editorText()).toContain('<attribute column="salary" name="salary" xsdType="xs:double"/>');
    await expect.poll(() => preview.innerText()).toContain('<Employee salary="1500.0"><id>1</id><name>Ann</name></Employee>');
    await q.locator('[data-testid=ds-preview-format][data-format=json]').click();
    expect(JSON.parse(await preview.innerText())).toEqual({ People: { Employee: [{ id: 1, name: 'Ann', salary: '1500.0' }, { id: 2, name: 'Bob', salary: '1700.0' }] } });
  });

  it('shows an SQL error of a run, and nothing crashes', async () => {
    const q = query('byDept');
    const sql = q.getByTestId('ds-query-sql');
    const good = await sql.inputValue();
    await sql.fill(good.replace('FROM staff', 'FROM staf'));
    await q.getByTestId('ds-query-run').focus(); // blur writes the SQL
    await expect.poll(() => session.editorText()).toContain('FROM staf WHERE');
    await q.getByTestId('ds-query-run').click();
    await expect.poll(() => q.getByTestId('ds-query-error').innerText(), { timeout: 10_000 }).toMatch(/DATABASE_ERROR.*no such table: staf/);
    await sql.fill(good);
    await q.getByTestId('ds-query-run').click();
    await expect.poll(() => q.getByTestId('ds-row').count(), { timeout: 10_000 }).toBe(2);
    expect(session.pageErrors).toEqual([]);
  });

  it('keeps the last good model under a banner while the XML is malformed', async () => {
    await page.locator('[data-testid=source-editor] .view-lines').click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('<oops');
    await expect.poll(() => designer().getByTestId('ds-invalid').innerText(), { timeout: 10_000 }).toMatch(/not well-formed \(line \d+, column \d+/);
    expect(await query('byDept').count()).toBe(1);
    for (let i = 0; i < 5; i++) await page.keyboard.press('Backspace');
    await expect.poll(() => designer().getByTestId('ds-invalid').count(), { timeout: 10_000 }).toBe(0);
  });

  it('generates CRUD queries and resources from a table into the file', async () => {
    await designer().getByTestId('ds-generate-from-table').click();
    await designer().locator('[data-testid=ds-table][data-table=staff]').click();
    await expect.poll(() => designer().getByTestId('ds-query').count(), { timeout: 10_000 }).toBe(6);
    const resources = (await designer().getByTestId('ds-resource').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').replace(/ ×$/, ''));
    expect(resources).toEqual([
      'GET /services/StaffService/people/{dept} → byDept',
      'GET /services/StaffService/staff → select_all_staff_query',
      'GET /services/StaffService/staff/{id} → select_with_key_staff_query',
      'POST /services/StaffService/staff → insert_staff_query',
      'PUT /services/StaffService/staff → update_staff_query',
      'DELETE /services/StaffService/staff/{id} → delete_staff_query',
    ]);
    await page.locator('[data-testid=source-editor] .view-lines').click();
    await page.keyboard.press('Control+S');
    await expect.poll(() => session.tab(DBS).getAttribute('data-dirty')).toBe('false');
    const saved = readFileSync(path.join(session.project, DBS), 'utf8');
    expect(saved).toContain('<!-- staff of the hospital, by department -->');
    expect(saved).toContain('<query id="select_with_key_staff_query" useConfig="staffdb">\n        <sql>SELECT id, name, dept, salary FROM staff WHERE id=?</sql>');
    expect(saved).toContain('<resource method="DELETE" path="staff/{id}">');
    const q = query('select_with_key_staff_query');
    await q.locator('[data-testid=ds-query-param][data-name=id]').fill('3');
    await q.getByTestId('ds-query-run').click();
    await expect.poll(() => q.getByTestId('ds-output-preview').innerText(), { timeout: 10_000 }).toBe('<staffCollection xmlns="http://ws.wso2.org/dataservice"><staff><id>3</id><name>Cy</name><dept>dev</dept><salary>2000.0</salary></staff></staffCollection>');
  });

  it('Try-it offers the data service\'s resources and calls one on the running runtime', async () => {
    await page.getByTestId('run-button').click();
    await expect.poll(() => page.getByTestId('runtime-status').innerText(), { timeout: 30_000 }).toMatch(/running on port \d+/);
    await session.tab(DBS).click();
    await page.getByTestId('tryit-open').click();
    await expect.poll(() => page.getByTestId('tryit-url').inputValue()).toBe('/services/StaffService/people/{dept}');
    const labels = await page.getByTestId('tryit-resource').locator('option').allInnerTexts();
    expect(labels).toEqual(['GET /people/{dept}', 'GET /staff', 'GET /staff/{id}', 'POST /staff', 'PUT /staff', 'DELETE /staff/{id}']);
    await page.getByTestId('tryit-url').fill('/services/StaffService/people/dev');
    await page.getByTestId('tryit-send').click();
    await expect.poll(() => page.getByTestId('tryit-response-status').innerText(), { timeout: 15_000 }).toMatch(/^200/);
    const answered = JSON.parse(await page.getByTestId('tryit-response-body').innerText());
    expect(answered).toEqual({ People: { Employee: [{ id: 3, name: 'Cy', salary: '2000.0' }] } });
    // The designer's preview of the same query and value is what the runtime answered.
    const q = query('byDept');
    await q.locator('[data-testid=ds-query-param][data-name=dept]').fill('dev');
    await q.getByTestId('ds-query-run').click();
    await q.locator('[data-testid=ds-preview-format][data-format=json]').click();
    await expect.poll(async () => JSON.parse((await q.getByTestId('ds-output-preview').innerText()) || 'null'), { timeout: 10_000 }).toEqual(answered);
    await page.getByTestId('stop-button').click();
    await expect.poll(() => page.getByTestId('runtime-status').innerText(), { timeout: 15_000 }).toContain('stopped');
  });
});
