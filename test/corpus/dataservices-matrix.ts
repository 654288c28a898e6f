/**
 * Runs a data-service corpus case on each database engine a user would use:
 * SQLite (embedded), PostgreSQL and MariaDB (the machine's servers). Each run
 * gets its own fresh database (random suffix), the case's MySQL schema made
 * to work on that engine, the case's artifacts pointed at it, and its own
 * runtime. A server that does not answer skips that engine with the reason
 * (and fails under CI=true, where .ci/run must have started it).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import pg from 'pg';
import mysql from 'mysql2/promise';
import { startRuntimeHost, MemoryLogger, type RuntimeHost } from '../../engine/index.js';
import { portAnswers } from '../support/services.js';
import { httpRequest, type HttpReply, type RequestOptions } from './runtime.js';

export type EngineName = 'sqlite' | 'postgres' | 'mariadb';
export const ENGINES: EngineName[] = ['sqlite', 'postgres', 'mariadb'];

export interface DbRun {
  engine: EngineName;
  /** JDBC URL of a database (`name` picks one of several the case needs). */
  url(name?: string): string;
  driverClassName: string;
  user: string;
  password: string;
  request(method: string, urlPath: string, options?: RequestOptions): Promise<HttpReply>;
  /** Runs SQL on the case's database (to check what the service wrote). */
  sql(text: string, name?: string): Promise<Record<string, unknown>[]>;
  host: RuntimeHost;
  logs(): string[];
}

export interface MatrixCase {
  /** Statements per database name ('' = the default one), in MySQL as the corpus writes them. */
  schema: Record<string, string>;
  /** Artifact files (name -> text) given the run (to point URLs at its databases). */
  files(run: Pick<DbRun, 'engine' | 'url' | 'driverClassName' | 'user' | 'password'>): Record<string, string>;
  /** Extra files (CSV ...) written into the project, relative to it. */
  extraFiles?: Record<string, string>;
  engines?: EngineName[];
  /** Files that must be refused, with a message matching the pattern. */
  expectRefused?: Record<string, RegExp>;
  run(db: DbRun): Promise<void>;
}

/** Replaces the RDBMS properties of every `<config>` and datasource with the run's (url, driver, user, password). */
export function pointAt(text: string, db: Pick<DbRun, 'url' | 'driverClassName' | 'user' | 'password'>, name?: string): string {
  return text
    .replace(/(<property name="(?:url|org\.wso2\.ws\.dataservice\.protocol)">)[^<]*(<\/property>)/g, `$1${db.url(name)}$2`)
    .replace(/(<property name="(?:driverClassName|org\.wso2\.ws\.dataservice\.driver)">)[^<]*(<\/property>)/g, `$1${db.driverClassName}$2`)
    .replace(/(<property name="(?:username|user|org\.wso2\.ws\.dataservice\.user)">)[^<]*(<\/property>)/g, `$1${db.user}$2`)
    .replace(/<property name="(password|org\.wso2\.ws\.dataservice\.password)"(?:\/>|>[^<]*<\/property>)/g, `<property name="$1">${db.password}</property>`)
    .replace(/(<url>)[^<]*(<\/url>)/g, `$1${db.url(name)}$2`)
    .replace(/(<driverClassName>)[^<]*(<\/driverClassName>)/g, `$1${db.driverClassName}$2`)
    .replace(/(<username>)[^<]*(<\/username>)/g, `$1${db.user}$2`)
    .replace(/(<password>)[^<]*(<\/password>)/g, `$1${db.password}$2`);
}

/** The corpus's MySQL DDL/DML made portable: no CREATE DATABASE/USE, no display widths, quotes per engine. */
export function translateSchema(sql: string, engine: EngineName): string[] {
  const statements = sql
    .split('\n')
    .filter((l) => !l.trim().startsWith('--'))
    .join('\n')
    .split(/;\s*(?:\n|$)/)
    .map((s) => s.trim())
    .filter((s) => s && !/^(create\s+database|use|create\s+user|grant)\b/i.test(s));
  return statements.map((s) => {
    let t = s.replace(/\bint\(\d+\)/gi, engine === 'sqlite' ? 'integer' : 'int');
    if (engine === 'mariadb') return t;
    // MySQL's double-quoted string literals are single-quoted elsewhere; backtick identifiers become plain.
    t = t.replace(/"([^"]*)"/g, (_m, v: string) => `'${v.replace(/'/g, "''")}'`).replace(/`/g, '');
    t = t.replace(/\bENUM\s*\(([^)]*)\)/gi, 'varchar(255)');
    if (engine === 'postgres') t = t.replace(/\bFLOAT\b/gi, 'double precision');
    return t;
  });
}

const PG = { host: '127.0.0.1', port: 5432, user: 'postgres' };
const MY = { host: '127.0.0.1', port: 3306, user: 'root', password: '' };

export async function runMatrix(c: MatrixCase): Promise<{ ran: EngineName[]; skipped: string[] }> {
  const ran: EngineName[] = [];
  const skipped: string[] = [];
  for (const engine of c.engines ?? ENGINES) {
    const port = engine === 'postgres' ? 5432 : engine === 'mariadb' ? 3306 : 0;
    if (port && !(await portAnswers(port))) {
      const why = `${engine} on 127.0.0.1:${port} is not answering`;
      if (process.env.CI === 'true') throw new Error(`${why}: .ci/run must start it`);
      skipped.push(why);
      continue;
    }
    await runOne(c, engine);
    ran.push(engine);
  }
  return { ran, skipped };
}

