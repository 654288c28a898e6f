import { describe, it, expect, afterAll } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { silentLogger } from '../../../core/logger.js';
import { StoreConfigError } from '../../../messaging/store.js';
import { storedMessage } from '../testing/backend-contract.js';
import { ResequenceStoreBackend } from './resequence-store.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mediate-reseq-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A message whose JSON payload carries its sequence number. */
const numbered = (seq: number, n: number) => ({ ...storedMessage(n), payload: { kind: 'json' as const, json: `{"seq":${seq}}` } });
let no = 0;
const backend = (timeout = '0.2') => new ResequenceStoreBackend({ storeName: `R${++no}`, className: 'ResequenceMessageStore', parameters: { 'store.resequence.id.path': 'json-eval($.seq)', 'store.resequence.timeout': timeout }, dataDir: dir, logger: silentLogger });

describe('resequence store (SQLite)', () => {
  it('releases messages in sequence order, waits for a missing number, then jumps after the timeout', async () => {
    const b = backend();
    await b.open();
    try {
      for (const [seq, n] of [[2, 1], [1, 2], [4, 3]] as const) await b.store(numbered(seq, n));
      const c = b.consumer();
      const seqOf = async () => {
        const m = await c.fetch();
        return m ? (JSON.parse((m.payload as { json: string }).json) as { seq: number }).seq : undefined;
      };
      expect(await seqOf()).toBe(1);
      await c.ack();
      expect(await seqOf()).toBe(2);
      await c.ack();
      expect(await seqOf()).toBeUndefined(); // 3 has not arrived: wait
      await new Promise((r) => setTimeout(r, 300));
      expect(await seqOf()).toBe(4);
      await c.ack();
      await b.store(numbered(5, 4));
      expect(await seqOf()).toBe(5);
      await c.ack();
      expect(await b.size()).toBe(0);
    } finally {
      await b.close();
    }
  });

  it('remembers the last delivered number across a restart (tbl_lastprocessid)', async () => {
    const b = backend('-1');
    await b.open();
    await b.store(numbered(1, 1));
    const c = b.consumer();
    await c.fetch();
    await c.ack();
    await b.store(numbered(3, 3));
    await b.store(numbered(2, 2));
    await b.close();
    const again = new ResequenceStoreBackend({ storeName: `R${no}`, className: 'ResequenceMessageStore', parameters: { 'store.resequence.id.path': 'json-eval($.seq)' }, dataDir: dir, logger: silentLogger });
    await again.open();
    try {
      const m = await again.consumer().fetch();
      expect(JSON.parse((m!.payload as { json: string }).json)).toEqual({ seq: 2 });
    } finally {
      await again.close();
    }
  });

  it('refuses a message without a sequence number and a store without the id path', async () => {
    const b = backend();
    await b.open();
    try {
      await expect(b.store({ ...storedMessage(9), payload: { kind: 'json', json: '{"other":1}' } })).rejects.toThrow(/not a whole number/);
    } finally {
      await b.close();
    }
    expect(() => new ResequenceStoreBackend({ storeName: 'X', className: 'ResequenceMessageStore', parameters: {}, dataDir: dir, logger: silentLogger })).toThrow(StoreConfigError);
  });
});
