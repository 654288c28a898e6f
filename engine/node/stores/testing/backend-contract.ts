/**
 * The behaviour every message-store backend owes the processors (store.ts's
 * delivery contract), as one vitest suite a backend's test calls with a way
 * to make a fresh, empty backend: FIFO, held messages not handed to a second
 * consumer, release puts a message back first in line, ack removes exactly
 * the held one, the browser's list/get/delete/size, and messages surviving a
 * close and reopen when the backend is durable.
 */
import { it, expect } from 'vitest';
import type { MessageStoreBackend } from '../../../messaging/store.js';
import type { StoredMessage } from '../../../messaging/stored-message.js';

export function storedMessage(n: number, storeName = 'S'): StoredMessage {
  return {
    v: 1,
    messageId: `urn:uuid:00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    storedAt: 1_700_000_000_000 + n,
    storeName,
    contentType: 'application/json',
    payload: { kind: 'json', json: `{"n":${n}}` },
    headers: [['X-N', String(n)]],
    properties: { n: { t: 'number', v: n } },
    axis2: { messageType: { t: 'string', v: 'application/json' } },
    doingRest: true,
    inbound: { method: 'POST', url: '/p', transport: 'http' },
  };
}

/**
 * `place()` makes a fresh, empty place for messages (a new table, a new
 * queue) and returns a factory of backends on that same place.
 */
export function backendContract(place: () => Promise<() => MessageStoreBackend>, options: { durable: boolean }): void {
  const openOn = async (make: () => MessageStoreBackend) => {
    const b = make();
    await b.open();
    return b;
  };
  const open = async () => openOn(await place());

  it('delivers in FIFO order and removes only what is acked', async () => {
    const b = await open();
    try {
      for (const n of [1, 2, 3]) await b.store(storedMessage(n));
      expect(await b.size()).toBe(3);
      const c = b.consumer();
      expect((await c.fetch())!.messageId).toBe(storedMessage(1).messageId);
      // fetch again without ack: the same held message
      expect((await c.fetch())!.messageId).toBe(storedMessage(1).messageId);
      await c.ack();
      expect((await c.fetch())!.messageId).toBe(storedMessage(2).messageId);
      await c.ack();
      expect(await b.size()).toBe(1);
      expect((await b.list(0, 10)).map((m) => m.messageId)).toEqual([storedMessage(3).messageId]);
      await c.close();
    } finally {
      await b.close();
    }
  });

  it('keeps the whole stored form', async () => {
    const b = await open();
    try {
      await b.store(storedMessage(7));
      expect(await b.get(storedMessage(7).messageId)).toEqual(storedMessage(7));
    } finally {
      await b.close();
    }
  });

  it('does not hand a held message to a second consumer; release puts it back first in line', async () => {
    const b = await open();
    try {
      for (const n of [1, 2]) await b.store(storedMessage(n));
      const c1 = b.consumer();
      const c2 = b.consumer();
      expect((await c1.fetch())!.messageId).toBe(storedMessage(1).messageId);
      expect((await c2.fetch())!.messageId).toBe(storedMessage(2).messageId);
      await c2.release();
      await c1.release();
      const c3 = b.consumer();
      expect((await c3.fetch())!.messageId).toBe(storedMessage(1).messageId);
      await c3.close();
      await c1.close();
      await c2.close();
      expect(await b.size()).toBe(2);
    } finally {
      await b.close();
    }
  });

  it('lists with offset and limit, gets and deletes by message id', async () => {
    const b = await open();
    try {
      for (const n of [1, 2, 3, 4]) await b.store(storedMessage(n));
      expect((await b.list(1, 2)).map((m) => m.payload)).toEqual([storedMessage(2).payload, storedMessage(3).payload]);
      expect(await b.delete(storedMessage(2).messageId)).toBe(true);
      expect(await b.delete(storedMessage(2).messageId)).toBe(false);
      expect(await b.get(storedMessage(2).messageId)).toBeUndefined();
      expect(await b.size()).toBe(3);
      const c = b.consumer();
      await c.fetch();
      await c.ack();
      expect((await b.list(0, 10)).map((m) => m.messageId)).toEqual([storedMessage(3).messageId, storedMessage(4).messageId]);
    } finally {
      await b.close();
    }
  });

  if (options.durable) {
    it('keeps stored and held-but-unacked messages across a close and reopen', async () => {
      const make = await place();
      const b = await openOn(make);
      await b.store(storedMessage(1));
      await b.store(storedMessage(2));
      const c = b.consumer();
      await c.fetch(); // held, never acked: a crash here must not lose it
      await b.close();
      const again = await openOn(make);
      try {
        expect((await again.list(0, 10)).map((m) => m.messageId)).toEqual([storedMessage(1).messageId, storedMessage(2).messageId]);
      } finally {
        await again.close();
      }
    });
  }
}
