/**
 * enrich: takes a value from a source (custom expression, envelope, body,
 * property, variable, inline content) and puts it into a target (custom
 * expression, envelope, body, property, variable, or a JSON key to rename)
 * with action replace, child, sibling or remove.
 * On a JSON payload with JSONPath (`json-eval(...)`, `${payload...}`) or
 * non-XPath source/target types it works on JSON (json-enrich.ts), as MI 4.x
 * does; otherwise on the XML envelope (xml-enrich.ts).
 */
import type { CompileEnv, MediatorDefinition } from '../../model/definition.js';
import { el, a, child } from '../../model/descriptor.js';
import { childNamed, type ConfigNode } from '../../model/node.js';
import { ExpressionSyntaxError } from '../../expr/types.js';
import { makeStep, boolAttr } from '../support.js';
import { runJsonEnrich } from './json-enrich.js';
import { runXmlEnrich } from './xml-enrich.js';
import { locatablePath, splitPathList, synapsePathToJsonPath, type LocatablePath } from './json-locate.js';
import { isJsonCapable, SOURCE_TYPES, TARGET_ACTIONS, TARGET_TYPES, type EnrichPlan, type EnrichSource, type EnrichTarget, type SourceType, type TargetAction, type TargetType } from './plan.js';

const sourceDesc = el(
  'source',
  [
    a.bool('clone', { default: 'true', help: 'Use a copy of the source (true) or the source itself (false).' }),
    a.enum('type', SOURCE_TYPES, { default: 'custom' }),
    a.str('xpath', { help: 'XPath, json-eval(JSONPath) or ${...} selecting the source (type custom).' }),
    a.str('property', { help: 'Property (or variable) name (type property / variable).' }),
    a.str('variable', { help: 'Variable name (type variable); `property` is accepted too.' }),
    a.key('key', 'registry', { help: 'Registry or local-entry key of inline content.' }),
  ],
  'xml',
);

const targetDesc = el(
  'target',
  [
    a.enum('action', TARGET_ACTIONS, { default: 'replace' }),
    a.enum('type', TARGET_TYPES, { default: 'custom' }),
    a.str('xpath', { help: 'XPath, json-eval(JSONPath) or ${...} selecting the target (type custom / key).' }),
    a.str('property', { help: 'Property (or variable) name (type property / variable).' }),
    a.str('variable', { help: 'Variable name (type variable); `property` is accepted too.' }),
  ],
  'empty',
);

export const enrichMediator: MediatorDefinition = {
  kind: 'enrich',
  descriptor: el('enrich', [a.description()], 'elements', [child(sourceDesc, { required: true }), child(targetDesc, { required: true })]),
  editor: { label: 'Enrich', group: 'transformation', help: 'Copies a part of the message, a property or inline content into the message or a property.' },
  contentAware: () => true,
  compile(node, env, path) {
    const sourceNode = childNamed(node, 'source')!;
    const targetNode = childNamed(node, 'target')!;
    const target = compileTarget(targetNode, env);
    const source = compileSource(sourceNode, env, target.action === 'remove');
    const plan: EnrichPlan = { source, target };
    checkCombination(plan, sourceNode, targetNode, env);
    const jsonCapable = isJsonCapable(plan);
    return makeStep('enrich', path, node, true, async (ctx) => {
      if (jsonCapable && ctx.message.payloadKind === 'json') runJsonEnrich(plan, ctx);
      else runXmlEnrich(plan, ctx);
      return 'continue';
    });
  },
};

const JSON_EVAL = 'json-eval(';

function nameOf(n: ConfigNode): string | undefined {
  return n.attrs.variable ?? n.attrs.property;
}

