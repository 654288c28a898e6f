/**
 * Task coordination across instances (MI's cluster coordination for scheduled tasks).
 *
 * With `[cluster_config] enabled = true` and a `[[datasource]] id = "WSO2_COORDINATION_DB"` on
 * PostgreSQL or MySQL/MariaDB in a project's deployment.toml, every instance keeps scheduling
 * its tasks, but a firing only runs in the instance that holds the task's lease: a row of
 * COORDINATED_TASK_LEASE_TABLE (MI's COORDINATED_TASK_TABLE columns, plus LEASE_EXPIRES), created
 * if missing. The holder renews the lease before each firing and in the background; a lease not
 * renewed for `leaseMs` (its holder was killed or lost the database) may be taken by another
 * instance at its next firing; a clean stop releases it at once. Expiry is computed on the
 * database's clock, so the instances' clocks need not agree. Node id: env `nodeId`, else
 * `[cluster_config] node_id`, else a random UUID (MI's order: system property, env, TOML).
 *
 * Polling inbound endpoints are coordinated the same way (lease key `inbound:<name>`; MI lists
 * them with tasks among the artifacts needing coordination); polling proxies are not.
 *
 * Without cluster coordination, nothing here is used and every instance runs its tasks.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from '../../core/logger.js';
import type { TaskCoordination } from '../../tasks/activator.js';
import { readDeploymentToml } from '../transports/config/deployment-file.js';
import { parseToml, type TomlTable, type TomlValue } from '../transports/config/toml.js';
import { parseJdbcUrl } from '../../dataservices/jdbc-url.js';
import { openSqlConnection, type SqlConnection } from '../stores/jdbc/sql.js';

export const COORDINATION_DATASOURCE = 'WSO2_COORDINATION_DB';
export const TASK_LEASE_TABLE = 'COORDINATED_TASK_LEASE_TABLE';
export const DEFAULT_LEASE_MS = 6000;

export interface ClusterCoordinationConfig {
  dialect: 'postgres' | 'mysql';
  host: string;
  port: number;
  database: string;
  user?: string;
  password?: string;
  nodeId: string;
  /** Where it was read from, for logs. */
  file: string;
}

/**
 * The cluster coordination settings of the first project root whose deployment.toml enables it;
 * undefined when none does. Throws (with the file) when coordination is enabled but its
 * datasource is missing or not on PostgreSQL/MySQL.
 */
export function readClusterCoordination(roots: string[], env: Record<string, string | undefined> = process.env): ClusterCoordinationConfig | undefined {
  for (const root of roots) {
    const found = readDeploymentToml(root);
    if (!found) continue;
    let toml: TomlTable;
    try {
      toml = parseToml(found.text, found.file);
    } catch {
      continue; // reported by the server-config reader
    }
    const cluster = table(toml.cluster_config);
    if (!cluster || !isTrue(cluster.enabled)) continue;
    const sources = Array.isArray(toml.datasource) ? toml.datasource : [];
    const ds = sources.map(table).find((t) => t && String(t.id ?? '') === COORDINATION_DATASOURCE);
    if (!ds || typeof ds.url !== 'string') throw new Error(`${found.file}: [cluster_config] enabled = true needs a [[datasource]] with id = "${COORDINATION_DATASOURCE}" and a url`);
    const t = parseJdbcUrl(ds.url);
    if (t.dialect === 'sqlite') throw new Error(`${found.file}: ${COORDINATION_DATASOURCE} ${ds.url}: task coordination needs a database the instances share (PostgreSQL or MySQL/MariaDB)`);
    const nodeId = (env.nodeId ?? '').trim() || (typeof cluster.node_id === 'string' && cluster.node_id.trim()) || randomUUID();
    const username = typeof ds.username === 'string' ? ds.username : t.params.user;
    const password = typeof ds.password === 'string' ? ds.password : t.params.password;
    return { dialect: t.dialect, host: t.host, port: t.port, database: t.database, user: username || undefined, password, nodeId, file: found.file };
  }
  return undefined;
}

/** How a lease key reads in the log: `inbound:<name>` is a polling inbound endpoint, anything else a task. */
function label(key: string): string {
  return key.startsWith('inbound:') ? `Inbound endpoint [${key.slice(8)}]` : `Task [${key}]`;
}

