/**
 * builder: forces the message to be built (MI's "Builder" mediator, used to
 * pick a custom Axis2 message builder per content type). Builders and
 * formatters are Java classes, so their class names are accepted and
 * ignored with a deploy-time warning; the body is parsed with this runtime's
 * builder for its Content-Type.
 */
import type { MediatorDefinition } from '../../model/definition.js';
import { el, a, child } from '../../model/descriptor.js';
import { childrenNamed } from '../../model/node.js';
import { makeStep } from '../support.js';

const messageBuilderDesc = el('messageBuilder', [a.str('contentType', { required: true }), a.str('class', { required: true }), a.str('formatterClass')], 'empty');

export const builderMediator: MediatorDefinition = {
  kind: 'builder',
  descriptor: el('builder', [a.description()], 'elements', [child(messageBuilderDesc, { multiple: true })]),
  editor: { label: 'Builder', group: 'transformation', help: 'Builds the message body (custom Java builder classes are ignored).' },
  contentAware: () => true,
  compile(node, env, path) {
    for (const mb of childrenNamed(node, 'messageBuilder')) {
      const classes = [mb.attrs.class, mb.attrs.formatterClass].filter((c): c is string => c !== undefined);
      env.report('SYN020', `messageBuilder for '${mb.attrs.contentType ?? ''}': Java classes (${classes.join(', ')}) are ignored; the built-in builder for the content type is used`, mb.loc, 'warning');
    }
    return makeStep('builder', path, node, true, async () => 'continue');
  },
};
