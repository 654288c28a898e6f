import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { usePostgresDatabase } from '../../../../test/support/postgres.js';
import mysql from 'mysql2/promise';
import { probeService, describeWithServices } from '../../../../test/support/services.js';
import { silentLogger } from '../../../core/logger.js';
import { StoreUnavailableError, StoreConfigError } from '../../../messaging/store.js';
import { backendContract, storedMessage } from '../testing/backend-contract.js';
import { JdbcStoreBackend } from './jdbc-store.js';

const suffix = `${process.pid}_${Math.floor(Math.random() * 1e6)}`;
let tableNo = 0;
/** A fresh table per backend made, so the contract cases never see each other's rows. */
const freshTable = () => `jdbc_message_store_t${++tableNo}`;
const postgres = await probeService({ name: 'PostgreSQL', port: 5432, start: 'service postgresql start' });
const mariadb = await probeService({ name: 'MariaDB', port: 3306, start: 'service mariadb start' });

describe('JDBC store on SQLite (the embedded default)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mediate-jdbc-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  backendContract(async () => {
    const table = freshTable();
    return () => new JdbcStoreBackend({ storeName: 'S', className: 'JDBCMessageStore', parameters: { 'store.jdbc.table': table }, dataDir: dir, logger: silentLogger });
  }, { durable: true });

  it('with no URL keeps one SQLite file per store under .mediate/stores, in MI\'s table layout', async () => {
    const b = new JdbcStoreBackend({ storeName: 'Orders', className: 'JDBCMessageStore', parameters: {}, dataDir: dir, logger: silentLogger });
    await b.open();
    await b.store(storedMessage(1));
    await b.close();
    const file = path.join(dir, 'stores', 'Orders.sqlite');
    expect(fs.existsSync(file)).toBe(true);
    const { default: Database } = await import('better-sqlite3');
    const db = new Database(file, { readonly: true });
    const cols = (db.prepare('PRAGMA table_info(jdbc_message_store)').all() as { name: string }[]).map((c) => c.name);
    const row = db.prepare('SELECT msg_id FROM jdbc_message_store').get() as { msg_id: string };
    db.close();
    expect(cols).toEqual(['indexId', 'msg_id', 'message']);
    expect(row.msg_id).toBe(storedMessage(1).messageId);
  });

  it('skips a row it cannot read (written by MI) and leaves it in the table', async () => {
    const b = new JdbcStoreBackend({ storeName: 'Mixed', className: 'JDBCMessageStore', parameters: {}, dataDir: dir, logger: silentLogger });
    await b.open();
    const { default: Database } = await import('better-sqlite3');
    const db = new Database(path.join(dir, 'stores', 'Mixed.sqlite'));
    db.prepare('INSERT INTO jdbc_message_store (msg_id, message) VALUES (?, ?)').run('urn:uuid:java', Buffer.from([0xac, 0xed, 0, 5]));
    db.close();
    await b.store(storedMessage(2));
    const c = b.consumer();
    expect((await c.fetch())!.messageId).toBe(storedMessage(2).messageId);
    await c.ack();
    expect(await b.size()).toBe(1);
    await b.close();
  });

  it('refuses URLs of databases it cannot reach and odd table names, naming the parameter', () => {
    const make = (parameters: Record<string, string>) => () => new JdbcStoreBackend({ storeName: 'X', className: 'JDBCMessageStore', parameters, dataDir: dir, logger: silentLogger });
    expect(make({ 'store.jdbc.connection.url': 'jdbc:oracle:thin:@h:1521:x' })).toThrow(StoreConfigError);
    expect(make({ 'store.jdbc.table': 'x; drop table y' })).toThrow(/store.jdbc.table/);
  });
});

describeWithServices('JDBC store on PostgreSQL', [postgres], () => {
  const database = usePostgresDatabase('mediate_store');
  const params = (table: string) => ({ 'store.jdbc.driver': 'org.postgresql.Driver', 'store.jdbc.connection.url': `jdbc:postgresql://127.0.0.1:5432/${database}`, 'store.jdbc.username': 'postgres', 'store.jdbc.password': '', 'store.jdbc.table': table });
  backendContract(async () => {
    const table = freshTable();
    return () => new JdbcStoreBackend({ storeName: 'S', className: 'JDBCMessageStore', parameters: params(table), logger: silentLogger });
  }, { durable: true });

  it('gives a processor lease to one backend at a time (advisory lock), and to the other once released', async () => {
    const table = freshTable();
    const a = new JdbcStoreBackend({ storeName: 'S', className: 'JDBCMessageStore', parameters: params(table), logger: silentLogger });
    const b = new JdbcStoreBackend({ storeName: 'S', className: 'JDBCMessageStore', parameters: params(table), logger: silentLogger });
    await a.open();
    await b.open();
    try {
      const la = await a.lease!('message-processor:F');
      expect(la).toBeDefined();
      expect(await b.lease!('message-processor:F')).toBeUndefined();
      expect(await la!.stillHeld()).toBe(true);
      await la!.release();
      const lb = await b.lease!('message-processor:F');
      expect(lb).toBeDefined();
      await lb!.release();
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('reports an unreachable server as unavailable (retried), not as a broken configuration', async () => {
    const b = new JdbcStoreBackend({ storeName: 'S', className: 'JDBCMessageStore', parameters: { 'store.jdbc.connection.url': 'jdbc:postgresql://127.0.0.1:1/none', 'store.jdbc.username': 'postgres' }, logger: silentLogger });
    await expect(b.open()).rejects.toBeInstanceOf(StoreUnavailableError);
  });
});

describeWithServices('JDBC store on MariaDB (jdbc:mysql: and jdbc:mariadb:)', [mariadb], () => {
  const database = `mediate_store_${suffix}`;
  beforeAll(async () => {
    const c = await mysql.createConnection({ host: '127.0.0.1', port: 3306, user: 'root', password: '' });
    await c.query(`CREATE DATABASE ${database}`);
    await c.end();
  });
  afterAll(async () => {
    const c = await mysql.createConnection({ host: '127.0.0.1', port: 3306, user: 'root', password: '' });
    await c.query(`DROP DATABASE IF EXISTS ${database}`);
    await c.end();
  });
  let n = 0;
  backendContract(async () => {
    const parameters = { 'store.jdbc.driver': 'com.mysql.jdbc.Driver', 'store.jdbc.connection.url': `jdbc:${n++ % 2 ? 'mariadb' : 'mysql'}://127.0.0.1:3306/${database}`, 'store.jdbc.username': 'root', 'store.jdbc.password': '', 'store.jdbc.table': freshTable() };
    return () => new JdbcStoreBackend({ storeName: 'S', className: 'JDBCMessageStore', parameters, logger: silentLogger });
  }, { durable: true });
});
