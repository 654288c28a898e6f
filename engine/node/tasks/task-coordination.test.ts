/**
 * Task coordination (MI's cluster coordination for scheduled tasks) on the real databases:
 * with `[cluster_config] enabled = true` and a WSO2_COORDINATION_DB datasource, a task every
 * 1 s fires in one of two runtime hosts on the same project only, and in the other once the
 * first stops (clean close: at once; kill -9 of a `mediate run` process: once its lease
 * expires); without [cluster_config] both hosts fire; a polling (file) inbound endpoint is taken
 * by one host only. The lease rules themselves (take, renew, release, expiry, on the database's
 * clock, a race for a free task) are checked on PostgreSQL and MariaDB, and two hosts on MariaDB.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import pg from 'pg';
import mysql from 'mysql2/promise';
import { probeService, describeWithServices } from '../../../test/support/services.js';
import { usePostgresDatabase } from '../../../test/support/postgres.js';
import { runMediate, type MediateProcess } from '../../../test/integration/mediate-process.js';
import { MemoryLogger, silentLogger } from '../../core/logger.js';
import { startRuntimeHost, type RuntimeHost } from '../runtime-host.js';
import { readClusterCoordination, TaskCoordinator, TASK_LEASE_TABLE, type ClusterCoordinationConfig } from './task-coordination.js';

const postgres = await probeService({ name: 'PostgreSQL', port: 5432, start: 'service postgresql start' });
const mariadb = await probeService({ name: 'MariaDB', port: 3306, start: 'service mariadb start' });

const NS = 'http://ws.apache.org/ns/synapse';
const MARK = 'TICK-FIRED';
const TASK = `<task xmlns="${NS}" name="Tick" class="org.apache.synapse.startup.tasks.MessageInjector" group="synapse.simple.quartz"><trigger interval="1"/><property name="injectTo" value="sequence"/><property name="sequenceName" value="TickSeq"/><property name="message"><tick xmlns=""/></property></task>`;
const SEQ = `<sequence xmlns="${NS}" name="TickSeq"><log level="custom"><property name="marker" value="${MARK}"/></log><drop/></sequence>`;
const coordinationToml = (database: string, enabled: boolean) =>
  `${enabled ? '[cluster_config]\nenabled = true\n\n' : ''}[[datasource]]\nid = "WSO2_COORDINATION_DB"\nurl = "jdbc:postgresql://127.0.0.1:5432/${database}"\nusername = "postgres"\npassword = ""\ndriver = "org.postgresql.Driver"\n`;

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

function project(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mediate-taskcoord-'));
  dirs.push(dir);
  for (const [f, t] of Object.entries(files)) fs.writeFileSync(path.join(dir, f), t);
  return dir;
}

async function until(what: string, cond: () => boolean | Promise<boolean>, timeoutMs = 30000): Promise<void> {
  const start = Date.now();
  while (!(await cond())) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

interface Instance {
  name: string;
  host: RuntimeHost;
  logger: MemoryLogger;
  /** When each firing of the task logged its line here. */
  ticks(): number[];
  closed: boolean;
}

async function startInstance(dir: string, name: string): Promise<Instance> {
  const logger = new MemoryLogger();
  const host = await startRuntimeHost({ sources: [dir], port: 0, host: '127.0.0.1', logger, env: { nodeId: name } });
  return { name, host, logger, ticks: () => logger.records.filter((r) => r.message.includes(MARK)).map((r) => r.time), closed: false };
}

