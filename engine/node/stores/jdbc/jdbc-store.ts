/**
 * MI's JDBCMessageStore on SQLite, PostgreSQL or MySQL/MariaDB, in MI's table
 * layout (a user can query it as in MI): `indexId` auto-increment key (the
 * delivery order), `msg_id` (MI's message id), `message` (the stored
 * message; here our serialised form, stored-message.ts, as UTF-8 JSON bytes
 * instead of MI's Java serialisation). An insert is committed before the
 * store mediator continues; a fetched message stays in the table until acked
 * (at least once). Rows this runtime cannot read (written by MI itself) are
 * skipped with an error in the log, never deleted.
 */
import type { MessageStoreBackend, MessageStoreConsumer, StoreBackendContext, StoreLease } from '../../../messaging/store.js';
import { StoreUnavailableError } from '../../../messaging/store.js';
import { decodeStoredMessage, encodeStoredMessageBytes, type StoredMessage } from '../../../messaging/stored-message.js';
import { jdbcTarget, type JdbcTarget } from './connection-url.js';
import { openSqlConnection, type SqlConnection } from './sql.js';

export interface Row {
  idx: number;
  message: StoredMessage;
}

export class JdbcStoreBackend implements MessageStoreBackend {
  protected sql: SqlConnection | undefined;
  protected readonly target: JdbcTarget;
  /** indexIds held by consumers of this instance. */
  protected readonly held = new Set<number>();
  private readonly unreadable = new Set<number>();

  constructor(protected readonly ctx: StoreBackendContext) {
    this.target = jdbcTarget(ctx.storeName, ctx.parameters, ctx.dataDir);
  }

  get storeName(): string {
    return this.ctx.storeName;
  }

  get table(): string {
    return this.target.table;
  }

  /** Where the rows are, for logs (no password). */
  describeTarget(): string {
    const t = this.target;
    return t.dialect === 'sqlite' ? `SQLite ${t.file}, table ${t.table}` : `${t.dialect === 'postgres' ? 'PostgreSQL' : 'MySQL'} ${t.host}:${t.port}/${t.database}, table ${t.table}`;
  }

  async open(): Promise<void> {
    if (this.target.dialect === 'sqlite' && this.target.note) this.ctx.logger.log('info', `Message store ${this.storeName}: ${this.target.note}`, { component: 'JDBCMessageStore' });
    const sql = await openSqlConnection(this.storeName, this.target);
    try {
      await sql.query('SELECT 1');
      await this.createTables(sql);
    } catch (e) {
      await sql.close().catch(() => undefined);
      throw e;
    }
    this.sql = sql;
    this.ctx.logger.log('info', `Message store ${this.storeName} keeps its messages in ${this.describeTarget()}`, { component: 'JDBCMessageStore' });
  }

  protected async createTables(sql: SqlConnection): Promise<void> {
    await sql.query(createTableSql(sql.dialect, this.table, []));
  }

  protected db(): SqlConnection {
    if (!this.sql) throw new StoreUnavailableError(this.storeName, `message store ${this.storeName} is not open`);
    return this.sql;
  }

  async store(message: StoredMessage): Promise<void> {
    await this.db().query(`INSERT INTO ${this.table} (msg_id, message) VALUES (?, ?)`, [message.messageId, encodeStoredMessageBytes(message)]);
  }

  /** The first readable rows in delivery order, skipping `skip` of them. */
  protected async rows(limit: number, offset = 0, where = '', params: unknown[] = []): Promise<Row[]> {
    return (await this.rawRows(limit, offset, where, params)).readable;
  }

  private async rawRows(limit: number, offset: number, where: string, params: unknown[]): Promise<{ readable: Row[]; read: number }> {
    const r = await this.db().query(`SELECT indexId AS idx, message AS body FROM ${this.table}${where ? ` WHERE ${where}` : ''} ORDER BY indexId LIMIT ? OFFSET ?`, [...params, limit, offset]);
    const readable: Row[] = [];
    for (const row of r.rows) {
      const idx = Number(row.idx);
      const message = this.decode(idx, row.body);
      if (message) readable.push({ idx, message });
    }
    return { readable, read: r.rows.length };
  }

