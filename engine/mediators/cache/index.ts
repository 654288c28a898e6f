/**
 * cache: MI's response cache. The request-side mediator (collector="false",
 * the default) hashes the request (method, URL, chosen headers, payload); on a
 * hit the cached response becomes the message and onCacheHit runs (sequence
 * key or inline mediators; by default the response is sent to the client),
 * ending the flow. On a miss the flow goes on and the response-side mediator
 * (collector="true") stores the response under that hash, if its status
 * matches protocol/responseCodes and it fits maxMessageSize.
 * protocol type="HTTP": methods (default *), headersToIncludeInHash (empty =
 * all but headersToExcludeInHash), enableCacheControl (no-store, no-cache,
 * max-age of the response), includeAgeHeader. timeout in seconds (default
 * 5000), implementation maxSize entries (default 1000). Entries live in memory,
 * per mediator, or per `id` when one is given.
 */
import type { MediatorDefinition, CompiledSequence, Resolver } from '../../model/definition.js';
import { el, a, child } from '../../model/descriptor.js';
import { childNamed, type ConfigNode } from '../../model/node.js';
import type { MessageContext } from '../../core/context.js';
import { runSequence } from '../../runtime/flow.js';
import { applyResponse } from '../../endpoints/send-http.js';
import { makeStep, boolAttr } from '../support.js';
import { ResponseCache, sharedCache } from './store.js';

const textChild = (name: string) => child(el(name, [], 'text'));
const protocolDesc = el('protocol', [a.enum('type', ['HTTP'], { required: true })], 'elements', [
  textChild('methods'),
  textChild('headersToIncludeInHash'),
  textChild('headersToExcludeInHash'),
  textChild('responseCodes'),
  textChild('enableCacheControl'),
  textChild('includeAgeHeader'),
  textChild('hashGenerator'),
]);
const onCacheHitDesc = el('onCacheHit', [a.key('sequence', 'sequence')], 'mediators');
const implementationDesc = el('implementation', [a.enum('type', ['memory', 'disk']), a.int('maxSize')], 'empty');

const PENDING = 'cache:pending';
const DEFAULT_TIMEOUT_S = 5000;
const DEFAULT_MAX_SIZE = 1000;
let anonymous = 0;

interface Pending {
  cache: ResponseCache;
  key: string;
  settings: Settings;
}

interface Settings {
  timeoutMs: number;
  maxMessageSize: number;
  responseCodes: RegExp;
  cacheControl: boolean;
  ageHeader: boolean;
}

export const cacheMediator: MediatorDefinition = {
  kind: 'cache',
  descriptor: el(
    'cache',
    [
      a.str('id'),
      a.int('timeout', { help: 'Seconds a response stays cached.' }),
      a.bool('collector', { help: 'true = the response-side mediator that stores responses.' }),
      a.int('maxMessageSize', { help: 'Largest response (bytes) that is cached.' }),
      a.enum('scope', ['per-host', 'per-mediator']),
      a.str('hashGenerator'),
      a.description(),
    ],
    'elements',
    [child(onCacheHitDesc), child(protocolDesc), child(implementationDesc)],
  ),
  editor: { label: 'Cache', group: 'qos', help: 'Answers repeated requests from cached responses.', fieldOrder: ['timeout', 'maxMessageSize', 'collector'] },
  contentAware: () => true,
  compile(node, env, path) {
    if (boolAttr(node, 'collector', false)) {
      return makeStep('cache', path, node, true, async (ctx) => {
        collect(ctx);
        return 'continue';
      });
    }
    const protocol = childNamed(node, 'protocol');
    const text = (name: string) => (protocol ? childNamed(protocol, name)?.text?.trim() : undefined);
    const methods = (text('methods') || '*').split(',').map((m) => m.trim().toUpperCase()).filter(Boolean);
    const include = list(text('headersToIncludeInHash'));
    const exclude = list(text('headersToExcludeInHash'));
    let responseCodes = /.*/;
    try {
      responseCodes = new RegExp(`^(?:${text('responseCodes') || '.*'})$`);
    } catch {
      env.report('SYN004', `responseCodes '${text('responseCodes')}' is not a regular expression`, protocol?.loc ?? node.loc);
    }
    const settings: Settings = {
      timeoutMs: Number(node.attrs.timeout ?? DEFAULT_TIMEOUT_S) * 1000,
      maxMessageSize: Number(node.attrs.maxMessageSize ?? 0),
      responseCodes,
      cacheControl: text('enableCacheControl') === 'true',
      ageHeader: text('includeAgeHeader') === 'true',
    };
    const maxSize = Number(childNamed(node, 'implementation')?.attrs.maxSize ?? DEFAULT_MAX_SIZE);
    const id = node.attrs.id ?? `#${++anonymous}`;
    const onHit = hitBranch(node, env, path);

    return makeStep('cache', path, node, true, async (ctx) => {
      const method = ctx.inbound.method.toUpperCase();
      if (!methods.includes('*') && !methods.includes(method)) return 'continue';
      const cache = sharedCache(ctx.services, id, maxSize);
      const key = requestKey(ctx, include, exclude);
      const now = ctx.services.now();
      const noCache = settings.cacheControl && /\bno-cache\b/i.test(ctx.getHeader('Cache-Control') ?? '');
      const hit = noCache ? undefined : cache.get(key, now);
      if (!hit) {
        ctx.operation.set(PENDING, { cache, key, settings } satisfies Pending);
        return 'continue';
      }
      const headers = hit.headers.clone();
      if (settings.ageHeader) headers.set('Age', String(Math.floor((now - hit.storedAt) / 1000)));
      applyResponse(ctx, hit.status, hit.statusText, headers, hit.message.clone());
      ctx.services.logger.log('debug', `Cache hit for ${method} ${ctx.inbound.url}`, { component: 'CacheMediator', artifact: env.artifact, path });
      if (onHit) await runSequence(typeof onHit === 'function' ? onHit(ctx) : onHit, ctx);
      else await ctx.sendResponse();
      return 'halt';
    });
  },
};

