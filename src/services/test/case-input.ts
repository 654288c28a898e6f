/**
 * Turning a case's `<input>` into what MI sends: the request (API, proxy) or
 * the synthetic message (sequence). Transport-scope properties become request
 * headers; a `Content-Type` among them sets the payload's type, otherwise it
 * is taken from the payload's shape.
 */
import type { CaseInput, TestArtifact } from './suite-model.js';
import { guessType } from './mock-services.js';

export interface PlannedRequest {
  method: string;
  /** Path and query on the runtime. */
  url: string;
  protocol: 'http' | 'https';
  headers: Record<string, string>;
  body?: string;
}

export function transportHeaders(input: CaseInput): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const p of input.properties) if (p.scope === 'transport') headers[p.name] = p.value;
  return headers;
}

export function contentTypeOf(input: CaseInput, headers: Record<string, string>, forProxy: boolean): string | undefined {
  const given = Object.entries(headers).find(([k]) => k.toLowerCase() === 'content-type')?.[1];
  if (given) return given;
  if (input.payload === undefined || input.payload.trim() === '') return undefined;
  const guessed = guessType(input.payload);
  // A SOAP envelope goes as SOAP 1.1 (text/xml) or 1.2 by its namespace; other XML as POX.
  if (guessed === 'application/xml' && /^<(?:[\w-]+:)?Envelope\b/.test(input.payload.trim())) return input.payload.includes('http://www.w3.org/2003/05/soap-envelope') ? 'application/soap+xml' : 'text/xml';
  return forProxy && guessed === 'text/plain' ? 'text/plain' : guessed;
}

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** API: `<request-method>` (GET when absent) to `<context><request-path>`; proxy: POST to `/services/<name>`. */
export function planRequest(artifact: TestArtifact, input: CaseInput): PlannedRequest {
  const headers = transportHeaders(input);
  const isProxy = artifact.kind === 'proxy';
  const method = isProxy ? 'POST' : (input.requestMethod ?? 'GET');
  let url: string;
  if (isProxy) url = `/services/${artifact.name}`;
  else {
    const context = (artifact.context ?? '/').replace(/\/$/, '');
    const rest = (input.requestPath ?? '').trim();
    url = rest === '' || rest === '/' ? context || '/' : `${context}${rest.startsWith('/') || rest.startsWith('?') ? '' : '/'}${rest}`;
  }
  const body = BODY_METHODS.has(method) ? (input.payload ?? '') : undefined;
  const type = contentTypeOf(input, headers, isProxy);
  if (body !== undefined && type && !Object.keys(headers).some((k) => k.toLowerCase() === 'content-type')) headers['Content-Type'] = type;
  return { method, url, protocol: input.requestProtocol === 'https' ? 'https' : 'http', headers, body };
}
