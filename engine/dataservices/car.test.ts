import { it, expect } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { scanProject } from '../node/project/index.js';
import { writeCar } from '../node/car/index.js';
import { startRuntimeHost } from '../node/runtime-host.js';
import { MemoryLogger } from '../core/logger.js';

it('a data service and its carbon datasource travel in an exported CAR and serve from it', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ds-car-'));
  const dbFile = path.join(dir, 'people.db');
  const db = new Database(dbFile);
  db.exec("create table People (id integer, name text); insert into People values (1, 'Ann')");
  db.close();
  fs.writeFileSync(path.join(dir, 'people_ds.xml'), `<datasource><name>peopleDS</name><definition type="RDBMS"><configuration><url>jdbc:sqlite:${dbFile}</url></configuration></definition></datasource>`);
  fs.writeFileSync(path.join(dir, 'People.dbs'), `<data name="People"><config id="c"><property name="carbon_datasource_name">peopleDS</property></config>
<query id="q" useConfig="c"><sql>select id, name from People where id = :id</sql><param name="id" sqlType="INTEGER"/><result element="People" rowName="Person"><element column="name" name="name"/></result></query>
<resource method="GET" path="person/{id}"><call-query href="q"><with-param name="id" query-param="id"/></call-query></resource></data>`);
  const out = path.join(dir, 'out');
  fs.mkdirSync(out);
  const car = await writeCar(await scanProject(dir), { out });
  expect(car.entries.some((e) => e.endsWith('.dbs'))).toBe(true);
  const host = await startRuntimeHost({ sources: [car.file], port: 0, host: '127.0.0.1', logger: new MemoryLogger(), env: {} });
  try {
    expect(host.initial.failed).toEqual([]);
    expect(host.initial.deployed.map((d) => d.kind).sort()).toEqual(['data-service', 'data-source']);
    const r = await fetch(`http://127.0.0.1:${host.port}/services/People/person/1`);
    expect(await r.text()).toBe('<People xmlns="http://ws.wso2.org/dataservice"><Person><name>Ann</name></Person></People>');
  } finally {
    await host.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
