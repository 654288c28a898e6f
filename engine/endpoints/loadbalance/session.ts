/**
 * Session affinity for loadbalance endpoints (`<session type="...">` beside
 * `<loadbalance>`), as Synapse's dispatchers find the session id:
 * - simpleClientSession: the `syn:ClientID` SOAP header
 *   (namespace http://ws.apache.org/ns/synapse) of the request;
 * - http: the `JSESSIONID` (or first) cookie the client sends back, bound when
 *   a backend answers with Set-Cookie;
 * - soap: the `ServiceGroupId` WS-Addressing reference parameter is not
 *   modelled; such sessions never bind.
 * A session remembers the member index; `sessionTimeout` (ms) expires it.
 */
import type { MessageContext } from '../../core/context.js';
import { SYNAPSE_NS } from '../../xml/dom.js';
import { headerOf } from '../../core/message.js';

export type SessionType = 'simpleClientSession' | 'http' | 'soap';

export class SessionTable {
  private readonly sessions = new Map<string, { member: number; expires: number }>();
  constructor(
    readonly type: SessionType,
    private readonly timeoutMs: number | undefined,
  ) {}

  /** The session id the request carries, if any. Reads the payload for simpleClientSession. */
  async requestSessionId(ctx: MessageContext): Promise<string | undefined> {
    if (this.type === 'simpleClientSession') {
      await ctx.message.build();
      if (ctx.message.payloadKind !== 'xml') return undefined;
      const header = headerOf(ctx.message.envelope(), false);
      for (let n = header?.firstChild; n; n = n.nextSibling) {
        const e = n as Element;
        if (n.nodeType === 1 && e.localName === 'ClientID' && e.namespaceURI === SYNAPSE_NS) return (e.textContent ?? '').trim() || undefined;
      }
      return undefined;
    }
    if (this.type === 'http') return cookieSession(ctx.transportHeaders.get('cookie'));
    return undefined;
  }

  /** The session id a response establishes (http sessions: Set-Cookie). */
  responseSessionId(ctx: MessageContext, requestId: string | undefined): string | undefined {
    if (this.type === 'http') return cookieSession(ctx.transportHeaders.get('set-cookie')) ?? requestId;
    return requestId;
  }

  lookup(id: string | undefined, now: number): number | undefined {
    if (id === undefined) return undefined;
    const s = this.sessions.get(id);
    if (!s) return undefined;
    if (s.expires <= now) {
      this.sessions.delete(id);
      return undefined;
    }
    return s.member;
  }

  bind(id: string | undefined, member: number, now: number): void {
    if (id === undefined) return;
    this.sessions.set(id, { member, expires: this.timeoutMs !== undefined ? now + this.timeoutMs : Number.POSITIVE_INFINITY });
  }

  unbind(id: string | undefined): void {
    if (id !== undefined) this.sessions.delete(id);
  }
}

function cookieSession(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const pairs = header.split(/[;,]/).map((p) => p.trim().split('=')).filter((p) => p.length >= 2 && p[0]);
  const js = pairs.find((p) => p[0]!.toUpperCase() === 'JSESSIONID');
  const chosen = js ?? pairs[0];
  return chosen ? `${chosen[0]}=${chosen.slice(1).join('=')}` : undefined;
}