async function runOne(c: MatrixCase, engine: EngineName): Promise<void> {
  const suffix = randomBytes(4).toString('hex');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `corpus-ds-${engine}-`));
  const dbNames = Object.keys(c.schema);
  const physical = (name = '') => `mediate_ds_${(name || 'main').toLowerCase()}_${suffix}`;
  const cleanups: (() => Promise<void>)[] = [];
  const runners = new Map<string, (text: string) => Promise<Record<string, unknown>[]>>();
  try {
    for (const name of dbNames.length ? dbNames : ['']) {
      const stmts = translateSchema(c.schema[name] ?? '', engine);
      if (engine === 'sqlite') {
        const file = path.join(dir, `${physical(name)}.db`);
        const db = new Database(file);
        for (const s of stmts) db.exec(s);
        db.close();
        runners.set(name, async (text) => {
          const d = new Database(file, { readonly: true });
          try {
            return d.prepare(text).all() as Record<string, unknown>[];
          } finally {
            d.close();
          }
        });
      } else if (engine === 'postgres') {
        const admin = new pg.Client({ ...PG, database: 'postgres' });
        await admin.connect();
        await admin.query(`CREATE DATABASE ${physical(name)}`);
        await admin.end();
        cleanups.push(async () => {
          const a = new pg.Client({ ...PG, database: 'postgres' });
          await a.connect();
          await a.query(`DROP DATABASE IF EXISTS ${physical(name)} WITH (FORCE)`);
          await a.end();
        });
        const client = new pg.Client({ ...PG, database: physical(name) });
        await client.connect();
        for (const s of stmts) await client.query(s);
        await client.end();
        runners.set(name, async (text) => {
          const cl = new pg.Client({ ...PG, database: physical(name) });
          await cl.connect();
          try {
            return (await cl.query(text)).rows;
          } finally {
            await cl.end();
          }
        });
      } else {
        const admin = await mysql.createConnection({ ...MY });
        await admin.query(`CREATE DATABASE ${physical(name)}`);
        await admin.end();
        cleanups.push(async () => {
          const a = await mysql.createConnection({ ...MY });
          await a.query(`DROP DATABASE IF EXISTS ${physical(name)}`);
          await a.end();
        });
        const conn = await mysql.createConnection({ ...MY, database: physical(name) });
        for (const s of stmts) await conn.query(s);
        await conn.end();
        runners.set(name, async (text) => {
          const cn = await mysql.createConnection({ ...MY, database: physical(name) });
          try {
            return (await cn.query(text))[0] as Record<string, unknown>[];
          } finally {
            await cn.end();
          }
        });
      }
    }
    const view = {
      engine,
      url: (name?: string) =>
        engine === 'sqlite' ? `jdbc:sqlite:${path.join(dir, `${physical(name)}.db`)}` : engine === 'postgres' ? `jdbc:postgresql://127.0.0.1:5432/${physical(name)}` : `jdbc:mysql://127.0.0.1:3306/${physical(name)}`,
      driverClassName: engine === 'sqlite' ? 'org.sqlite.JDBC' : engine === 'postgres' ? 'org.postgresql.Driver' : 'com.mysql.jdbc.Driver',
      user: engine === 'postgres' ? PG.user : engine === 'mariadb' ? MY.user : '',
      password: '',
    };
    for (const [name, text] of Object.entries({ ...(c.extraFiles ?? {}), ...c.files(view) })) {
      fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      fs.writeFileSync(path.join(dir, name), text);
    }
    const logger = new MemoryLogger();
    const host = await startRuntimeHost({ sources: [dir], port: 0, host: '127.0.0.1', logger, env: {} });
    cleanups.unshift(() => host.close());
    const expected = c.expectRefused ?? {};
    const failed = host.initial.failed.map((f) => ({ file: path.basename(f.file), text: f.diagnostics.map((d) => `${d.line}:${d.col} ${d.code} ${d.message}`).join('; ') }));
    const unexpected = failed.filter((f) => !expected[f.file]);
    if (unexpected.length) throw new Error(`[${engine}] refused: ${unexpected.map((f) => `${f.file}: ${f.text}`).join(' | ')}`);
    for (const [file, pattern] of Object.entries(expected)) {
      const f = failed.find((x) => x.file === file);
      if (!f || !pattern.test(f.text)) throw new Error(`[${engine}] ${file} should be refused with ${pattern}; got ${f ? f.text : 'deployed'}`);
    }
    try {
      await c.run({
        ...view,
        host,
        request: (method, urlPath, options) => httpRequest(host.port, method, urlPath, options),
        sql: (text, name = dbNames[0] ?? '') => runners.get(name)!(text),
        logs: () => logger.records.map((r) => `${r.level} ${r.message}`),
      });
    } catch (e) {
      if (e instanceof Error) e.message = `[${engine}] ${e.message}\n--- runtime log:\n${logger.records.map((r) => `${r.level} ${r.message}`).join('\n')}`;
      throw e;
    }
  } finally {
    for (const f of cleanups) await f().catch(() => undefined);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