describeWithServices('scheduled tasks with cluster coordination (two runtime hosts, PostgreSQL)', [postgres], () => {
  const database = usePostgresDatabase('mediate_taskcoord');
  const running: Instance[] = [];
  afterEach(async () => {
    for (const i of running.splice(0)) if (!i.closed) await i.host.close();
  });

  async function leaseRow(): Promise<{ node: string | null; state: string } | undefined> {
    const c = new pg.Client({ host: '127.0.0.1', port: 5432, user: 'postgres', database });
    await c.connect();
    try {
      const r = await c.query(`SELECT DESTINED_NODE_ID AS node, TASK_STATE AS state FROM ${TASK_LEASE_TABLE} WHERE TASK_NAME = 'Tick'`);
      return r.rows[0];
    } finally {
      await c.end();
    }
  }

  it('fires each time in one instance only, and in the other once the holder stops', async () => {
    const dir = project({ 'deployment.toml': coordinationToml(database, true), 'Tick.xml': TASK, 'TickSeq.xml': SEQ });
    const both = await Promise.all([startInstance(dir, 'node-a'), startInstance(dir, 'node-b')]);
    running.push(...both);
    await until('four firings', () => both[0]!.ticks().length + both[1]!.ticks().length >= 4);
    const holder = both.find((i) => i.ticks().length > 0)!;
    const other = both.find((i) => i !== holder)!;
    // While both run, only the holder fires.
    expect(other.ticks()).toEqual([]);
    expect(holder.logger.messages().some((m) => m.includes(`Task scheduled: [ESB_TASK][Tick] on node [${holder.name}]`))).toBe(true);
    expect(other.logger.messages().some((m) => m.includes(`Task [Tick] runs on node [${holder.name}]; not run on this node [${other.name}]`))).toBe(true);
    expect(await leaseRow()).toEqual({ node: holder.name, state: 'RUNNING' });

    await holder.host.close();
    holder.closed = true;
    expect(holder.logger.messages().some((m) => m.includes(`Task [Tick] released by node [${holder.name}]`))).toBe(true);
    const lastOfHolder = Math.max(...holder.ticks());
    await until('the other instance to fire twice', () => other.ticks().length >= 2);
    // The other instance took over after the holder's last firing: never two instances in one interval.
    expect(Math.min(...other.ticks())).toBeGreaterThan(lastOfHolder);
    expect(other.logger.messages().some((m) => m.includes(`Task scheduled: [ESB_TASK][Tick] on node [${other.name}]`))).toBe(true);
    expect((await leaseRow())?.node).toBe(other.name);
  });

  it('a polling inbound endpoint polls in one instance only, and in the other once the holder stops', async () => {
    const dir = project({ 'deployment.toml': coordinationToml(database, true), 'FileSeq.xml': `<sequence xmlns="${NS}" name="FileSeq"><log level="custom"><property name="marker" value="FILE-TAKEN"/></log><drop/></sequence>` });
    fs.mkdirSync(path.join(dir, 'in'));
    fs.mkdirSync(path.join(dir, 'staging'));
    fs.writeFileSync(path.join(dir, 'Files.xml'), `<inboundEndpoint xmlns="${NS}" name="Files" protocol="file" sequence="FileSeq" onError="fault" suspend="false"><parameters><parameter name="interval">200</parameter><parameter name="transport.vfs.FileURI">file://${dir}/in</parameter><parameter name="transport.vfs.FileNamePattern">.*\\.txt</parameter><parameter name="transport.vfs.ContentType">text/plain</parameter><parameter name="transport.vfs.ActionAfterProcess">DELETE</parameter></parameters></inboundEndpoint>`);
    let n = 0;
    const drop = (count: number) => {
      for (let i = 0; i < count; i++) {
        const f = `f${++n}.txt`;
        fs.writeFileSync(path.join(dir, 'staging', f), `file ${n}`);
        fs.renameSync(path.join(dir, 'staging', f), path.join(dir, 'in', f));
      }
    };
    const both = await Promise.all([startInstance(dir, 'node-a'), startInstance(dir, 'node-b')]);
    running.push(...both);
    const taken = (i: Instance) => i.logger.messages().filter((m) => m.includes('FILE-TAKEN')).length;
    drop(5);
    await until('five files taken', () => taken(both[0]!) + taken(both[1]!) >= 5);
    const holder = both.find((i) => taken(i) > 0)!;
    const other = both.find((i) => i !== holder)!;
    expect(taken(holder)).toBe(5);
    expect(taken(other)).toBe(0);
    expect(holder.logger.messages().some((m) => m.includes(`Inbound endpoint [Files] polls on node [${holder.name}]`))).toBe(true);
    await holder.host.close();
    holder.closed = true;
    drop(3);
    await until('the other instance to take the new files', () => taken(other) >= 3);
    expect(taken(other)).toBe(3);
    expect(fs.readdirSync(path.join(dir, 'in'))).toEqual([]);
  });

  it('without [cluster_config] every instance fires its tasks, as before', async () => {
    const dir = project({ 'deployment.toml': coordinationToml(database, false), 'Tick.xml': TASK, 'TickSeq.xml': SEQ });
    const both = await Promise.all([startInstance(dir, 'node-a'), startInstance(dir, 'node-b')]);
    running.push(...both);
    await until('both instances to fire twice', () => both.every((i) => i.ticks().length >= 2));
    expect(both.every((i) => !i.logger.messages().some((m) => m.includes('Task coordination')))).toBe(true);
  });

  it('a `mediate run` killed with SIGKILL keeps no task: the other process takes it once the lease expires', async () => {
    // No node_id: each process gets its own random node id, as MI does.
    const dir = project({ 'deployment.toml': coordinationToml(database, true), 'Tick.xml': TASK, 'TickSeq.xml': SEQ });
    const procs: MediateProcess[] = await Promise.all([runMediate(['run', dir, '--port', '0']), runMediate(['run', dir, '--port', '0'])]);
    try {
      const ticks = (p: MediateProcess) => p.stdout().split(MARK).length - 1;
      await until('three firings', () => ticks(procs[0]!) + ticks(procs[1]!) >= 3);
      const holder = procs.find((p) => ticks(p) > 0)!;
      const other = procs.find((p) => p !== holder)!;
      expect(ticks(other)).toBe(0);
      const holderNode = /Task scheduled: \[ESB_TASK\]\[Tick\] on node \[([^\]]+)\]/.exec(holder.stdout())?.[1];
      expect(holderNode).toBeDefined();
      await holder.stop('SIGKILL');
      // The dead holder's lease row stays until it expires; then the survivor takes the task.
      await until('the surviving process to fire twice', () => ticks(other) >= 2);
      expect(other.stdout()).toMatch(/Task scheduled: \[ESB_TASK\]\[Tick\] on node \[/);
      const row = await leaseRow();
      expect(row?.node).not.toBe(holderNode);
      expect(row?.node).toBe(/Task scheduled: \[ESB_TASK\]\[Tick\] on node \[([^\]]+)\]/.exec(other.stdout())?.[1]);
    } finally {
      for (const p of procs) await p.stop('SIGTERM');
    }
  }, 60000);
});

