/**
 * throwError (MI 4.4): raises a fault handled by the nearest fault handler
 * (the enclosing sequence's onError, the resource/proxy fault sequence, or
 * `fault`). As MI does, ERROR_CODE is the `type` text and ERROR_MESSAGE the
 * evaluated `errorMessage`.
 */
import type { MediatorDefinition, ValueRef } from '../../model/definition.js';
import { el, a } from '../../model/descriptor.js';
import { MediationFault } from '../../core/errors.js';
import { makeStep, resolveValue, valueReadsPayload } from '../support.js';

/** MI's message when errorMessage is absent or empty. */
export const DEFAULT_ERROR_MESSAGE = 'Error occurred in the mediation flow';
/** Our stand-in for MI's default error type when `type` is absent or empty. */
export const DEFAULT_ERROR_TYPE = 'ERROR';

export const throwErrorMediator: MediatorDefinition = {
  kind: 'throwError',
  descriptor: el(
    'throwError',
    [
      a.str('type', { help: 'Error type; becomes ERROR_CODE in the fault sequence.' }),
      a.value('errorMessage', { help: 'Literal, or a whole `{xpath}` / `${...}` expression; becomes ERROR_MESSAGE.' }),
      a.description(),
    ],
    'empty',
  ),
  editor: { label: 'Throw Error', group: 'core', help: 'Raises an error that the enclosing fault sequence handles.', fieldOrder: ['type', 'errorMessage'] },
  contentAware: () => false,
  compile(node, env, path) {
    const type = node.attrs.type ? node.attrs.type : DEFAULT_ERROR_TYPE;
    const message: ValueRef | undefined = node.attrs.errorMessage ? env.value(node, 'errorMessage') : { literal: DEFAULT_ERROR_MESSAGE };
    return makeStep('throwError', path, node, valueReadsPayload(message), async (ctx) => {
      const text = message ? resolveValue(message, ctx) : DEFAULT_ERROR_MESSAGE;
      throw new MediationFault(type, text, { errorType: type });
    });
  },
};
