/**
 * datamapper (MI 4.4 TypeScript data mapper): `config` is the registry key of
 * the mapping compiled to JavaScript (the `.dmc` bundle defining
 * `mapFunction(input)`); `inputSchema`/`outputSchema` are registry keys of
 * the JSON schemas the studio generated. The mapping runs in the same
 * sandbox the script mediator uses (RuntimeServices.scriptRunner: a fresh
 * context per run, no host objects, a time limit) — never with Function or
 * eval in the engine's own realm. Input and result cross as JSON text.
 * - inputType JSON: the JSON payload; XML: the payload converted with MI's
 *   XML->JSON rules, without the root element (the schema describes the
 *   root's content).
 * - outputType JSON: the result becomes the JSON payload; XML: it is
 *   converted to XML under a root named after the output schema's `title`
 *   (default `root`).
 * CSV, XSD, JSONSCHEMA and CONNECTOR types, and xsltStyleSheet, are
 * refused at deploy (they belong to the older Java data mapper).
 */
import type { MediatorDefinition } from '../../model/definition.js';
import { el, a } from '../../model/descriptor.js';
import type { MessageContext } from '../../core/context.js';
import { MediationFault } from '../../core/errors.js';
import { ScriptFailure } from '../script/runner.js';
import { jsonToXmlElement, parseJsonText } from '../../xml/json-xml.js';
import { newDocument } from '../../xml/dom.js';
import { makeStep } from '../support.js';

const TYPES = ['XML', 'JSON', 'CSV', 'XSD', 'JSONSCHEMA', 'CONNECTOR'] as const;
const SUPPORTED_TYPES = ['XML', 'JSON'];
const TIMEOUT_MS = 10_000;

export const datamapperMediator: MediatorDefinition = {
  kind: 'datamapper',
  descriptor: el(
    'datamapper',
    [
      a.key('config', 'registry', { required: true, help: 'Registry key of the compiled mapping (.dmc JavaScript defining mapFunction).' }),
      a.key('inputSchema', 'registry', { required: true }),
      a.key('outputSchema', 'registry', { required: true }),
      a.enum('inputType', TYPES, { default: 'JSON' }),
      a.enum('outputType', TYPES, { default: 'JSON' }),
      a.key('xsltStyleSheet', 'registry'),
      a.description(),
    ],
    'empty',
  ),
  editor: { label: 'Data Mapper', group: 'transformation', help: 'Maps the payload with a TypeScript data mapping (compiled to JavaScript).' },
  contentAware: () => true,
  compile(node, env, path) {
    const inputType = node.attrs.inputType ?? 'JSON';
    const outputType = node.attrs.outputType ?? 'JSON';
    for (const [attr, v] of [['inputType', inputType], ['outputType', outputType]] as const) {
      if (!SUPPORTED_TYPES.includes(v)) env.report('SYN010', `datamapper ${attr} "${v}" is not supported by this runtime (only JSON and XML)`, node.attrLocs[attr] ?? node.loc);
    }
    if (node.attrs.xsltStyleSheet !== undefined) env.report('SYN010', 'datamapper xsltStyleSheet (Java data mapper) is not supported by this runtime', node.attrLocs.xsltStyleSheet ?? node.loc);
    for (const attr of ['config', 'inputSchema', 'outputSchema']) env.reference('registry', node.attrs[attr] ?? '', node.attrLocs[attr] ?? node.loc);
    const configKey = node.attrs.config ?? '';
    const outputSchemaKey = node.attrs.outputSchema ?? '';
    return makeStep('datamapper', path, node, true, async (ctx) => {
      const runner = ctx.services.scriptRunner;
      if (!runner) throw new MediationFault(0, 'Data mapper: this host has no JavaScript sandbox');
      const code = resource(ctx, configKey, 'mapping');
      const input = inputType === 'XML' ? xmlInput(ctx) : ctx.message.json();
      let resultText: unknown;
      try {
        resultText = runner.run({
          sources: [{ code: withoutExports(code), filename: configKey }],
          entry: 'JSON.stringify(mapFunction(JSON.parse(__mediateBridge("input", "[]"))))',
          bridge: (op) => (op === 'input' ? JSON.stringify(input ?? null) : '""'),
          timeoutMs: TIMEOUT_MS,
        });
      } catch (e) {
        if (e instanceof ScriptFailure) throw new MediationFault(0, `Data mapper mapping '${configKey}' failed: ${e.message}`);
        throw e;
      }
      if (typeof resultText !== 'string') throw new MediationFault(0, `Data mapper mapping '${configKey}' returned no value`);
      const result = parseJsonText(resultText);
      if (outputType === 'XML') writeXml(ctx, result, rootName(ctx, outputSchemaKey));
      else {
        ctx.message.setJson(result);
        ctx.axis2.set('messageType', 'application/json');
        ctx.axis2.set('ContentType', 'application/json');
      }
      return 'continue';
    });
  },
};

function resource(ctx: MessageContext, key: string, what: string): string {
  const text = ctx.services.registryResource(key);
  if (text === undefined) throw new MediationFault(0, `Data mapper ${what} '${key}' not found in the registry`);
  return text;
}

/** The bundle is a script, not a module: `export` keywords on declarations are dropped. */
function withoutExports(code: string): string {
  return code.replace(/^(\s*)export\s+(?=(?:async\s+)?function|const|let|var|class|interface|type)/gm, '$1').replace(/^\s*export\s*\{[^}]*\};?\s*$/gm, '');
}

function xmlInput(ctx: MessageContext): unknown {
  const json = ctx.message.json();
  if (json && typeof json === 'object' && !Array.isArray(json)) {
    const keys = Object.keys(json);
    if (keys.length === 1) return (json as Record<string, unknown>)[keys[0]!];
  }
  return json;
}

function rootName(ctx: MessageContext, schemaKey: string): string {
  const text = ctx.services.registryResource(schemaKey);
  if (text === undefined) return 'root';
  try {
    const schema = JSON.parse(text) as { title?: unknown };
    return typeof schema.title === 'string' && /^[A-Za-z_][\w.-]*$/.test(schema.title) ? schema.title : 'root';
  } catch {
    return 'root';
  }
}

function writeXml(ctx: MessageContext, result: unknown, root: string): void {
  const doc = newDocument();
  let element: Element;
  try {
    element = jsonToXmlElement({ [root]: result }, doc as never) as unknown as Element;
  } catch (e) {
    throw new MediationFault(0, `Data mapper: the result cannot be written as XML: ${(e as Error).message}`);
  }
  const rootEl = element.firstChild as Element;
  ctx.message.setXmlBody(rootEl);
  ctx.axis2.set('messageType', 'application/xml');
  ctx.axis2.set('ContentType', 'application/xml');
}
