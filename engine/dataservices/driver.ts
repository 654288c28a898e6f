/**
 * What the data-service engine needs of a database, implemented by the hosts
 * (engine/node/db: PostgreSQL, MySQL/MariaDB, SQLite, CSV). SQL reaches a
 * session with `?` placeholders and the values beside it; each driver binds
 * them its own way.
 */

export type SqlValue = string | number | bigint | boolean | null | Uint8Array;

/** How a column's values print (Java's toString of the JDBC value, e.g. a DOUBLE 15500 prints 15500.0). */
export type ColumnKind = 'integer' | 'float' | 'decimal' | 'string' | 'boolean' | 'date' | 'time' | 'timestamp' | 'binary' | 'other';

export interface SqlResult {
  columns: string[];
  columnKinds: ColumnKind[];
  rows: SqlValue[][];
  /** Rows changed by an INSERT/UPDATE/DELETE. */
  affectedRows: number;
  /** Generated keys when asked for (one row per inserted row). */
  generatedKeys?: { columns: string[]; rows: SqlValue[][] };
  /** A stored-procedure call's OUT/INOUT values, one per OUT/INOUT placeholder in the order they appear (see `ExecuteOptions.callModes`). */
  outValues?: SqlValue[];
}

/** How a stored procedure's `?` takes part in a call: IN (bound), OUT (read back), INOUT (bound, then read back). */
export type CallMode = 'IN' | 'OUT' | 'INOUT';

export interface ExecuteOptions {
  returnGeneratedKeys?: boolean;
  keyColumns?: string[];
  maxRows?: number;
  /** Seconds. */
  queryTimeout?: number;
  /**
   * Set when the SQL calls a stored procedure with OUT/INOUT parameters: the mode of every `?`
   * in order (an OUT placeholder's value is null). The driver fills `SqlResult.outValues`.
   */
  callModes?: CallMode[];
}

export interface SqlSession {
  execute(sql: string, params: SqlValue[], options?: ExecuteOptions): Promise<SqlResult>;
  begin(): Promise<void>;
  commit(): Promise<void>;
  rollback(): Promise<void>;
  /** Two-phase commit, first phase (PostgreSQL PREPARE TRANSACTION, MySQL XA PREPARE); absent when the database has none. */
  prepare?(xid: string): Promise<void>;
  commitPrepared?(xid: string): Promise<void>;
  rollbackPrepared?(xid: string): Promise<void>;
  /** `begin` for a distributed transaction (MySQL needs XA START instead of BEGIN). */
  beginDistributed?(xid: string): Promise<void>;
  /** Gives the connection back; `broken` drops it from the pool. */
  release(broken?: boolean): void;
}

export interface SqlPool {
  readonly dialect: 'postgres' | 'mysql' | 'sqlite' | 'csv';
  acquire(): Promise<SqlSession>;
  /** Table and column metadata (OData, "generate from table", the designer). */
  tables(): Promise<TableInfo[]>;
  close(): Promise<void>;
}

export interface TableInfo {
  name: string;
  columns: { name: string; kind: ColumnKind; sqlType: string; nullable: boolean }[];
  primaryKey: string[];
}

/** What a `<config>` (or a carbon datasource it names) asks for, resolved to one connection description. */
export interface DataSourceSpec {
  /** Who asked, for messages: `data service X, config Y` or `datasource Z`. */
  owner: string;
  kind: 'rdbms' | 'csv';
  url?: string;
  driverClassName?: string;
  username?: string;
  password?: string;
  /** MI's pool parameters (maxActive, minIdle, maxWait, validationQuery, testOnBorrow ...), as written. */
  pool: Record<string, string>;
  csv?: { file: string; separator: string; startingRow: number; maxRows: number; hasHeader: boolean; headerRow: number };
  /** XA datasource (dataSourceClassName): joins distributed transactions. */
  xa: boolean;
}

/** A connection failure (server down, refused, bad credentials): MI's CONNECTION_UNAVAILABLE_ERROR. */
export class ConnectionUnavailableError extends Error {}

/** Opens pools for specs; one per distinct spec, kept by the engine until undeploy. */
export interface DataSourceProvider {
  open(spec: DataSourceSpec): SqlPool;
  /** Datasources defined outside artifacts (`[[datasource]]` in deployment.toml), by name. */
  named(name: string): DataSourceSpec | undefined;
  /** Notices about a spec that still opens (an H2 URL running on SQLite ...). */
  warnings?(spec: DataSourceSpec): string[];
}
