/** What the RabbitMQ corpus cases share: a connection to the machine's broker for checking queues. */
import amqp from 'amqplib';

export const BROKER_URL = 'amqp://guest:guest@127.0.0.1:5672';

/** Runs `body` with a channel on the broker; the connection is closed afterwards. */
export async function withChannel<T>(body: (ch: amqp.Channel) => Promise<T>): Promise<T> {
  const c = await amqp.connect(BROKER_URL);
  try {
    const ch = await c.createChannel();
    ch.on('error', () => undefined);
    return await body(ch);
  } finally {
    await c.close().catch(() => undefined);
  }
}

/** Messages ready in `queue` (a passive declare: fails when the queue does not exist). */
export const queueDepth = (queue: string) => withChannel(async (ch) => (await ch.checkQueue(queue)).messageCount);

/** Empties a queue the runtime declared (left over from an earlier run). */
export const purgeQueue = (queue: string) => withChannel(async (ch) => { await ch.purgeQueue(queue); });

/** Deletes queues a case declared, so the next run starts from an empty broker. */
export const deleteQueues = (...queues: string[]) => withChannel(async (ch) => { for (const q of queues) await ch.deleteQueue(q); });

export async function until(what: string, check: () => boolean | Promise<boolean>, ms = 8000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
