/** Test support: one statement (or script) on the machine's PostgreSQL as postgres (trust auth), on a database of the test's choosing. */
import pg from 'pg';

export async function pgExec(database: string, sql: string): Promise<pg.QueryResultRow[]> {
  const c = new pg.Client({ host: '127.0.0.1', user: 'postgres', database });
  await c.connect();
  try {
    return (await c.query(sql)).rows;
  } finally {
    await c.end();
  }
}