function compileSource(n: ConfigNode, env: CompileEnv, forRemove: boolean): EnrichSource {
  const type = (n.attrs.type ?? 'custom') as SourceType;
  const source: EnrichSource = { type, clone: boolAttr(n, 'clone', true), name: nameOf(n), key: n.attrs.key };
  if (type === 'custom') {
    const xpath = n.attrs.xpath;
    if (xpath === undefined) env.report('SYN003', '<source type="custom"> needs an xpath attribute', n.loc);
    else if (forRemove && xpath.trim().startsWith(JSON_EVAL)) source.removePaths = compilePathList(xpath.trim(), n, env);
    else source.expression = env.expression(n, 'xpath');
  }
  if ((type === 'property' || type === 'variable') && source.name === undefined) env.report('SYN003', `<source type="${type}"> needs a property attribute`, n.loc);
  if (type === 'inline') {
    const nodes = n.raw ?? [];
    const element = nodes.find((x) => x.nodeType === 1) as Element | undefined;
    const text = nodes.filter((x) => x.nodeType === 3 || x.nodeType === 4).map((x) => x.nodeValue ?? '').join('');
    if (element) source.inlineElement = element;
    else if (text.trim() !== '') source.inlineText = text;
    else if (source.key === undefined) env.report('SYN003', '<source type="inline"> needs inline content or a key', n.loc);
  }
  return source;
}

function compilePathList(xpath: string, n: ConfigNode, env: CompileEnv): LocatablePath[] {
  if (!xpath.endsWith(')')) {
    env.report('SYN007', "json-eval( is not closed with ')'", n.attrLocs.xpath ?? n.loc);
    return [];
  }
  const out: LocatablePath[] = [];
  for (const p of splitPathList(xpath.slice(JSON_EVAL.length, -1))) {
    try {
      out.push(locatablePath(p));
    } catch (e) {
      env.report('SYN007', `invalid JSONPath '${p}': ${(e as Error).message}`, n.attrLocs.xpath ?? n.loc);
    }
  }
  return out;
}

function compileTarget(n: ConfigNode, env: CompileEnv): EnrichTarget {
  const type = (n.attrs.type ?? 'custom') as TargetType;
  const action = (n.attrs.action ?? 'replace') as TargetAction;
  const target: EnrichTarget = { type, action, name: nameOf(n) };
  const xpath = n.attrs.xpath;
  if ((type === 'custom' || type === 'key') && action !== 'remove') {
    if (xpath === undefined) env.report('SYN003', `<target type="${type}"> needs an xpath attribute`, n.loc);
    else {
      target.expression = env.expression(n, 'xpath');
      target.jsonPath = jsonPathOf(xpath, n, env);
    }
  }
  if ((type === 'property' || type === 'variable') && target.name === undefined) env.report('SYN003', `<target type="${type}"> needs a property attribute`, n.loc);
  return target;
}

function jsonPathOf(xpath: string, n: ConfigNode, env: CompileEnv): LocatablePath | undefined {
  const t = xpath.trim();
  let inner: string | undefined;
  if (t.startsWith(JSON_EVAL) && t.endsWith(')')) inner = t.slice(JSON_EVAL.length, -1);
  else inner = synapsePathToJsonPath(t);
  if (inner === undefined) return undefined;
  try {
    return locatablePath(inner);
  } catch (e) {
    if (e instanceof ExpressionSyntaxError) env.report('SYN007', `invalid target JSONPath: ${e.message}`, n.attrLocs.xpath ?? n.loc);
    return undefined;
  }
}

function checkCombination(plan: EnrichPlan, sourceNode: ConfigNode, targetNode: ConfigNode, env: CompileEnv): void {
  const { source, target } = plan;
  if (target.action === 'remove') {
    if (source.type !== 'custom') env.report('SYN003', 'enrich action "remove" needs a custom source listing what to remove', sourceNode.loc);
    if (target.type === 'key' || target.type === 'envelope') env.report('SYN003', `enrich action "remove" does not apply to target type "${target.type}"`, targetNode.attrLocs.type ?? targetNode.loc);
  }
  if (target.type === 'key' && target.action !== 'replace') env.report('SYN003', 'enrich target type "key" only supports action "replace"', targetNode.attrLocs.action ?? targetNode.loc);
  if (target.type === 'key' && xpathLanguageIsXPath(targetNode)) env.report('SYN003', 'enrich target type "key" needs a JSONPath (json-eval(...) or ${...})', targetNode.attrLocs.xpath ?? targetNode.loc);
  if (target.type === 'envelope' && target.action !== 'replace') env.report('SYN003', 'enrich target type "envelope" only supports action "replace"', targetNode.attrLocs.action ?? targetNode.loc);
}

function xpathLanguageIsXPath(n: ConfigNode): boolean {
  const t = (n.attrs.xpath ?? '').trim();
  return t !== '' && !t.startsWith(JSON_EVAL) && !t.startsWith('${');
}
