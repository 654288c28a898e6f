/**
 * A distributed transaction across PostgreSQL and MariaDB (two XA configs in one request box):
 * both commit, or neither does, even when one database refuses only at commit time. The
 * PostgreSQL table has a deferred unique constraint, checked at PREPARE TRANSACTION: the MariaDB
 * insert before it already succeeded, so only a real first phase (XA PREPARE, then rolled back)
 * keeps its row out; committing database by database would leave it in. Needs the server's
 * max_prepared_transactions > 0 (.ci/services/postgres.sh sets it).
 */
import { it, expect, beforeAll, afterAll } from 'vitest';
import mysql from 'mysql2/promise';
import { randomBytes } from 'node:crypto';
import { probeService, describeWithServices } from '../../../test/support/services.js';
import { serveProject, type Served } from './testing/serve.js';
import { pgExec } from './testing/sql.js';

const postgres = await probeService({ name: 'PostgreSQL', port: 5432, start: 'bash .ci/services/postgres.sh' });
const mariadb = await probeService({ name: 'MariaDB', port: 3306, start: 'service mariadb start' });

const dbs = (pgDb: string, myDb: string) => `<data name="Booking" enableBoxcarring="true" transports="http https local">
  <config id="audit"><property name="dataSourceClassName">com.mysql.jdbc.jdbc2.optional.MysqlXADataSource</property><property name="dataSourceProps">
    <property name="url">jdbc:mysql://127.0.0.1:3306/${myDb}</property><property name="user">root</property><property name="password"></property></property></config>
  <config id="seats"><property name="dataSourceClassName">org.postgresql.xa.PGXADataSource</property><property name="dataSourceProps">
    <property name="url">jdbc:postgresql://127.0.0.1:5432/${pgDb}</property><property name="user">postgres</property><property name="password"></property></property></config>
  <query id="logQuery" useConfig="audit"><sql>insert into audit (ref) values (:ref)</sql><param name="ref" sqlType="STRING"/></query>
  <query id="seatQuery" useConfig="seats"><sql>insert into seats (seat) values (:seat)</sql><param name="seat" sqlType="STRING"/></query>
  <operation name="LogOp"><call-query href="logQuery"><with-param name="ref" query-param="ref"/></call-query></operation>
  <operation name="SeatOp"><call-query href="seatQuery"><with-param name="seat" query-param="seat"/></call-query></operation>
</data>`;

const box = (ref: string, seat: string) => `<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:dat="http://ws.wso2.org/dataservice"><soapenv:Body>
<dat:request_box><dat:LogOp><dat:ref>${ref}</dat:ref></dat:LogOp><dat:SeatOp><dat:seat>${seat}</dat:seat></dat:SeatOp></dat:request_box></soapenv:Body></soapenv:Envelope>`;

describeWithServices('a distributed transaction across PostgreSQL and MariaDB', [postgres, mariadb], () => {
  const name = `mediate_2pc_${randomBytes(4).toString('hex')}`;
  let s: Served;
  const pgQuery = (sql: string, db = name) => pgExec(db, sql);
  const auditRefs = async () => {
    const c = await mysql.createConnection({ host: '127.0.0.1', user: 'root', database: name });
    try {
      const [rows] = await c.query('select ref from audit order by ref');
      return (rows as { ref: string }[]).map((r) => r.ref);
    } finally {
      await c.end();
    }
  };

  beforeAll(async () => {
    await pgQuery(`CREATE DATABASE ${name}`, 'postgres');
    await pgQuery('create table seats (seat varchar(10), constraint one_booking unique (seat) deferrable initially deferred)');
    const c = await mysql.createConnection({ host: '127.0.0.1', user: 'root', multipleStatements: true });
    await c.query(`CREATE DATABASE ${name}; USE ${name}; create table audit (ref varchar(20)) engine=InnoDB`);
    await c.end();
    s = await serveProject({ 'Booking.dbs': dbs(name, name) });
  });
  afterAll(async () => {
    await s?.close();
    await pgQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`, 'postgres');
    const c = await mysql.createConnection({ host: '127.0.0.1', user: 'root' });
    await c.query(`DROP DATABASE IF EXISTS ${name}`);
    await c.end();
  });

  const send = (ref: string, seat: string) => s.request('POST', '/services/Booking', { headers: { 'Content-Type': 'text/xml; charset=UTF-8', SOAPAction: '"urn:request_box"' }, body: box(ref, seat) });

  it('the server can prepare transactions (max_prepared_transactions > 0)', async () => {
    expect(Number((await pgQuery('show max_prepared_transactions'))[0].max_prepared_transactions)).toBeGreaterThan(0);
  });

  it('commits both databases, leaving no prepared transaction behind', async () => {
    expect((await send('booking-1', '12A')).status).toBe(202);
    expect(await auditRefs()).toEqual(['booking-1']);
    expect((await pgQuery('select seat from seats')).map((r) => r.seat)).toEqual(['12A']);
    expect(await pgQuery(`select gid from pg_prepared_xacts where database = '${name}'`)).toEqual([]);
  });

  it('keeps the MariaDB row out when PostgreSQL refuses at PREPARE (deferred constraint): all or nothing', async () => {
    const refused = await send('booking-2', '12A');
    expect(refused.status).toBe(500);
    expect(refused.text).toContain('DATABASE_ERROR');
    expect(await auditRefs()).toEqual(['booking-1']);
    expect((await pgQuery('select seat from seats')).map((r) => r.seat)).toEqual(['12A']);
    expect(await pgQuery(`select gid from pg_prepared_xacts where database = '${name}'`)).toEqual([]);
    const c = await mysql.createConnection({ host: '127.0.0.1', user: 'root' });
    const [xa] = await c.query('XA RECOVER');
    await c.end();
    expect((xa as { data: string }[]).filter((x) => String(x.data).startsWith('mediate-'))).toEqual([]);
    // and the service keeps serving
    expect((await send('booking-3', '14C')).status).toBe(202);
    expect(await auditRefs()).toEqual(['booking-1', 'booking-3']);
  });
});
