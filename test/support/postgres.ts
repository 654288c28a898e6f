/**
 * A PostgreSQL database of a test file's own on the machine's server (127.0.0.1:5432, trust
 * auth), so test files running at the same time never share tables: created before the
 * describe's tests, dropped (connections closed by force) after them.
 */
import { afterAll, beforeAll } from 'vitest';
import { randomBytes } from 'node:crypto';
import pg from 'pg';

async function asAdmin(sql: string): Promise<void> {
  const c = new pg.Client({ host: '127.0.0.1', port: 5432, user: 'postgres', database: 'postgres' });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

/** Registers the hooks in the calling describe and returns the database's name (`prefix_<random>`). */
export function usePostgresDatabase(prefix: string): string {
  const name = `${prefix}_${randomBytes(4).toString('hex')}`;
  beforeAll(() => asAdmin(`CREATE DATABASE ${name}`));
  afterAll(() => asAdmin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  return name;
}