function table(v: TomlValue | undefined): TomlTable | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? v : undefined;
}

function isTrue(v: TomlValue | undefined): boolean {
  return v === true || (typeof v === 'string' && v.trim().toLowerCase() === 'true');
}

export interface TaskCoordinatorOptions {
  logger: Logger;
  /** How long a lease lasts without renewal (default 6 s); renewed every third of it. */
  leaseMs?: number;
}

/** One instance's view of the lease table: which tasks it holds, renewed until it stops. */
export class TaskCoordinator implements TaskCoordination {
  private sql: SqlConnection | undefined;
  private opening: Promise<SqlConnection> | undefined;
  private readonly held = new Set<string>();
  private readonly rowsMade = new Set<string>();
  /** Last holder reported for each task not held here (so a log line is written once per change). */
  private readonly seenHolder = new Map<string, string>();
  private readonly leaseMs: number;
  private readonly renewTimer: ReturnType<typeof setInterval>;
  private unreachable = false;
  private closed = false;

  constructor(
    readonly config: ClusterCoordinationConfig,
    private readonly options: TaskCoordinatorOptions,
  ) {
    this.leaseMs = Math.max(500, Math.round(options.leaseMs ?? DEFAULT_LEASE_MS));
    this.renewTimer = setInterval(() => void this.renewAll(), Math.max(100, Math.floor(this.leaseMs / 3)));
    this.renewTimer.unref?.();
    this.log('info', `Task coordination: node [${config.nodeId}] coordinates its scheduled tasks through ${this.where()} (a task runs on the node holding its lease; leases last ${this.leaseMs} ms without renewal)`);
  }

  get nodeId(): string {
    return this.config.nodeId;
  }

  private where(): string {
    const c = this.config;
    return `${c.dialect === 'postgres' ? 'PostgreSQL' : 'MySQL'} ${c.host}:${c.port}/${c.database}, table ${TASK_LEASE_TABLE}`;
  }

  private log(level: 'info' | 'warn' | 'error', message: string): void {
    this.options.logger.log(level, message, { component: 'TaskCoordinator' });
  }

  private now(): string {
    return this.config.dialect === 'postgres' ? 'CAST(EXTRACT(EPOCH FROM clock_timestamp()) * 1000 AS BIGINT)' : 'CAST(UNIX_TIMESTAMP(NOW(3)) * 1000 AS SIGNED)';
  }

  private async db(): Promise<SqlConnection> {
    if (this.sql) return this.sql;
    this.opening ??= (async () => {
      const c = this.config;
      const sql = await openSqlConnection(COORDINATION_DATASOURCE, { dialect: c.dialect, host: c.host, port: c.port, database: c.database, user: c.user, password: c.password, table: TASK_LEASE_TABLE, params: {} } as Parameters<typeof openSqlConnection>[1]);
      try {
        await sql.query(`CREATE TABLE IF NOT EXISTS ${TASK_LEASE_TABLE} (TASK_NAME VARCHAR(512) NOT NULL, DESTINED_NODE_ID VARCHAR(512), TASK_STATE VARCHAR(32), LEASE_EXPIRES BIGINT NOT NULL, PRIMARY KEY (TASK_NAME))`);
      } catch (e) {
        await sql.close().catch(() => undefined);
        throw e;
      }
      return sql;
    })().finally(() => (this.opening = undefined));
    this.sql = await this.opening;
    return this.sql;
  }

  /** Takes or renews the lease; true when this node holds it now. */
  private async claim(task: string): Promise<boolean> {
    const sql = await this.db();
    if (!this.rowsMade.has(task)) {
      const insert = sql.dialect === 'postgres' ? `INSERT INTO ${TASK_LEASE_TABLE} (TASK_NAME, DESTINED_NODE_ID, TASK_STATE, LEASE_EXPIRES) VALUES (?, NULL, 'NONE', 0) ON CONFLICT (TASK_NAME) DO NOTHING` : `INSERT IGNORE INTO ${TASK_LEASE_TABLE} (TASK_NAME, DESTINED_NODE_ID, TASK_STATE, LEASE_EXPIRES) VALUES (?, NULL, 'NONE', 0)`;
      await sql.query(insert, [task]);
      this.rowsMade.add(task);
    }
    const now = this.now();
    const r = await sql.query(`UPDATE ${TASK_LEASE_TABLE} SET DESTINED_NODE_ID = ?, TASK_STATE = 'RUNNING', LEASE_EXPIRES = ${now} + ${this.leaseMs} WHERE TASK_NAME = ? AND (DESTINED_NODE_ID = ? OR DESTINED_NODE_ID IS NULL OR LEASE_EXPIRES < ${now})`, [this.nodeId, task, this.nodeId]);
    return r.affected > 0;
  }