/** The lease rules, on one dialect: `config` names the database, `seed` writes a row as another node would. */
function leaseRules(config: () => ClusterCoordinationConfig, seed: (sql: string, params: unknown[]) => Promise<void>): void {
  const open: TaskCoordinator[] = [];
  afterEach(async () => {
    for (const c of open.splice(0)) await c.close();
  });
  const coordinator = (nodeId: string) => {
    const c = new TaskCoordinator({ ...config(), nodeId }, { logger: silentLogger, leaseMs: 3000 });
    open.push(c);
    return c;
  };

  it('one node holds a task at a time; renewing keeps it; releasing hands it over', async () => {
    const task = `T${Math.floor(Math.random() * 1e9)}`;
    const a = coordinator('a');
    const b = coordinator('b');
    expect(await a.turn(task)).toBe(true);
    expect(await b.turn(task)).toBe(false);
    expect(await a.turn(task)).toBe(true);
    expect(await b.turn(task)).toBe(false);
    await a.release(task);
    expect(await b.turn(task)).toBe(true);
    expect(await a.turn(task)).toBe(false);
  });

  it('a lease its holder stopped renewing expires (database clock); a live one does not', async () => {
    const live = `L${Math.floor(Math.random() * 1e9)}`;
    const dead = `D${Math.floor(Math.random() * 1e9)}`;
    const a = coordinator('a');
    await a.turn('warm-up'); // creates the table
    await seed(`INSERT INTO ${TASK_LEASE_TABLE} (TASK_NAME, DESTINED_NODE_ID, TASK_STATE, LEASE_EXPIRES) VALUES (?, 'ghost', 'RUNNING', ?)`, [live, Date.now() + 600000]);
    await seed(`INSERT INTO ${TASK_LEASE_TABLE} (TASK_NAME, DESTINED_NODE_ID, TASK_STATE, LEASE_EXPIRES) VALUES (?, 'ghost', 'RUNNING', ?)`, [dead, Date.now() - 1000]);
    expect(await a.turn(live)).toBe(false);
    expect(await a.turn(dead)).toBe(true);
  });

  it('two nodes racing for a free task: exactly one wins', async () => {
    for (let round = 0; round < 5; round++) {
      const task = `R${round}_${Math.floor(Math.random() * 1e9)}`;
      const nodes = ['a', 'b', 'c'].map((n) => coordinator(`${n}${round}`));
      const wins = await Promise.all(nodes.map((n) => n.turn(task)));
      expect(wins.filter(Boolean)).toHaveLength(1);
    }
  });
}

