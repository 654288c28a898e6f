/**
 * payloadFactory: replaces the payload with a format (inline or from a
 * registry key) filled from `$n` arguments and MI 4.4 inline `${...}`.
 * media-type json: a value placed in a whole quoted placeholder ("$1") is
 * written as a JSON string, except objects and arrays, which are written as
 * JSON (as MI does); an unquoted placeholder takes the value's own JSON type.
 * media-type xml: values are XML-escaped text, or XML when an argument
 * selects elements (unless literal="true"). The result sets messageType.
 * template-type freemarker renders a FreeMarker subset (FREEMARKER.md) with
 * MI's model (payload, args, ctx, axis2, trp, vars); templates using
 * constructs outside the subset are refused at deploy.
 */
import type { MediatorDefinition, CompileEnv } from '../../model/definition.js';
import { el, a, child } from '../../model/descriptor.js';
import { childNamed, childrenNamed, type ConfigNode } from '../../model/node.js';
import type { MessageContext } from '../../core/context.js';
import { MediationFault } from '../../core/errors.js';
import type { CompiledExpression } from '../../expr/types.js';
import { compileSynapseExpression } from '../../expr/synapse/index.js';
import { parseXmlStrict, serializeXml, SOAP11_NS, SOAP12_NS } from '../../xml/dom.js';
import { xmlElementToJson, serializeJson } from '../../xml/json-xml.js';
import { makeStep } from '../support.js';
import { findPlaceholders, isPartial, type Placeholder } from './placeholders.js';
import { baseMediaType } from '../../core/content-type.js';
import { compileFreemarker, describeSyntaxError, FreemarkerSyntaxError, type CompiledFreemarker } from './freemarker/index.js';

const formatDesc = el('format', [a.key('key', 'registry', { help: 'Registry or local-entry key holding the format.' })], 'xml');
const argDesc = el('arg', [a.str('value'), a.expr('expression'), a.enum('evaluator', ['xml', 'json']), a.bool('literal')], 'empty', undefined, { oneOf: [['value', 'expression']] });
const argsDesc = el('args', [], 'elements', [child(argDesc, { multiple: true })]);

type ArgValue = { kind: 'string'; text: string } | { kind: 'json'; value: unknown } | { kind: 'xml'; elements: Element[] };
type ArgSource = { literal: string } | { expression: CompiledExpression; evaluator: 'xml' | 'json'; literal: boolean };

export const payloadFactoryMediator: MediatorDefinition = {
  kind: 'payloadFactory',
  descriptor: el(
    'payloadFactory',
    [a.enum('media-type', ['xml', 'json', 'text'], { default: 'xml' }), a.enum('template-type', ['default', 'freemarker'], { default: 'default' }), a.description()],
    'elements',
    [child(formatDesc, { required: true }), child(argsDesc)],
  ),
  editor: { label: 'PayloadFactory', group: 'transformation', help: 'Replaces the payload with a template filled from arguments and expressions.', fieldOrder: ['media-type', 'template-type'] },
  contentAware: () => true,
  compile(node, env, path) {
    const mediaType = (node.attrs['media-type'] ?? 'xml') as 'xml' | 'json' | 'text';
    const format = childNamed(node, 'format');
    const args = compileArgs(node, env);
    if (node.attrs['template-type'] === 'freemarker') return compileFreemarkerStep(node, format, args, mediaType, env, path);
    const inlineText = format && format.attrs.key === undefined ? rawText(format) : undefined;
    const compiledInline = inlineText !== undefined ? compileFormat(inlineText, mediaType, env, format!) : undefined;
    const key = format?.attrs.key;
    return makeStep('payloadFactory', path, node, true, async (ctx) => {
      const compiled = compiledInline ?? compileFormatAtRuntime(key!, mediaType, ctx);
      const values = args.map((s) => evaluateArg(s, ctx));
      const rendered = render(compiled, values, mediaType, ctx);
      apply(rendered, mediaType, ctx);
      return 'continue';
    });
  },
};

function compileFreemarkerStep(node: ConfigNode, format: ConfigNode | undefined, args: ArgSource[], mediaType: 'xml' | 'json' | 'text', env: CompileEnv, path: string) {
  const key = format?.attrs.key;
  let inline: CompiledFreemarker | undefined;
  if (format && key === undefined) {
    const text = rawText(format);
    try {
      inline = compileFreemarker(text);
    } catch (e) {
      if (!(e instanceof FreemarkerSyntaxError)) throw e;
      env.report('SYN010', describeSyntaxError(text, e), format.loc);
    }
  }
  const byKey = new Map<string, CompiledFreemarker>();
  return makeStep('payloadFactory', path, node, true, async (ctx) => {
    let template = inline;
    if (!template) {
      const text = ctx.services.registryResource(key!);
      if (text === undefined) throw new MediationFault(0, `payloadFactory format resource '${key}' not found`);
      template = byKey.get(text);
      if (!template) {
        try {
          template = compileFreemarker(text.trim());
        } catch (e) {
          if (e instanceof FreemarkerSyntaxError) throw new MediationFault(0, describeSyntaxError(text.trim(), e));
          throw e;
        }
        byKey.set(text, template);
      }
    }
    const values = args.map((s) => freemarkerArg(evaluateArg(s, ctx)));
    apply(template.render(ctx, values).trim(), mediaType, ctx);
    return 'continue';
  });
}

