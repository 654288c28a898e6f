import { describe, it, expect, afterEach } from 'vitest';
import { messagingEngine, SYN, IN_MEMORY, FORWARDER, params, type MessagingTestEngine } from './testing/messaging-harness.js';
import { attachMessagingControl, type MessagingReply } from './messaging-control.js';

let t: MessagingTestEngine | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

/** The studio's side of the IPC channel, in process. */
function channel() {
  const listeners: ((m: unknown) => void)[] = [];
  const replies = new Map<number, MessagingReply>();
  let id = 0;
  return {
    side: { send: (m: MessagingReply) => replies.set(m.id, m), on: (_e: 'message', l: (m: unknown) => void) => listeners.push(l) },
    async call(op: string, ...args: unknown[]): Promise<MessagingReply> {
      const n = ++id;
      for (const l of listeners) l({ type: 'mediate.messaging', id: n, op, args });
      for (let i = 0; i < 200 && !replies.has(n); i++) await new Promise((r) => setTimeout(r, 5));
      return replies.get(n)!;
    },
  };
}

describe('messaging control channel (the studio store browser and processor toggle)', () => {
  it('lists stores and processors, opens, deletes and resends a message, toggles a processor', async () => {
    t = await messagingEngine({
      's.xml': `<messageStore ${SYN} name="S" class="${IN_MEMORY}"/>`,
      'ep.xml': `<endpoint ${SYN} name="E"><address uri="http://127.0.0.1:1/x"/></endpoint>`,
      'p.xml': `<messageProcessor ${SYN} name="F" class="${FORWARDER}" messageStore="S" targetEndpoint="E">${params({ interval: 50, 'is.active': 'false' })}</messageProcessor>`,
      'proxy.xml': `<proxy ${SYN} name="P" transports="http"><target><inSequence><property name="tag" value="t1"/><store messageStore="S"/></inSequence></target></proxy>`,
    });
    const c = channel();
    attachMessagingControl(t.messaging, c.side);
    for (const n of [1, 2]) await t.request('POST', '/services/P', { headers: { 'Content-Type': 'application/json', 'X-Order': String(n) }, body: `{"n":${n}}` });
    const overview = (await c.call('overview')).result as { stores: { name: string; size: number; state: string }[]; processors: { name: string; active: boolean }[] };
    expect(overview.stores).toEqual([expect.objectContaining({ name: 'S', size: 2, state: 'open', className: 'InMemoryStore' })]);
    expect(overview.processors).toEqual([expect.objectContaining({ name: 'F', active: false })]);
    const rows = (await c.call('messages', 'S', 0, 10)).result as { messageId: string; preview: string }[];
    expect(rows.map((r) => r.preview)).toEqual(['{"n":1}', '{"n":2}']);
    const detail = (await c.call('message', 'S', rows[0]!.messageId)).result as { payload: string; headers: [string, string][]; properties: Record<string, string> };
    expect(detail.payload).toBe('{"n":1}');
    expect(detail.headers).toContainEqual(['X-Order', '1']);
    expect(detail.properties.tag).toBe('t1');
    expect((await c.call('deleteMessage', 'S', rows[1]!.messageId)).result).toBe(true);
    expect((await c.call('resendMessage', 'S', rows[0]!.messageId)).result).toBe(true);
    expect(((await c.call('overview')).result as { stores: { size: number }[] }).stores[0]!.size).toBe(1);
    const toggled = (await c.call('setProcessorActive', 'F', false)).result as { active: boolean };
    expect(toggled.active).toBe(false);
    expect((await c.call('message', 'S', 'urn:uuid:none')).result).toBeNull();
    expect((await c.call('messages', 'Nope', 0, 10)).error).toBe('no message store named Nope is deployed');
  });
});
