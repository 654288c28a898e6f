/**
 * MI's pool parameters (Tomcat JDBC pool names on a `<config>` or datasource)
 * mapped onto the Node drivers' pools.
 */
export interface PoolSettings {
  max: number;
  min: number;
  /** ms to wait for a free connection. */
  acquireTimeoutMs: number;
  validationQuery?: string;
  testOnBorrow: boolean;
  idleTimeoutMs: number;
}

export function poolSettings(pool: Record<string, string>): PoolSettings {
  const num = (k: string, d: number) => {
    const v = Number(pool[k]);
    return pool[k] !== undefined && Number.isFinite(v) ? v : d;
  };
  const max = Math.max(1, num('maxActive', 10));
  return {
    max,
    min: Math.min(max, Math.max(0, num('minIdle', 0))),
    // Tomcat's maxWait default is 30 s; -1 means wait forever, which we cap.
    acquireTimeoutMs: num('maxWait', 30000) < 0 ? 600000 : num('maxWait', 30000),
    validationQuery: pool.validationQuery,
    testOnBorrow: (pool.testOnBorrow ?? 'false') === 'true',
    idleTimeoutMs: num('minEvictableIdleTimeMillis', 60000),
  };
}

/** Errors that mean the connection (not the statement) failed: reconnect and try again once. */
export function isConnectionError(e: unknown): boolean {
  const code = String((e as { code?: unknown })?.code ?? '');
  const msg = e instanceof Error ? e.message : String(e);
  return (
    ['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'PROTOCOL_CONNECTION_LOST', '57P01', '57P02', '57P03', '08006', '08003', '08001', 'ER_SERVER_SHUTDOWN', 'ERR_STREAM_DESTROYED'].includes(code) ||
    /Connection terminated|connection is closed|Can't add new command when connection is in closed state|socket hang up|read ECONNRESET|Client has encountered a connection error/i.test(msg)
  );
}