  private decode(idx: number, body: unknown): StoredMessage | undefined {
    try {
      const bytes = body instanceof Uint8Array ? body : typeof body === 'string' ? body : new Uint8Array(body as ArrayBuffer);
      return decodeStoredMessage(bytes);
    } catch (e) {
      if (!this.unreadable.has(idx)) {
        this.unreadable.add(idx);
        this.ctx.logger.log('error', `Message store ${this.storeName}: row indexId=${idx} of ${this.table} cannot be read (${e instanceof Error ? e.message : String(e)}); it is left in the table and skipped`, { component: 'JDBCMessageStore' });
      }
      return undefined;
    }
  }

  /** The next message a consumer may take: the lowest indexId not held here. */
  protected async next(): Promise<Row | undefined> {
    const held = [...this.held];
    const where = held.length ? `indexId NOT IN (${held.map(() => '?').join(', ')})` : '';
    // Unreadable rows are skipped: ask for more until a readable one comes or the table ends.
    for (let want = 1 + this.unreadable.size; ; want *= 2) {
      const { readable, read } = await this.rawRows(want, 0, where, held);
      if (readable.length > 0 || read < want) return readable[0];
    }
  }

  /** Removes a delivered row; subclasses record what they must (the resequencer's last id). */
  protected async remove(row: Row): Promise<void> {
    await this.db().query(`DELETE FROM ${this.table} WHERE indexId = ?`, [row.idx]);
  }

  consumer(): MessageStoreConsumer {
    let holding: Row | undefined;
    const release = () => {
      if (holding) this.held.delete(holding.idx);
      holding = undefined;
    };
    return {
      fetch: async () => {
        if (holding) return holding.message;
        const row = await this.next();
        if (!row) return undefined;
        holding = row;
        this.held.add(row.idx);
        return row.message;
      },
      ack: async () => {
        if (!holding) return;
        await this.remove(holding);
        release();
      },
      release: async () => release(),
      close: async () => release(),
    };
  }

  async list(offset: number, limit: number): Promise<StoredMessage[]> {
    return (await this.rows(limit, offset)).map((r) => r.message);
  }

  async get(messageId: string): Promise<StoredMessage | undefined> {
    return (await this.rows(1, 0, 'msg_id = ?', [messageId]))[0]?.message;
  }

  async delete(messageId: string): Promise<boolean> {
    const r = await this.db().query(`DELETE FROM ${this.table} WHERE msg_id = ?`, [messageId]);
    return r.affected > 0;
  }

  async size(): Promise<number> {
    const r = await this.db().query(`SELECT COUNT(*) AS n FROM ${this.table}`);
    return Number(r.rows[0]?.n ?? 0);
  }

  async close(): Promise<void> {
    this.held.clear();
    const sql = this.sql;
    this.sql = undefined;
    await sql?.close();
  }

  /** PostgreSQL and MySQL: a lock in the database, so one instance at a time runs a processor on this table. */
  get lease(): ((key: string) => Promise<StoreLease | undefined>) | undefined {
    const sql = this.sql;
    if (!sql?.tryLock) return undefined;
    const t = this.target;
    const scope = t.dialect === 'sqlite' ? t.file : `${t.host}:${t.port}/${t.database}`;
    return (key) => sql.tryLock!(`mediate:${scope}:${this.table}:${key}`);
  }
}

/** MI's layout, in each dialect; `extra` adds columns (the resequencer's seq_id). */
export function createTableSql(dialect: SqlConnection['dialect'], table: string, extra: string[]): string {
  const more = extra.length ? `, ${extra.join(', ')}` : '';
  switch (dialect) {
    case 'sqlite':
      return `CREATE TABLE IF NOT EXISTS ${table} (indexId INTEGER PRIMARY KEY AUTOINCREMENT, msg_id VARCHAR(200) NOT NULL, message BLOB NOT NULL${more})`;
    case 'postgres':
      return `CREATE TABLE IF NOT EXISTS ${table} (indexId BIGSERIAL PRIMARY KEY, msg_id VARCHAR(200) NOT NULL, message BYTEA NOT NULL${more})`;
    default:
      return `CREATE TABLE IF NOT EXISTS ${table} (indexId BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY, msg_id VARCHAR(200) NOT NULL, message LONGBLOB NOT NULL${more})`;
  }
}

export function jdbcStoreFactory(ctx: StoreBackendContext): MessageStoreBackend {
  return new JdbcStoreBackend(ctx);
}
