/**
 * filter: runs `then` when the condition holds, `else` otherwise. The
 * condition is either `source` matched against `regex` (the whole value must
 * match, as Java's Matcher.matches()) or `xpath`, a boolean XPath / JSONPath /
 * `${}` expression. `then`/`else` hold mediators or name a sequence with
 * `sequence=`. Mediators written directly inside <filter> (the legacy form)
 * are the `then` branch.
 */
import type { MediatorDefinition, CompileEnv, CompiledSequence, Resolver } from '../../model/definition.js';
import type { Step, StepOutcome } from '../../core/step.js';
import type { MessageContext } from '../../core/context.js';
import { el, a, child } from '../../model/descriptor.js';
import { childNamed, type ConfigNode } from '../../model/node.js';
import { runSequence, runSteps } from '../../runtime/flow.js';
import { makeStep, exprReadsPayload } from '../support.js';
import { compileJavaRegex, type JavaRegex } from './java-regex.js';

const branchAttrs = [a.key('sequence', 'sequence', { help: 'Sequence to run instead of inline mediators.' })];

export const filterDescriptor = el(
  'filter',
  [
    a.expr('source', { help: 'Expression whose string value is matched against `regex`.' }),
    a.str('regex', { help: 'Java regular expression the whole source value must match.' }),
    a.expr('xpath', { help: 'Boolean condition: XPath, json-eval(...) or ${...}.' }),
    a.description(),
  ],
  'mediators',
  [child(el('then', branchAttrs, 'mediators')), child(el('else', branchAttrs, 'mediators'))],
);

/** A branch compiled once: inline steps, or a sequence found at run time. */
export type Branch = { steps: readonly Step[] } | { sequence: Resolver<CompiledSequence> };

export function compileBranch(node: ConfigNode | undefined, env: CompileEnv, path: string): Branch {
  if (!node) return { steps: [] };
  if (node.attrs.sequence !== undefined) return { sequence: env.sequenceRef(node.attrs.sequence, node.attrLocs.sequence ?? node.loc, node.namespaces) };
  return { steps: env.mediators(node.mediators, path) };
}

export function runBranch(branch: Branch, ctx: MessageContext): Promise<StepOutcome> {
  return 'steps' in branch ? runSteps(branch.steps, ctx) : runSequence(branch.sequence(ctx), ctx);
}

/** Compiles a Java regex attribute; reports SYN007 at the attribute when JS cannot use it. */
export function regexAttr(node: ConfigNode, attr: string, env: CompileEnv): JavaRegex | undefined {
  const text = node.attrs[attr];
  if (text === undefined) return undefined;
  const r = compileJavaRegex(text);
  if ('error' in r) {
    env.report('SYN007', `invalid regular expression '${text}' in ${attr} of <${node.element}>: ${r.error}`, node.attrLocs[attr] ?? node.loc);
    return undefined;
  }
  return r;
}

export const filterMediator: MediatorDefinition = {
  kind: 'filter',
  descriptor: filterDescriptor,
  editor: { label: 'Filter', group: 'routing', help: 'Runs one branch or the other depending on a condition (if/else).', fieldOrder: ['xpath', 'source', 'regex'] },
  contentAware: () => false,
  compile(node, env, path) {
    const hasXpath = node.attrs.xpath !== undefined;
    const hasRegexPair = node.attrs.source !== undefined || node.attrs.regex !== undefined;
    if (!hasXpath && !hasRegexPair) env.report('SYN003', '<filter> needs either an xpath attribute or a source and a regex attribute', node.loc);
    else if (hasXpath && hasRegexPair) env.report('SYN004', '<filter> takes either xpath or source+regex, not both', node.attrLocs.xpath ?? node.loc);
    else if (hasRegexPair && (node.attrs.source === undefined || node.attrs.regex === undefined)) {
      env.report('SYN003', `<filter> needs both source and regex (missing '${node.attrs.source === undefined ? 'source' : 'regex'}')`, node.loc);
    }
    const condition = hasXpath ? env.expression(node, 'xpath') : undefined;
    const source = !hasXpath && node.attrs.source !== undefined ? env.expression(node, 'source') : undefined;
    const regex = !hasXpath ? regexAttr(node, 'regex', env) : undefined;

    const thenNode = childNamed(node, 'then');
    const elseNode = childNamed(node, 'else');
    const legacy = !thenNode && !elseNode;
    if (!legacy && node.mediators?.some((m) => m.kind !== 'comment')) {
      env.report('SYN005', '<filter> mixes mediators with <then>/<else>; the mediators outside <then> are ignored', node.loc, 'warning');
    }
    const thenBranch: Branch = legacy ? { steps: env.mediators(node.mediators, `${path}/then`) } : compileBranch(thenNode, env, `${path}/then`);
    const elseBranch = compileBranch(elseNode, env, `${path}/else`);

    const contentAware = exprReadsPayload(condition) || exprReadsPayload(source);
    const test = (ctx: MessageContext): boolean => {
      if (condition) return condition.evaluateBoolean(ctx);
      if (source && regex) return regex.matches(source.evaluateString(ctx));
      return false;
    };
    return makeStep('filter', path, node, contentAware, async (ctx) => runBranch(test(ctx) ? thenBranch : elseBranch, ctx));
  },
};
