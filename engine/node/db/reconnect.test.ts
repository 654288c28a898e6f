import { it, expect, beforeAll, afterAll } from 'vitest';
import net from 'node:net';
import pg from 'pg';
import mysql from 'mysql2/promise';
import { randomBytes } from 'node:crypto';
import { probeService, describeWithServices } from '../../../test/support/services.js';
import { serveProject, type Served } from './testing/serve.js';

/** A TCP relay in front of a database server whose connections the test can cut (the database "goes away"). */
function relay(targetPort: number): Promise<{ port: number; cut(): void; close(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(targetPort, '127.0.0.1');
    sockets.add(client).add(upstream);
    client.pipe(upstream).pipe(client);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        port: (server.address() as net.AddressInfo).port,
        cut: () => {
          for (const s of sockets) s.destroy();
        },
        close: () => new Promise<void>((r) => server.close(() => r())),
      }),
    ),
  );
}

const dbs = (url: string, user: string) => `<data name="R">
  <config id="c"><property name="url">${url}</property><property name="username">${user}</property><property name="password"></property></config>
  <query id="q" useConfig="c"><sql>select n from t order by n</sql><result element="Ns"><element column="n" name="n" xsdType="integer"/></result></query>
  <resource method="GET" path="n"><call-query href="q"/></resource>
</data>`;

const postgres = await probeService({ name: 'PostgreSQL', port: 5432, start: 'service postgresql start' });
const mariadb = await probeService({ name: 'MariaDB', port: 3306, start: 'service mariadb start' });

for (const [label, probe] of [['PostgreSQL', postgres], ['MariaDB', mariadb]] as const) {
  describeWithServices(`a ${label} that goes away is reconnected`, [probe], () => {
    const name = `mediate_reconnect_${randomBytes(4).toString('hex')}`;
    let s: Served;
    let r: Awaited<ReturnType<typeof relay>>;
    beforeAll(async () => {
      if (label === 'PostgreSQL') {
        const admin = new pg.Client({ host: '127.0.0.1', user: 'postgres', database: 'postgres' });
        await admin.connect();
        await admin.query(`CREATE DATABASE ${name}`);
        await admin.end();
        const c = new pg.Client({ host: '127.0.0.1', user: 'postgres', database: name });
        await c.connect();
        await c.query('create table t (n int); insert into t values (1), (2)');
        await c.end();
      } else {
        const c = await mysql.createConnection({ host: '127.0.0.1', user: 'root', multipleStatements: true });
        await c.query(`CREATE DATABASE ${name}; USE ${name}; create table t (n int); insert into t values (1), (2)`);
        await c.end();
      }
      r = await relay(label === 'PostgreSQL' ? 5432 : 3306);
      const url = label === 'PostgreSQL' ? `jdbc:postgresql://127.0.0.1:${r.port}/${name}` : `jdbc:mysql://127.0.0.1:${r.port}/${name}`;
      s = await serveProject({ 'R.dbs': dbs(url, label === 'PostgreSQL' ? 'postgres' : 'root') });
    });
    afterAll(async () => {
      await s?.close();
      await r?.close();
      if (label === 'PostgreSQL') {
        const admin = new pg.Client({ host: '127.0.0.1', user: 'postgres', database: 'postgres' });
        await admin.connect();
        await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await admin.end();
      } else {
        const c = await mysql.createConnection({ host: '127.0.0.1', user: 'root' });
        await c.query(`DROP DATABASE IF EXISTS ${name}`);
        await c.end();
      }
    });

    it('serves, loses every connection, and serves the next request on a new one', async () => {
      const expected = '<Ns xmlns="http://ws.wso2.org/dataservice"><n>1</n><n>2</n></Ns>';
      expect((await s.request('GET', '/services/R/n')).text).toBe(expected);
      r.cut();
      // Let the pool see its sockets close (or not: either way the next request must be served).
      await new Promise((res) => setTimeout(res, 50));
      const again = await s.request('GET', '/services/R/n');
      expect(again.status).toBe(200);
      expect(again.text).toBe(expected);
    });
  });
}
