/**
 * The FIX transport of one runtime host (MI's FIX transport listener and sender in one):
 * acceptor sessions of `transports="fix"` proxies, initiator sessions opened for `fix://`
 * address endpoints, and the routing between them.
 *
 * - An application message on an acceptor session is injected into its proxy as MI's FIX XML
 *   in a SOAP body (text/xml); what the flow answers (a FIX XML message) is sent back on that
 *   session, re-encoded in the session's own BeginString (which is how FIX-version switching
 *   works).
 * - `fix://` sends go out on an initiator session (settings from the URI over those of the
 *   proxy's transport.fix.InitiatorConfigURL). Responses are matched to the request by ClOrdID
 *   (11), else to the oldest request waiting on that session. The first becomes the reply of
 *   the send; later ones are dropped when the proxy has transport.fix.DropExtraResponses=true,
 *   and otherwise run through the proxy's outSequence and go back to the FIX session the
 *   request came from (MI routes them by the originating session the same way).
 */
import path from 'node:path';
import type { Logger } from '../../../core/logger.js';
import { HeaderMap } from '../../../core/headers.js';
import { BrokerError, type BrokerReply, type BrokerSendRequest, type BrokerSender } from '../../../core/broker.js';
import { ErrorCodes } from '../../../core/errors.js';
import type { Engine } from '../../../runtime/engine.js';
import type { EngineResponse } from '../../../runtime/responses.js';
import type { CompiledProxy } from '../../../artifacts/types.js';
import { fieldOf, type FixMessage } from './codec.js';
import { toFixXml, fromFixXml, FixXmlError } from './fix-xml.js';
import { parseFixUri } from './fix-uri.js';
import { FixAcceptor } from './acceptor.js';
import { FixInitiator } from './initiator.js';
import { createSession, idOf } from './session-factory.js';
import { intSetting, readSessionSettings, type SessionSettings } from './session-config.js';
import { sessionName, type FixSession } from './session.js';

/** Set on messages injected from an acceptor session: that session's name (responses go back to it). */
export const FIX_ORIGIN_PROPERTY = 'fix.origin.session';

interface Route {
  proxy?: string;
  origin?: string;
  dropExtra: boolean;
}

interface Waiter {
  clOrdId?: string;
  route: Route;
  resolve(reply: BrokerReply): void;
  timer: NodeJS.Timeout;
}

const ROUTES_KEPT = 1000;

export interface FixTransportOptions {
  logger: Logger;
  /** Project roots: relative session files are found under them; stores go under the first one's .mediate. */
  roots: string[];
  host?: string;
}

export class FixTransport implements BrokerSender {
  private engine?: Engine;
  private readonly initiators = new Map<string, FixInitiator>();
  private readonly acceptorSessions = new Map<string, { session: FixSession; proxy: string }>();
  private readonly waiting = new Map<string, Waiter[]>();
  /** Session name + ClOrdID of answered requests -> where their further responses go. */
  private readonly routes = new Map<string, Route>();

  constructor(private readonly o: FixTransportOptions) {}

  get dataDir(): string {
    return path.join(this.o.roots[0] ?? process.cwd(), '.mediate');
  }

  bind(engine: Engine): void {
    this.engine = engine;
  }

  /** The acceptor sessions a `transports="fix"` proxy names (its AcceptorConfigURL); throws the reason when they cannot be read. */
  acceptorSettings(proxy: CompiledProxy): SessionSettings[] {
    const url = proxy.parameters?.['transport.fix.AcceptorConfigURL'];
    if (!url) throw new Error('transport.fix.AcceptorConfigURL is required on a proxy with transports="fix"');
    return readSessionSettings(url, this.o.roots);
  }

  /** Starts the acceptor sessions of a `transports="fix"` proxy. */
  async startAcceptor(proxy: CompiledProxy): Promise<FixAcceptor> {
    const params = proxy.parameters ?? {};
    const settings = this.acceptorSettings(proxy);
    const store = { dataDir: this.dataDir, kind: params['transport.fix.AcceptorMessageStore'] };
    const acceptor = new FixAcceptor(
      settings,
      (values) =>
        createSession(values, false, store, this.o.logger, {
          onApplication: (m, s) => void this.fromAcceptor(proxy.name, s, m),
        }),
      this.o.logger,
      this.o.host,
    );
    try {
      await acceptor.start();
    } catch (e) {
      await acceptor.stop();
      throw e;
    }
    for (const session of acceptor.sessions.values()) this.acceptorSessions.set(session.name, { session, proxy: proxy.name });
    return acceptor;
  }

