/**
 * The studio's requests about message stores and processors, over the IPC
 * channel of a `mediate run` the studio forked: `mediate.messaging` requests
 * answered by `mediate.messaging.reply` with a JSON result or an error text.
 */
import type { MessagingRuntime } from '../../messaging/runtime.js';
import { payloadPreview, type StoredMessage, type StoredValue } from '../../messaging/stored-message.js';

export interface MessagingRequest {
  type: 'mediate.messaging';
  id: number;
  op: 'overview' | 'messages' | 'message' | 'deleteMessage' | 'resendMessage' | 'moveMessage' | 'setProcessorActive';
  args: unknown[];
}

export interface MessagingReply {
  type: 'mediate.messaging.reply';
  id: number;
  result?: unknown;
  error?: string;
}

export function attachMessagingControl(messaging: MessagingRuntime, channel: { send(m: MessagingReply): void; on(event: 'message', l: (m: unknown) => void): void }): void {
  channel.on('message', (raw) => {
    const m = raw as MessagingRequest;
    if (!m || m.type !== 'mediate.messaging' || typeof m.id !== 'number') return;
    void answer(messaging, m).then(
      (result) => channel.send({ type: 'mediate.messaging.reply', id: m.id, result: result ?? null }),
      (e) => channel.send({ type: 'mediate.messaging.reply', id: m.id, error: e instanceof Error ? e.message : String(e) }),
    );
  });
}

const PREVIEW = 160;

function row(m: StoredMessage) {
  return { messageId: m.messageId, storedAt: m.storedAt, contentType: m.contentType, preview: payloadPreview(m).slice(0, PREVIEW) };
}

function text(v: StoredValue): string {
  return v.t === 'json' ? JSON.stringify(v.v) : String(v.v);
}

function scope(s: Record<string, StoredValue>): Record<string, string> {
  return Object.fromEntries(Object.entries(s).map(([k, v]) => [k, text(v)]));
}

export async function answer(messaging: MessagingRuntime, m: Pick<MessagingRequest, 'op' | 'args'>): Promise<unknown> {
  const a = m.args ?? [];
  const str = (i: number) => String(a[i] ?? '');
  switch (m.op) {
    case 'overview': {
      const stores = await Promise.all(
        messaging.storeStatuses().map(async (s) => ({ name: s.name, className: s.className, state: s.state, lastError: s.lastError, size: s.state === 'open' ? await messaging.storeSize(s.name).catch(() => undefined) : undefined })),
      );
      return { stores, processors: messaging.processorStatuses() };
    }
    case 'messages':
      return (await messaging.listMessages(str(0), Number(a[1] ?? 0), Number(a[2] ?? 100))).map(row);
    case 'message': {
      const msg = await messaging.getMessage(str(0), str(1));
      if (!msg) return null;
      return { ...row(msg), payload: payloadPreview(msg), headers: msg.headers, properties: scope(msg.properties), axis2: scope(msg.axis2), to: msg.to, soapAction: msg.soapAction };
    }
    case 'deleteMessage':
      return messaging.deleteMessage(str(0), str(1));
    case 'resendMessage':
      return messaging.resendMessage(str(0), str(1));
    case 'moveMessage':
      return messaging.moveMessage(str(0), str(1), str(2));
    case 'setProcessorActive':
      return messaging.setProcessorActive(str(0), a[1] === true);
    default:
      throw new Error(`unknown messaging request ${String(m.op)}`);
  }
}
