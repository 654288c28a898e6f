/**
 * A polling consumer's loop: poll, then wait `interval` ms, then poll again (fixed delay, as MI's
 * polling endpoints; a slow poll never overlaps the next). A poll that throws is logged and
 * counted as the endpoint's last error; the loop keeps going (a server that is down is retried on
 * the next poll). stop() waits for a poll in progress.
 */
import type { InboundConsumer, InboundContext } from './types.js';

export interface PollingOptions {
  intervalMs: number;
  /** One poll: take what is there and inject it. */
  poll(): Promise<void>;
  /** Runs once before the first poll (connect, check folders); a throw fails the start. */
  open?(): Promise<void>;
  close?(): Promise<void>;
}

export function pollingConsumer(ctx: Pick<InboundContext, 'logger' | 'setState' | 'name'>, options: PollingOptions): InboundConsumer & { pollNow(): Promise<void> } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  let current: Promise<void> | undefined;
  const runOnce = async (): Promise<void> => {
    try {
      await options.poll();
      ctx.setState('polling', { lastPoll: Date.now(), nextPoll: Date.now() + options.intervalMs });
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      ctx.logger.log('error', `Inbound endpoint ${ctx.name}: poll failed, retrying in ${options.intervalMs} ms: ${message}`, { component: 'PollingConsumer' });
      ctx.setState('polling', { error: message, lastPoll: Date.now(), nextPoll: Date.now() + options.intervalMs });
    }
  };
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      current = runOnce().finally(() => {
        current = undefined;
        schedule();
      });
    }, options.intervalMs);
    timer.unref?.();
  };
  return {
    async start() {
      stopped = false;
      await options.open?.();
      ctx.setState('polling', { nextPoll: Date.now() });
      current = runOnce().finally(() => {
        current = undefined;
        schedule();
      });
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await current;
      await options.close?.();
      ctx.setState('stopped');
    },
    /** Polls immediately (Try-it) unless a poll is running, which then covers it. */
    async pollNow() {
      if (current) return current;
      clearTimeout(timer);
      current = runOnce().finally(() => {
        current = undefined;
        schedule();
      });
      return current;
    },
  };
}