  /** Before a firing: whether this node may run `task` now (it holds, or has just taken, its lease). */
  async turn(task: string): Promise<boolean> {
    if (this.closed) return false;
    let mine: boolean;
    try {
      mine = await this.claim(task);
      if (this.unreachable) this.log('info', `Task coordination: ${this.where()} answers again`);
      this.unreachable = false;
    } catch (e) {
      if (!this.unreachable) this.log('error', `Task coordination: ${this.where()} cannot be reached (${e instanceof Error ? e.message : String(e)}); tasks do not run on node [${this.nodeId}] until it answers`);
      this.unreachable = true;
      if (this.held.delete(task)) this.seenHolder.delete(task);
      return false;
    }
    if (mine) {
      if (!this.held.has(task)) {
        this.held.add(task);
        this.seenHolder.delete(task);
        this.log('info', task.startsWith('inbound:') ? `Inbound endpoint [${task.slice(8)}] polls on node [${this.nodeId}] (it holds the endpoint's lease in ${TASK_LEASE_TABLE})` : `Task scheduled: [ESB_TASK][${task}] on node [${this.nodeId}] (it holds the task's lease in ${TASK_LEASE_TABLE})`);
      }
      return true;
    }
    if (this.held.delete(task)) this.log('warn', `${label(task)} lost its lease on node [${this.nodeId}]; another node runs it now`);
    const holder = await this.holder(task).catch(() => undefined);
    if (holder && this.seenHolder.get(task) !== holder) {
      this.seenHolder.set(task, holder);
      this.log('info', `${label(task)} runs on node [${holder}]; not run on this node [${this.nodeId}] while that node holds its lease`);
    }
    return false;
  }

  private async holder(task: string): Promise<string | undefined> {
    const r = await (await this.db()).query(`SELECT DESTINED_NODE_ID AS node FROM ${TASK_LEASE_TABLE} WHERE TASK_NAME = ?`, [task]);
    const node = r.rows[0]?.node;
    return typeof node === 'string' ? node : undefined;
  }

  /** The task stopped here (undeploy, shutdown): its lease is freed for another node at once. */
  async release(task: string): Promise<void> {
    if (!this.held.delete(task)) return;
    await this.freeRow(task, true);
  }

  private async freeRow(task: string, say: boolean): Promise<void> {
    try {
      await (await this.db()).query(`UPDATE ${TASK_LEASE_TABLE} SET DESTINED_NODE_ID = NULL, TASK_STATE = 'NONE', LEASE_EXPIRES = 0 WHERE TASK_NAME = ? AND DESTINED_NODE_ID = ?`, [task, this.nodeId]);
      if (say) this.log('info', `${label(task)} released by node [${this.nodeId}]`);
    } catch (e) {
      this.log('warn', `${label(task)}: its lease could not be released (${e instanceof Error ? e.message : String(e)}); it expires in ${this.leaseMs} ms`);
    }
  }

  /** Keeps held leases alive between firings (a task firing rarely stays on its node). */
  private async renewAll(): Promise<void> {
    if (this.closed || this.held.size === 0) return;
    for (const task of [...this.held]) {
      if (!this.held.has(task)) continue;
      try {
        const mine = await this.claim(task);
        // released while the renewal was on its way: free the row again
        if (mine && !this.held.has(task)) await this.freeRow(task, false);
        else if (!mine && this.held.delete(task)) this.log('warn', `${label(task)} lost its lease on node [${this.nodeId}]; another node runs it now`);
      } catch {
        // unreachable: the next firing reports it and does not run
      }
    }
  }

  async close(): Promise<void> {
    clearInterval(this.renewTimer);
    for (const task of [...this.held]) await this.release(task);
    this.closed = true;
    const sql = this.sql ?? (await this.opening?.catch(() => undefined));
    this.sql = undefined;
    await sql?.close().catch(() => undefined);
  }
}