  stopAcceptor(acceptor: FixAcceptor): Promise<void> {
    for (const name of acceptor.sessions.keys()) this.acceptorSessions.delete(name);
    return acceptor.stop();
  }

  private async fromAcceptor(proxy: string, session: FixSession, m: FixMessage): Promise<void> {
    const engine = this.engine;
    if (!engine) return;
    const xml = toFixXml(m, { inSession: session.name, counter: session.received });
    const res = await engine
      .handleInjected(envelopeRequest(xml, { [FIX_ORIGIN_PROPERTY]: session.name, 'transport.fix.ServiceName': proxy }), { proxy })
      .catch((e: unknown) => {
        this.o.logger.log('error', `FIX session ${session.name}: proxy ${proxy} failed: ${e instanceof Error ? e.message : String(e)}`, { component: 'FIXTransportListener' });
        return undefined;
      });
    if (res) await this.answer(session, res, proxy);
  }

  /** Sends what a flow answered back on a session; an answer that is no FIX message is logged, not sent. */
  private async answer(session: FixSession, res: EngineResponse, proxy: string): Promise<void> {
    if (res.status === 202) return;
    const body = res.body instanceof Uint8Array ? res.body : await res.body.read();
    const text = new TextDecoder().decode(body);
    if (!text.trim()) return;
    try {
      session.send(fromFixXml(text).fields);
    } catch (e) {
      const why = e instanceof FixXmlError ? e.message : String(e);
      this.o.logger.log('warn', `FIX session ${session.name}: the answer of proxy ${proxy} is not sent: ${why}`, { component: 'FIXTransportListener' });
    }
  }

  /** The initiator settings of the proxy the sending flow belongs to, under those of the fix:// URI. */
  private initiatorValues(req: BrokerSendRequest): Record<string, string> {
    const fromUri = parseFixUri(req.uri);
    const proxy = this.proxyOf(req);
    const url = proxy?.parameters?.['transport.fix.InitiatorConfigURL'];
    if (url) {
      const name = sessionName(idOf(fromUri));
      const match = readSessionSettings(url, this.o.roots).find((s) => sessionName(idOf(s.values)) === name);
      if (match) return { ...match.values, ...fromUri };
    }
    return fromUri;
  }

  private proxyOf(req: BrokerSendRequest): CompiledProxy | undefined {
    const name = (req.property('transport.fix.ServiceName') ?? req.property('proxy.name')) as string | undefined;
    const a = name ? this.engine?.deployment.get('proxy', String(name)) : undefined;
    return a?.kind === 'proxy' ? a.value : undefined;
  }

  private initiator(values: Record<string, string>, storeKind: string | undefined): FixInitiator {
    const name = sessionName(idOf(values));
    let init = this.initiators.get(name);
    if (init) return init;
    const session = createSession(values, true, { dataDir: this.dataDir, kind: storeKind }, this.o.logger, {
      onApplication: (m, s) => void this.fromInitiator(s, m),
    });
    init = new FixInitiator(session, values.SocketConnectHost ?? 'localhost', intSetting(values, 'SocketConnectPort', 0), intSetting(values, 'ReconnectInterval', 30), this.o.logger);
    this.initiators.set(name, init);
    init.start();
    return init;
  }

  async send(req: BrokerSendRequest): Promise<BrokerReply | undefined> {
    let values: Record<string, string>;
    let fields;
    try {
      values = this.initiatorValues(req);
      fields = fromFixXml(new TextDecoder().decode(req.body)).fields;
    } catch (e) {
      throw new BrokerError(ErrorCodes.SENDING_FAILED, e instanceof Error ? e.message : String(e));
    }
    const proxy = this.proxyOf(req);
    const init = this.initiator(values, proxy?.parameters?.['transport.fix.InitiatorMessageStore']);
    const session = init.session;
    const timeoutMs = req.timeoutMs ?? 60000;
    await this.loggedOn(init, Math.min(timeoutMs, 10000));
    const origin = req.property(FIX_ORIGIN_PROPERTY);
    const route: Route = {
      proxy: proxy?.name,
      origin: typeof origin === 'string' ? origin : undefined,
      dropExtra: /^true$/i.test(proxy?.parameters?.['transport.fix.DropExtraResponses'] ?? ''),
    };
    const clOrdId = fields.find(([t]) => t === 11)?.[1];
    if (!req.expectReply) {
      if (clOrdId) this.remember(session.name, clOrdId, route);
      session.send(fields);
      return undefined;
    }
    return new Promise<BrokerReply>((resolve, reject) => {
      const list = this.waiting.get(session.name) ?? [];
      this.waiting.set(session.name, list);
      const waiter: Waiter = {
        clOrdId,
        route,
        resolve,
        timer: setTimeout(() => {
          list.splice(list.indexOf(waiter), 1);
          reject(new BrokerError(ErrorCodes.CONNECTION_TIMEOUT, `FIX session ${session.name}: no response within ${timeoutMs} ms`));
        }, timeoutMs),
      };
      list.push(waiter);
      session.send(fields);
    });
  }

