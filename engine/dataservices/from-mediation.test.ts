import { it, expect } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { serveProject } from '../node/db/testing/serve.js';

it('an API reaches a data service with a call to /services/... and transforms its answer', async () => {
  const s = await serveProject({
    'People.dbs': `<data name="People"><config id="c"><property name="url">jdbc:sqlite:people.db</property></config>
<query id="q" useConfig="c"><sql>select name from People where id = :id</sql><param name="id" sqlType="INTEGER"/><result element="People" rowName="Person"><element column="name" name="name"/></result></query>
<resource method="GET" path="person/{id}"><call-query href="q"><with-param name="id" query-param="id"/></call-query></resource></data>`,
  });
  try {
    const db = new Database(path.join(s.dir, 'people.db'));
    db.exec("create table People (id integer, name text); insert into People values (7, 'Ann')");
    db.close();
    fs.writeFileSync(
      path.join(s.dir, 'api.xml'),
      `<api xmlns="http://ws.apache.org/ns/synapse" name="Front" context="/front"><resource methods="GET" uri-template="/{id}"><inSequence>
  <call><endpoint><http method="get" uri-template="http://127.0.0.1:${s.host.port}/services/People/person/{uri.var.id}"/></endpoint></call>
  <payloadFactory media-type="json"><format>{"who":"$1"}</format><args><arg xmlns:ds="http://ws.wso2.org/dataservice" evaluator="xml" expression="//ds:name"/></args></payloadFactory>
  <respond/></inSequence></resource></api>`,
    );
    const redeployed = await s.host.refresh();
    expect(redeployed.failed).toEqual([]);
    const r = await s.request('GET', '/front/7');
    expect(r.status).toBe(200);
    expect(r.json()).toEqual({ who: 'Ann' });
  } finally {
    await s.close();
  }
});
