/**
 * validate: checks the message (or the part `source` selects) against XML
 * Schemas or a JSON Schema taken from the registry / local entries, and runs
 * `on-fail` when it does not conform, with ERROR_MESSAGE describing the
 * first problem. The flow continues after on-fail unless on-fail halts it.
 * - JSON: used when the first schema is JSON (draft-04/07 via ajv); the
 *   source is a json-eval path, default the whole JSON payload.
 * - XML: XSD via the installed XsdValidator; the source is an XPath,
 *   default the first child of the SOAP Body. `resource` children map
 *   schemaLocation names to registry keys for xs:import/xs:include.
 * - `feature`/`property` children are accepted; only
 *   http://javax.xml.XMLConstants/feature/secure-processing is meaningful
 *   and libxml2 never fetches external entities anyway.
 */
import type { CompileEnv, MediatorDefinition } from '../../model/definition.js';
import { el, a, child } from '../../model/descriptor.js';
import { childNamed, childrenNamed, type ConfigNode } from '../../model/node.js';
import type { MessageContext } from '../../core/context.js';
import { MediationFault } from '../../core/errors.js';
import type { CompiledExpression } from '../../expr/types.js';
import { compileValue } from '../../expr/compile.js';
import { runSteps } from '../../runtime/flow.js';
import { bodyOf } from '../../core/message.js';
import { firstElementChild, serializeXml } from '../../xml/dom.js';
import { makeStep } from '../support.js';
import { compileJsonSchema, describeFirstError, JsonSchemaError } from './json-schema.js';
import { xsdValidator, type XsdDocument } from './xsd.js';

const schemaDesc = el('schema', [a.key('key', 'registry', { required: true, help: 'Registry or local-entry key of the schema; may be dynamic `{xpath}`.' })], 'empty');
const resourceDesc = el('resource', [a.str('location', { required: true, help: 'schemaLocation used in xs:import/xs:include.' }), a.key('key', 'registry', { required: true })], 'empty');
const featureDesc = (name: string) => el(name, [a.str('name', { required: true }), a.bool('value', { required: true })], 'empty');
const onFailDesc = el('on-fail', [], 'mediators');

export const validateMediator: MediatorDefinition = {
  kind: 'validate',
  descriptor: el(
    'validate',
    [a.str('source', { help: 'XPath or json-eval(...) selecting what to validate.' }), a.bool('cache-schema', { default: 'true' }), a.description()],
    'elements',
    [child(schemaDesc, { required: true, multiple: true }), child(resourceDesc, { multiple: true }), child(featureDesc('feature'), { multiple: true }), child(featureDesc('property'), { multiple: true }), child(onFailDesc, { required: true })],
  ),
  editor: { label: 'Validate', group: 'transformation', help: 'Validates the message against an XML Schema or a JSON Schema and runs on-fail when it does not conform.' },
  contentAware: () => true,
  compile(node, env, path) {
    const source = node.attrs.source !== undefined ? env.expression(node, 'source') : undefined;
    const schemaKeys = childrenNamed(node, 'schema').map((s) => compileKey(s, env));
    const resources = childrenNamed(node, 'resource').map((r) => ({ location: r.attrs.location ?? '', key: r.attrs.key ?? '' }));
    for (const r of resources) env.reference('registry', r.key, node.loc);
    const onFail = env.mediators(childNamed(node, 'on-fail')?.mediators, `${path}/on-fail`);
    return makeStep('validate', path, node, true, async (ctx) => {
      const schemas = schemaKeys.map((k) => loadSchema(k, ctx));
      const problem = schemas[0]!.text.trim().startsWith('{') ? await validateJson(schemas[0]!.text, source, ctx) : await validateXml(schemas, resources, source, ctx);
      if (problem === undefined) return 'continue';
      ctx.properties.set('ERROR_MESSAGE', problem);
      ctx.properties.set('ERROR_DETAIL', problem);
      return runSteps(onFail, ctx);
    });
  },
};

type KeyRef = { literal: string } | { expression: CompiledExpression };

function compileKey(s: ConfigNode, env: CompileEnv): KeyRef {
  const key = s.attrs.key ?? '';
  const v = compileValue(key, s.namespaces);
  if ('literal' in v) env.reference('registry', key, s.attrLocs.key ?? s.loc);
  return v;
}

function loadSchema(k: KeyRef, ctx: MessageContext): XsdDocument {
  const key = 'literal' in k ? k.literal : k.expression.evaluateString(ctx);
  const text = ctx.services.registryResource(key);
  if (text === undefined) throw new MediationFault(0, `Validate: schema '${key}' not found in the registry or local entries`);
  return { name: key, text };
}

async function validateJson(schemaText: string, source: CompiledExpression | undefined, ctx: MessageContext): Promise<string | undefined> {
  let validate;
  try {
    validate = await compileJsonSchema(schemaText);
  } catch (e) {
    if (e instanceof JsonSchemaError) throw new MediationFault(0, `Validate: invalid JSON schema: ${e.message}`);
    throw e;
  }
  let data: unknown;
  if (source) data = source.language === 'xpath' ? parseMaybe(source.evaluateString(ctx)) : source.evaluate(ctx);
  else {
    if (ctx.message.payloadKind !== 'json') return 'Message payload is not JSON; cannot validate it against a JSON schema';
    data = ctx.message.json();
  }
  return validate(data) ? undefined : describeFirstError(validate.errors, data);
}

function parseMaybe(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

async function validateXml(schemas: XsdDocument[], resources: { location: string; key: string }[], source: CompiledExpression | undefined, ctx: MessageContext): Promise<string | undefined> {
  const validator = xsdValidator();
  if (!validator) throw new MediationFault(0, 'Validate: XML Schema validation is not available in this host');
  const element = sourceElement(source, ctx);
  if (!element) return 'Validate: the source selected no XML element to validate';
  const resourceDocs = resources.map((r) => {
    const text = ctx.services.registryResource(r.key);
    if (text === undefined) throw new MediationFault(0, `Validate: schema resource '${r.key}' (${r.location}) not found`);
    return { name: r.location, text };
  });
  const result = await validator.validate(serializeXml(element), schemas.map((s, i) => ({ name: `schema_${i}.xsd`, text: s.text })), resourceDocs);
  return result.valid ? undefined : result.errors[0] ?? 'Validate: the message does not conform to the schema';
}

function sourceElement(source: CompiledExpression | undefined, ctx: MessageContext): Element | undefined {
  if (!source) return firstElementChild(bodyOf(ctx.message.envelope()));
  const r = source.evaluate(ctx);
  const nodes = Array.isArray(r) ? r : [r];
  const n = nodes.find((x) => x && typeof x === 'object' && (x as Node).nodeType === 1);
  return n as Element | undefined;
}
