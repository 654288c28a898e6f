/** The Try-it service: sends one HTTP request to the running runtime. */

export interface TryItRequest {
  method: string;
  /** Path with query, starting with '/', e.g. /healthcare/health */
  path: string;
  headers: Record<string, string>;
  body?: string;
}

export interface TryItResponse {
  status: number;
  statusText: string;
  headers: Record<string, string>;
  body: string;
  /** Milliseconds from sending to the last byte. */
  timeMs: number;
}

export interface TryItService {
  /** Fails when the runtime is not running. */
  send(request: TryItRequest): Promise<TryItResponse>;
}