  private async loggedOn(init: FixInitiator, ms: number): Promise<void> {
    const deadline = Date.now() + ms;
    while (!init.session.isLoggedOn) {
      if (Date.now() > deadline) throw new BrokerError(ErrorCodes.CONNECTION_FAILED, `FIX session ${init.session.name} is not logged on${init.lastError ? `: ${init.lastError}` : ''}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  private remember(session: string, clOrdId: string, route: Route): void {
    this.routes.set(`${session}|${clOrdId}`, route);
    if (this.routes.size > ROUTES_KEPT) this.routes.delete(this.routes.keys().next().value!);
  }

  private fromInitiator(session: FixSession, m: FixMessage): void {
    const xml = toFixXml(m, { inSession: session.name, counter: session.received });
    const clOrdId = fieldOf(m, 11);
    const list = this.waiting.get(session.name) ?? [];
    const at = clOrdId !== undefined ? list.findIndex((w) => w.clOrdId === clOrdId) : -1;
    const idx = at >= 0 ? at : list.findIndex((w) => w.clOrdId === undefined);
    if (idx >= 0) {
      const [w] = list.splice(idx, 1);
      clearTimeout(w!.timer);
      if (w!.clOrdId) this.remember(session.name, w!.clOrdId, w!.route);
      w!.resolve({ body: new TextEncoder().encode(xml), contentType: 'text/xml', headers: new HeaderMap() });
      return;
    }
    const route = clOrdId !== undefined ? this.routes.get(`${session.name}|${clOrdId}`) : undefined;
    if (!route) {
      this.o.logger.log('warn', `FIX session ${session.name}: dropped an unsolicited message 35=${fieldOf(m, 35)} (no request waits for it)`, { component: 'FIXTransportSender' });
      return;
    }
    if (route.dropExtra) {
      this.o.logger.log('debug', `FIX session ${session.name}: dropped a further response for ClOrdID ${clOrdId} (transport.fix.DropExtraResponses)`, { component: 'FIXTransportSender' });
      return;
    }
    void this.extraResponse(route, xml, session.name);
  }

  private async extraResponse(route: Route, xml: string, from: string): Promise<void> {
    const origin = route.origin ? this.acceptorSessions.get(route.origin) : undefined;
    if (!origin || !route.proxy || !this.engine) {
      this.o.logger.log('info', `FIX session ${from}: a further response has no FIX session to go back to (the request came from ${route.origin ?? 'another transport'}); dropped`, { component: 'FIXTransportSender' });
      return;
    }
    const res = await this.engine.handleInjected(envelopeRequest(xml, { [FIX_ORIGIN_PROPERTY]: origin.session.name }), { proxy: route.proxy, response: true }).catch((e: unknown) => {
      this.o.logger.log('error', `FIX: the outSequence of ${route.proxy} failed: ${e instanceof Error ? e.message : String(e)}`, { component: 'FIXTransportSender' });
      return undefined;
    });
    if (res) await this.answer(origin.session, res, route.proxy);
  }

  async close(): Promise<void> {
    for (const i of this.initiators.values()) i.stop();
    this.initiators.clear();
    for (const list of this.waiting.values()) for (const w of list) clearTimeout(w.timer);
  }
}

function envelopeRequest(xml: string, properties: Record<string, unknown>) {
  const body = new TextEncoder().encode(`<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body>${xml}</soapenv:Body></soapenv:Envelope>`);
  const headers = new HeaderMap();
  headers.set('Content-Type', 'text/xml; charset=UTF-8');
  return { method: 'POST', url: '/', headers, body: { length: body.length, read: async () => body }, properties };
}