/** Arguments as FreeMarker sees them: strings, JSON values, or XML as its serialized text. */
function freemarkerArg(v: ArgValue): unknown {
  if (v.kind === 'string') return v.text;
  if (v.kind === 'json') return v.value;
  return v.elements.map((e) => serializeXml(e)).join('');
}

interface CompiledFormat {
  text: string;
  placeholders: Placeholder[];
  expressions: Map<string, CompiledExpression>;
}

function rawText(format: ConfigNode): string {
  const nodes = format.raw ?? [];
  const hasElement = nodes.some((n) => n.nodeType === 1);
  if (hasElement) return nodes.filter((n) => n.nodeType === 1).map((n) => serializeXml(n)).join('');
  return nodes.map((n) => n.nodeValue ?? '').join('').trim();
}

function compileFormat(text: string, mediaType: string, env: CompileEnv | undefined, at: ConfigNode | undefined): CompiledFormat {
  const placeholders = findPlaceholders(text, mediaType === 'json');
  const expressions = new Map<string, CompiledExpression>();
  for (const p of placeholders) {
    if (p.type !== 'expr' || expressions.has(p.source)) continue;
    if (env && at) {
      const e = env.expressionAt(p.source, at.loc, at.namespaces);
      if (e) expressions.set(p.source, e);
    } else expressions.set(p.source, compileSynapseExpression(p.source, {}));
  }
  return { text, placeholders, expressions };
}

function compileFormatAtRuntime(key: string, mediaType: string, ctx: MessageContext): CompiledFormat {
  const text = ctx.services.registryResource(key);
  if (text === undefined) throw new MediationFault(0, `payloadFactory format resource '${key}' not found`);
  return compileFormat(text.trim(), mediaType, undefined, undefined);
}

function compileArgs(node: ConfigNode, env: CompileEnv): ArgSource[] {
  const argsNode = childNamed(node, 'args');
  if (!argsNode) return [];
  return childrenNamed(argsNode, 'arg').map((arg) => {
    if (arg.attrs.expression === undefined) return { literal: arg.attrs.value ?? '' };
    const text = arg.attrs.expression;
    // evaluator="json" takes a bare JSONPath (`$.a.b`), as MI's JSON evaluator does.
    const bareJsonPath = arg.attrs.evaluator === 'json' && !text.trim().startsWith('json-eval(') && !text.trim().startsWith('${');
    const expression = bareJsonPath ? env.expressionAt(`json-eval(${text})`, arg.attrLocs.expression ?? arg.loc, arg.namespaces) : env.expression(arg, 'expression');
    const evaluator = arg.attrs.evaluator === 'json' || expression?.language === 'jsonpath' ? 'json' : 'xml';
    if (!expression) return { literal: '' };
    return { expression, evaluator, literal: arg.attrs.literal === 'true' };
  });
}

function evaluateArg(s: ArgSource, ctx: MessageContext): ArgValue {
  if ('literal' in s && !('expression' in s)) return { kind: 'string', text: s.literal };
  const { expression, evaluator, literal } = s as Extract<ArgSource, { expression: CompiledExpression }>;
  if (expression.language === 'xpath' && evaluator === 'json' && !expression.source.startsWith('$.')) {
    return { kind: 'string', text: expression.evaluateString(ctx) };
  }
  if (expression.language === 'xpath') {
    // MI takes the XPath string value: an element with text gives its text; one with only child
    // elements gives its XML, which is inserted as XML unless literal="true".
    const text = expression.evaluateString(ctx);
    if (!literal && text.trimStart().startsWith('<')) {
      const elements = parseFragment(text);
      if (elements) return { kind: 'xml', elements };
    }
    return { kind: 'string', text };
  }
  const v = expression.evaluate(ctx);
  if (typeof v === 'string') return { kind: 'string', text: v };
  return { kind: 'json', value: v };
}

