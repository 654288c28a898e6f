/**
 * The Try-it service: one HTTP request to the runtime the studio runs. Requests
 * only ever go to 127.0.0.1 on the runtime's port: the path is a path, never a URL.
 */
import type { TryItRequest, TryItResponse, TryItService } from '../../contract/index.js';

export interface TryItServiceOptions {
  /** The running runtime's port, or undefined when it is not running. */
  runtimePort: () => number | undefined;
  timeoutMs?: number;
}

const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS'];

function coded(code: string, message: string): Error {
  return Object.assign(new Error(message), { code });
}

export class HttpTryItService implements TryItService {
  constructor(private readonly options: TryItServiceOptions) {}

  async send(request: TryItRequest): Promise<TryItResponse> {
    const port = this.options.runtimePort();
    if (port === undefined) throw coded('NOT_RUNNING', 'the runtime is not running; press Run first');
    const method = String(request?.method ?? '').toUpperCase();
    if (!METHODS.includes(method)) throw coded('INVALID', `unsupported method '${method}'`);
    const requestPath = String(request.path ?? '');
    if (!requestPath.startsWith('/') || requestPath.startsWith('//')) throw coded('INVALID', 'the path must start with a single /');
    const url = new URL(requestPath, `http://127.0.0.1:${port}`);
    // URL parsing reads `/\host/…` (and tabs or newlines inside `//`) as another host: only the runtime may be asked.
    if (url.host !== `127.0.0.1:${port}`) throw coded('INVALID', 'the path must start with a single / and name no host');
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(request.headers ?? {})) if (k.trim()) headers[k.trim()] = String(v);
    const hasBody = request.body !== undefined && request.body !== '' && method !== 'GET' && method !== 'HEAD';
    const started = performance.now();
    let response: Response;
    try {
      response = await fetch(url, { method, headers, body: hasBody ? request.body : undefined, redirect: 'manual', signal: AbortSignal.timeout(this.options.timeoutMs ?? 60000) });
    } catch (e) {
      throw coded('REQUEST_FAILED', `request failed: ${e instanceof Error ? e.message : String(e)}`);
    }
    const body = await response.text();
    const timeMs = Math.round(performance.now() - started);
    const responseHeaders: Record<string, string> = {};
    response.headers.forEach((value, key) => (responseHeaders[key] = value));
    return { status: response.status, statusText: response.statusText, headers: responseHeaders, body, timeMs };
  }
}
