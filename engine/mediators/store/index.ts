/**
 * store: puts a copy of the current message into a message store
 * (MI's MessageStoreMediator). The store name is a literal or an expression;
 * the `sequence` runs on the live message first. The payload is fully built,
 * the context copied (stored-message.ts) and handed to the store; the flow
 * then goes on with the original message.
 *
 * Client answer: MI marks the response "skip", so a client only gets 202 with
 * FORCE_SC_ACCEPTED (sent here as soon as the message is stored). Without it
 * MI leaves the client waiting; here a flow that ends unanswered gets 202, as
 * every flow does in this runtime (README, "where we do better").
 *
 * Failures, as MI: an unknown store faults with "Message Store does not
 * exist."; a store that refuses the message falls back to the store named by
 * its `store.failover.message.store.name` when `store.producer.guaranteed.
 * delivery.enable` is true, otherwise HTTP_SC 500, ERROR_MESSAGE "Failed to
 * store message [id] in store [name]." and a fault.
 */
import type { MediatorDefinition } from '../../model/definition.js';
import { el, a } from '../../model/descriptor.js';
import { MediationFault } from '../../core/errors.js';
import { Message } from '../../core/message.js';
import type { MessageContext } from '../../core/context.js';
import { runSequence } from '../../runtime/flow.js';
import { makeStep, resolveValue } from '../support.js';
import type { CompiledMessageStore } from '../../messaging/message-store/artifact.js';
import { storeHandleOf } from '../../messaging/handles.js';
import { captureStoredMessage, type StoredMessage } from '../../messaging/stored-message.js';

const GUARANTEED_DELIVERY = 'store.producer.guaranteed.delivery.enable';
const FAILOVER_STORE = 'store.failover.message.store.name';

export const storeMediator: MediatorDefinition = {
  kind: 'store',
  descriptor: el(
    'store',
    [
      a.value('messageStore', { required: true, refKind: 'message-store', help: 'The message store; a name, or `{xpath}` / `${...}` resolving to one.' }),
      a.key('sequence', 'sequence', { help: 'A sequence run on the message just before it is stored.' }),
      a.description(),
    ],
    'empty',
  ),
  editor: { label: 'Store', group: 'core', icon: 'store', help: 'Stores a copy of the message in a message store; a message processor later forwards or samples it.', fieldOrder: ['messageStore', 'sequence', 'description'] },
  contentAware: () => true,
  compile(node, env, path) {
    const storeName = env.value(node, 'messageStore');
    if (storeName && 'literal' in storeName && storeName.literal.trim()) env.reference('message-store', storeName.literal.trim(), node.attrLocs.messageStore ?? node.loc);
    const onStore = node.attrs.sequence !== undefined ? env.sequenceRef(node.attrs.sequence, node.attrLocs.sequence ?? node.loc, node.namespaces) : undefined;
    return makeStep('store', path, node, true, async (ctx) => {
      const name = storeName ? resolveValue(storeName, ctx).trim() : '';
      const store = ctx.services.lookup('message-store', name) as CompiledMessageStore | undefined;
      if (!store) throw new MediationFault(0, 'Message Store does not exist.', { detail: `no message store named '${name}' is deployed` });
      if (onStore) await runSequence(onStore(ctx), ctx);
      await storeMessage(ctx, store);
      if (isTrue(ctx.axis2.get('FORCE_SC_ACCEPTED')) && !ctx.responded) {
        const ack = ctx.fork(Message.empty());
        ack.axis2.set('HTTP_SC', 202);
        ack.axis2.set('NO_ENTITY_BODY', true);
        await ack.sendResponse();
      }
      return 'continue';
    });
  },
};

async function storeMessage(ctx: MessageContext, store: CompiledMessageStore): Promise<void> {
  const stored = await captureStoredMessage(ctx, store.name, ctx.services.now());
  const primary = await tryStore(ctx, store, stored);
  if (primary === true) return;
  const failoverName = store.parameters[FAILOVER_STORE]?.trim();
  if (isTrue(store.parameters[GUARANTEED_DELIVERY]?.trim()) && failoverName) {
    const failover = ctx.services.lookup('message-store', failoverName) as CompiledMessageStore | undefined;
    if (failover && (await tryStore(ctx, failover, stored)) === true) {
      ctx.services.logger.log('warn', `Message [${ctx.messageId}] store in the failover message store [${failoverName}]`, { component: 'MessageStoreMediator', artifact: ctx.flow?.artifact });
      return;
    }
    fail(ctx, `Failed to store message [${ctx.messageId}] in failover store [${failoverName}].`, primary);
  }
  fail(ctx, `Failed to store message [${ctx.messageId}] in store [${store.name}].`, primary);
}

/** True when stored; otherwise the reason. */
async function tryStore(ctx: MessageContext, store: CompiledMessageStore, stored: StoredMessage): Promise<true | string> {
  const handle = storeHandleOf(store);
  if (!handle) return `message store ${store.name} is not open`;
  try {
    await handle.accept({ ...stored, storeName: store.name });
    return true;
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    ctx.services.logger.log('error', `Failed to store message [${ctx.messageId}] in store [${store.name}]: ${reason}`, { component: 'MessageStoreMediator', artifact: ctx.flow?.artifact });
    return reason;
  }
}

function fail(ctx: MessageContext, message: string, reason: string): never {
  ctx.axis2.set('HTTP_SC', 500);
  ctx.properties.set('ERROR_DETAIL', 'Failed to store message.');
  throw new MediationFault(0, message, { detail: reason });
}

function isTrue(v: unknown): boolean {
  return v === true || (typeof v === 'string' && v.trim().toLowerCase() === 'true');
}