function render(f: CompiledFormat, args: ArgValue[], mediaType: string, ctx: MessageContext): string {
  let out = '';
  let last = 0;
  for (const p of f.placeholders) {
    out += f.text.slice(last, p.start);
    last = p.end;
    let value: ArgValue;
    if (p.type === 'arg') {
      const v = args[p.index - 1];
      if (!v) {
        out += f.text.slice(p.start, p.end);
        continue;
      }
      value = v;
    } else {
      const r = f.expressions.get(p.source)!.evaluate(ctx);
      value = typeof r === 'string' ? { kind: 'string', text: r } : { kind: 'json', value: r };
    }
    out += mediaType === 'json' ? jsonFragment(value, p) : mediaType === 'xml' ? xmlFragment(value) : textFragment(value);
  }
  return out + f.text.slice(last);
}

function asJson(v: ArgValue): unknown {
  if (v.kind === 'json') return v.value;
  if (v.kind === 'xml') return v.elements.length === 1 ? xmlElementToJson(v.elements[0] as never) : v.elements.map((e) => xmlElementToJson(e as never));
  return v.text;
}

function jsonFragment(v: ArgValue, p: Placeholder): string {
  const value = asJson(v);
  if (p.quoted && isPartial(p)) return escapeJsonString(typeof value === 'string' ? value : serializeJson(value));
  if (p.quoted) {
    if (value !== null && typeof value === 'object') return serializeJson(value);
    return `"${escapeJsonString(typeof value === 'string' ? value : String(value))}"`;
  }
  if (typeof value === 'string') {
    const t = value.trim();
    if (/^(-?\d+(\.\d+)?([eE][-+]?\d+)?|true|false|null)$/.test(t) || ((t.startsWith('{') || t.startsWith('[')) && isJson(t))) return t;
    return JSON.stringify(value);
  }
  return value === undefined ? 'null' : serializeJson(value);
}

function isJson(t: string): boolean {
  try {
    JSON.parse(t);
    return true;
  } catch {
    return false;
  }
}

function escapeJsonString(s: string): string {
  return JSON.stringify(s).slice(1, -1);
}

function xmlFragment(v: ArgValue): string {
  if (v.kind === 'xml') return v.elements.map((e) => serializeXml(e)).join('');
  const s = v.kind === 'json' ? (typeof v.value === 'string' ? v.value : serializeJson(v.value)) : v.text;
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function textFragment(v: ArgValue): string {
  if (v.kind === 'xml') return v.elements.map((e) => e.textContent ?? '').join('');
  if (v.kind === 'json') return typeof v.value === 'string' ? v.value : serializeJson(v.value);
  return v.text;
}

function apply(rendered: string, mediaType: string, ctx: MessageContext): void {
  const current = String(ctx.axis2.get('messageType') ?? ctx.message.contentType ?? '');
  if (mediaType === 'json') {
    let value: unknown;
    try {
      value = JSON.parse(rendered);
    } catch (e) {
      throw new MediationFault(0, `payloadFactory produced invalid JSON: ${(e as Error).message}`, { detail: rendered });
    }
    ctx.message.setJson(value);
    ctx.axis2.set('messageType', 'application/json');
    ctx.axis2.set('ContentType', 'application/json');
    return;
  }
  if (mediaType === 'text') {
    ctx.message.setText(rendered);
    ctx.axis2.set('messageType', 'text/plain');
    ctx.axis2.set('ContentType', 'text/plain');
    return;
  }
  let doc: Document;
  try {
    doc = parseXmlStrict(rendered);
  } catch (e) {
    throw new MediationFault(0, `payloadFactory produced invalid XML: ${(e as Error).message}`, { detail: rendered });
  }
  const root = doc.documentElement!;
  // `xmlns=""` written to leave the Synapse namespace is redundant once the element stands alone.
  if (!root.namespaceURI && root.getAttribute('xmlns') === '') root.removeAttribute('xmlns');
  if (root.localName === 'Envelope' && (root.namespaceURI === SOAP11_NS || root.namespaceURI === SOAP12_NS)) {
    // A whole SOAP envelope as the format: the message becomes SOAP of that version.
    ctx.message.setEnvelope(doc);
    const soapType = root.namespaceURI === SOAP12_NS ? 'application/soap+xml' : 'text/xml';
    ctx.axis2.set('messageType', soapType);
    ctx.axis2.set('ContentType', soapType);
    return;
  }
  ctx.message.setXmlBody(root);
  const base = baseMediaType(current);
  // A message without a type (a GET) keeps none: it goes out in the envelope's SOAP form, as MI's docs show.
  if (base !== '' && !(base === 'text/xml' || base === 'application/soap+xml' || base === 'application/xml')) {
    ctx.axis2.set('messageType', 'application/xml');
    ctx.axis2.set('ContentType', 'application/xml');
  }
}

function parseFragment(text: string): Element[] | undefined {
  try {
    const doc = parseXmlStrict(`<fragment>${text}</fragment>`);
    const out: Element[] = [];
    for (let n = doc.documentElement!.firstChild; n; n = n.nextSibling) if (n.nodeType === 1) out.push(n as Element);
    return out.length ? out : undefined;
  } catch {
    return undefined;
  }
}
