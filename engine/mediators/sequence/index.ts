/**
 * sequence: runs a named sequence (`key`, static or `{expr}` dynamic) or an
 * inline anonymous one, then continues unless it halted.
 */
import type { MediatorDefinition } from '../../model/definition.js';
import { el, a } from '../../model/descriptor.js';
import { runSequence } from '../../runtime/flow.js';
import { makeStep } from '../support.js';

export const sequenceMediator: MediatorDefinition = {
  kind: 'sequence',
  descriptor: el('sequence', [a.key('key', 'sequence', { help: 'Name of the sequence to run; `{xpath}` or `${...}` for a dynamic key.' }), a.description()], 'mediators'),
  editor: { label: 'Sequence', group: 'core', help: 'Calls a named sequence, then continues with the next mediator.' },
  contentAware: () => false,
  compile(node, env, path) {
    if (node.attrs.key !== undefined) {
      const resolve = env.sequenceRef(node.attrs.key, node.attrLocs.key ?? node.loc, node.namespaces);
      const dynamic = /^\s*\$?\{/.test(node.attrs.key);
      return makeStep('sequence', path, node, dynamic, async (ctx) => runSequence(resolve(ctx), ctx));
    }
    const inline = env.inlineSequence(node, path);
    return makeStep('sequence', path, node, false, async (ctx) => runSequence(inline, ctx));
  },
};
