/**
 * MI's ResequenceMessageStore: a JDBC store that releases messages strictly
 * in the order of a sequence number read from each message with the XPath
 * (or json-eval / ${}) in store.resequence.id.path. The number after the last
 * delivered one goes next; when it has not arrived, the store waits
 * store.resequence.timeout seconds and then jumps to the lowest number it has.
 * Extra column `seq_id` and table `tbl_lastprocessid` (the last delivered
 * number per store table), as MI keeps them.
 *
 * Limitation: namespace prefixes declared on the `<parameter>` element are not
 * carried over; write the path with local-name() or without prefixes.
 */
import type { MessageStoreBackend, StoreBackendContext } from '../../../messaging/store.js';
import { StoreConfigError } from '../../../messaging/store.js';
import { decodeStoredMessage, encodeStoredMessageBytes, restoreContext, type StoredMessage } from '../../../messaging/stored-message.js';
import { compileExpression } from '../../../expr/compile.js';
import type { CompiledExpression } from '../../../expr/types.js';
import type { RuntimeServices } from '../../../core/services.js';
import { JdbcStoreBackend, createTableSql, type Row } from './jdbc-store.js';
import type { SqlConnection } from './sql.js';

/** Expressions over a stored message need no configuration: a context with nothing deployed. */
const bareServices: RuntimeServices = {
  logger: { log() {}, child() { return this; } },
  hooks: [],
  httpClient: {
    send: async () => {
      throw new Error('no HTTP while reading a sequence number');
    },
  },
  localEntry: () => undefined,
  registryResource: () => undefined,
  registryProperty: () => undefined,
  config: () => undefined,
  env: () => undefined,
  systemProperty: () => undefined,
  now: () => Date.now(),
  lookup: () => undefined,
};

export class ResequenceStoreBackend extends JdbcStoreBackend {
  private readonly idPath: CompiledExpression;
  private readonly timeoutMs: number;
  /** Since when the next number has been missing. */
  private gapSince: number | undefined;

  constructor(ctx: StoreBackendContext) {
    super(ctx);
    const p = (ctx.parameters['store.resequence.id.path'] ?? '').trim();
    if (!p) throw new StoreConfigError('store.resequence.id.path', 'a resequence store needs store.resequence.id.path');
    try {
      this.idPath = compileExpression(p, {});
    } catch (e) {
      throw new StoreConfigError('store.resequence.id.path', `store.resequence.id.path '${p}': ${e instanceof Error ? e.message : String(e)}`);
    }
    const seconds = Number((ctx.parameters['store.resequence.timeout'] ?? '').trim() || '-1');
    this.timeoutMs = Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : -1;
  }

  protected override async createTables(sql: SqlConnection): Promise<void> {
    await sql.query(createTableSql(sql.dialect, this.table, ['seq_id BIGINT NOT NULL']));
    await sql.query('CREATE TABLE IF NOT EXISTS tbl_lastprocessid (statement VARCHAR(200) NOT NULL PRIMARY KEY, seq_id BIGINT NOT NULL)');
  }

  private sequenceOf(message: StoredMessage): number {
    const text = this.idPath.evaluateString(restoreContext(message, bareServices)).trim();
    if (!/^-?\d+$/.test(text)) throw new Error(`message ${message.messageId}: store.resequence.id.path gives '${text}', not a whole number`);
    return Number(text);
  }

  override async store(message: StoredMessage): Promise<void> {
    const seq = this.sequenceOf(message);
    await this.db().query(`INSERT INTO ${this.table} (msg_id, message, seq_id) VALUES (?, ?, ?)`, [message.messageId, encodeStoredMessageBytes(message), seq]);
  }

  private async lastProcessed(): Promise<number | undefined> {
    const r = await this.db().query('SELECT seq_id AS s FROM tbl_lastprocessid WHERE statement = ?', [this.table]);
    return r.rows[0] ? Number(r.rows[0].s) : undefined;
  }

  private async rowWhere(where: string, params: unknown[]): Promise<Row & { seq: number } | undefined> {
    const held = [...this.held];
    const notHeld = held.length ? ` AND indexId NOT IN (${held.map(() => '?').join(', ')})` : '';
    const r = await this.db().query(`SELECT indexId AS idx, message AS body, seq_id AS s FROM ${this.table} WHERE ${where}${notHeld} ORDER BY seq_id, indexId LIMIT 1`, [...params, ...held]);
    const row = r.rows[0];
    if (!row) return undefined;
    const body = row.body as Uint8Array | string;
    return { idx: Number(row.idx), seq: Number(row.s), message: decodeStoredMessage(body) };
  }

  protected override async next(): Promise<Row | undefined> {
    const last = await this.lastProcessed();
    if (last === undefined) return this.rowWhere('1 = 1', []);
    const expected = await this.rowWhere('seq_id = ?', [last + 1]);
    if (expected) {
      this.gapSince = undefined;
      return expected;
    }
    const later = await this.rowWhere('seq_id > ?', [last]);
    if (!later) return undefined;
    this.gapSince ??= Date.now();
    if (this.timeoutMs < 0 || Date.now() - this.gapSince < this.timeoutMs) return undefined;
    this.ctx.logger.log('warn', `Resequence store ${this.storeName}: message ${last + 1} did not arrive within ${this.timeoutMs / 1000} s; going on with ${(later as { seq: number }).seq}`, { component: 'ResequenceMessageStore' });
    this.gapSince = undefined;
    return later;
  }

  protected override async remove(row: Row): Promise<void> {
    const seq = (row as Row & { seq?: number }).seq;
    await this.db().transaction(async (q) => {
      await q(`DELETE FROM ${this.table} WHERE indexId = ?`, [row.idx]);
      if (seq !== undefined) {
        await q('DELETE FROM tbl_lastprocessid WHERE statement = ?', [this.table]);
        await q('INSERT INTO tbl_lastprocessid (statement, seq_id) VALUES (?, ?)', [this.table, seq]);
      }
    });
  }
}

export function resequenceStoreFactory(ctx: StoreBackendContext): MessageStoreBackend {
  return new ResequenceStoreBackend(ctx);
}
