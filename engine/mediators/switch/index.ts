/**
 * switch: evaluates `source` once as a string and runs the first `case`
 * whose regex matches the whole value (Java Matcher.matches()); `default`
 * runs when none matches. Without a matching case and without default the
 * flow continues unchanged.
 */
import type { MediatorDefinition } from '../../model/definition.js';
import type { Step } from '../../core/step.js';
import { el, a, child } from '../../model/descriptor.js';
import { childNamed, childrenNamed } from '../../model/node.js';
import { runSteps } from '../../runtime/flow.js';
import { makeStep, exprReadsPayload } from '../support.js';
import { regexAttr } from '../filter/index.js';
import type { JavaRegex } from '../filter/java-regex.js';

export const switchMediator: MediatorDefinition = {
  kind: 'switch',
  descriptor: el(
    'switch',
    [a.expr('source', { required: true, help: 'Expression whose string value selects the case.' }), a.description()],
    'elements',
    [child(el('case', [a.str('regex', { required: true, help: 'Java regular expression the whole source value must match.' })], 'mediators'), { multiple: true }), child(el('default', [], 'mediators'))],
  ),
  editor: { label: 'Switch', group: 'routing', help: 'Runs the first case whose regex matches the source value, else the default.', fieldOrder: ['source'] },
  contentAware: () => false,
  compile(node, env, path) {
    const source = env.expression(node, 'source');
    const cases: { regex: JavaRegex | undefined; steps: Step[] }[] = childrenNamed(node, 'case').map((c, i) => ({
      regex: regexAttr(c, 'regex', env),
      steps: env.mediators(c.mediators, `${path}/case[${i}]`),
    }));
    const dflt = childNamed(node, 'default');
    const defaultSteps = dflt ? env.mediators(dflt.mediators, `${path}/default`) : undefined;
    return makeStep('switch', path, node, exprReadsPayload(source), async (ctx) => {
      if (!source) return 'continue';
      const value = source.evaluateString(ctx);
      for (const c of cases) if (c.regex?.matches(value)) return runSteps(c.steps, ctx);
      return defaultSteps ? runSteps(defaultSteps, ctx) : 'continue';
    });
  },
};