function collect(ctx: MessageContext): void {
  const pending = ctx.operation.get(PENDING) as Pending | undefined;
  if (!pending) return;
  ctx.operation.delete(PENDING);
  const { settings } = pending;
  const status = Number(ctx.axis2.get('HTTP_SC') ?? 200);
  if (!settings.responseCodes.test(String(status))) return;
  const now = ctx.services.now();
  let lifetime = settings.timeoutMs;
  if (settings.cacheControl) {
    const cc = ctx.transportHeaders.get('Cache-Control') ?? '';
    if (/\bno-store\b/i.test(cc)) return;
    const maxAge = /\bmax-age\s*=\s*(\d+)/i.exec(cc);
    if (maxAge) lifetime = Math.min(lifetime, Number(maxAge[1]) * 1000);
  }
  if (settings.maxMessageSize > 0) {
    const size = ctx.message.serialize(ctx.axis2.get('messageType') as string | undefined).bytes.length;
    if (size > settings.maxMessageSize) return;
  }
  pending.cache.put(pending.key, {
    status,
    statusText: String(ctx.axis2.get('HTTP_SC_DESC') ?? ''),
    headers: ctx.transportHeaders.clone(),
    message: ctx.message.clone(),
    storedAt: now,
    expiresAt: now + lifetime,
  });
}

function requestKey(ctx: MessageContext, include: string[], exclude: string[]): string {
  const headers = [...ctx.transportHeaders.entries()]
    .map(([k, v]) => [k.toLowerCase(), v] as const)
    .filter(([k]) => (include.length ? include.includes(k) : !exclude.includes(k)))
    .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))
    .map(([k, v]) => `${k}:${v}`);
  const body = ctx.message.payloadKind === 'empty' ? '' : ctx.message.serialize(undefined).bytes;
  const payload = typeof body === 'string' ? body : Array.from(body, (b) => String.fromCharCode(b)).join('');
  return JSON.stringify([ctx.inbound.method.toUpperCase(), ctx.inbound.url, headers, payload]);
}

function list(text: string | undefined): string[] {
  return (text ?? '').split(',').map((h) => h.trim().toLowerCase()).filter(Boolean);
}

function hitBranch(node: ConfigNode, env: Parameters<MediatorDefinition['compile']>[1], path: string): Resolver<CompiledSequence> | CompiledSequence | undefined {
  const hit = childNamed(node, 'onCacheHit');
  if (!hit) return undefined;
  if (hit.attrs.sequence !== undefined) return env.sequenceRef(hit.attrs.sequence, hit.attrLocs.sequence ?? hit.loc, hit.namespaces);
  return hit.mediators && hit.mediators.length ? env.inlineSequence(hit, `${path}/onCacheHit`) : undefined;
}