describeWithServices('task leases on PostgreSQL', [postgres], () => {
  const database = usePostgresDatabase('mediate_tasklease');
  leaseRules(
    () => ({ dialect: 'postgres', host: '127.0.0.1', port: 5432, database, user: 'postgres', password: '', nodeId: '', file: 'test' }),
    async (sql, params) => {
      const c = new pg.Client({ host: '127.0.0.1', port: 5432, user: 'postgres', database });
      await c.connect();
      let n = 0;
      await c.query(sql.replace(/\?/g, () => `$${++n}`), params).finally(() => c.end());
    },
  );
});

describeWithServices('task leases on MariaDB', [mariadb], () => {
  const database = `mediate_tasklease_${process.pid}_${Math.floor(Math.random() * 1e6)}`;
  const admin = () => mysql.createConnection({ host: '127.0.0.1', port: 3306, user: 'root', password: '' });
  beforeAll(async () => {
    const c = await admin();
    await c.query(`CREATE DATABASE ${database}`);
    await c.end();
  });
  afterAll(async () => {
    const c = await admin();
    await c.query(`DROP DATABASE IF EXISTS ${database}`);
    await c.end();
  });
  it('two runtime hosts on a jdbc:mysql: coordination datasource: one fires, the other once it stops', async () => {
    const toml = `[cluster_config]\nenabled = true\n\n[[datasource]]\nid = "WSO2_COORDINATION_DB"\nurl = "jdbc:mysql://127.0.0.1:3306/${database}"\nusername = "root"\npassword = ""\ndriver = "com.mysql.jdbc.Driver"\n`;
    const dir = project({ 'deployment.toml': toml, 'Tick.xml': TASK, 'TickSeq.xml': SEQ });
    const both = await Promise.all([startInstance(dir, 'node-a'), startInstance(dir, 'node-b')]);
    try {
      await until('three firings', () => both[0]!.ticks().length + both[1]!.ticks().length >= 3);
      const holder = both.find((i) => i.ticks().length > 0)!;
      const other = both.find((i) => i !== holder)!;
      expect(other.ticks()).toEqual([]);
      await holder.host.close();
      holder.closed = true;
      const lastOfHolder = Math.max(...holder.ticks());
      await until('the other instance to fire twice', () => other.ticks().length >= 2);
      expect(Math.min(...other.ticks())).toBeGreaterThan(lastOfHolder);
    } finally {
      for (const i of both) if (!i.closed) await i.host.close();
    }
  });

  leaseRules(
    () => ({ dialect: 'mysql', host: '127.0.0.1', port: 3306, database, user: 'root', password: '', nodeId: '', file: 'test' }),
    async (sql, params) => {
      const c = await mysql.createConnection({ host: '127.0.0.1', port: 3306, user: 'root', password: '', database });
      await c.query(sql, params).finally(() => c.end());
    },
  );
});

it('reads [cluster_config] and WSO2_COORDINATION_DB from deployment.toml (node id: env nodeId, then node_id, then a random UUID)', () => {
  const ds = (url: string) => `[[datasource]]\nid = "WSO2_COORDINATION_DB"\nurl = "${url}"\nusername = "u"\npassword = "p"\ndriver = "org.postgresql.Driver"\n`;
  const off = project({ 'deployment.toml': ds('jdbc:postgresql://db:5433/clusterdb') });
  expect(readClusterCoordination([off], {})).toBeUndefined();
  const on = project({ 'deployment.toml': `[cluster_config]\nenabled = true\nnode_id = "node-1"\n\n${ds('jdbc:mysql://db/clusterdb')}` });
  expect(readClusterCoordination([on], {})).toMatchObject({ dialect: 'mysql', host: 'db', port: 3306, database: 'clusterdb', user: 'u', password: 'p', nodeId: 'node-1' });
  expect(readClusterCoordination([on], { nodeId: 'from-env' })?.nodeId).toBe('from-env');
  const random = project({ 'deployment.toml': `[cluster_config]\nenabled = true\n\n${ds('jdbc:postgresql://db:5433/clusterdb')}` });
  expect(readClusterCoordination([random], {})?.nodeId).toMatch(/^[0-9a-f-]{36}$/);
  expect(readClusterCoordination([random], {})).toMatchObject({ dialect: 'postgres', port: 5433 });
  const noDs = project({ 'deployment.toml': '[cluster_config]\nenabled = true\n' });
  expect(() => readClusterCoordination([noDs], {})).toThrow(/WSO2_COORDINATION_DB/);
  const embedded = project({ 'deployment.toml': `[cluster_config]\nenabled = true\n\n${ds('jdbc:h2:./clusterdb')}` });
  expect(() => readClusterCoordination([embedded], {})).toThrow(/PostgreSQL or MySQL/);
});
