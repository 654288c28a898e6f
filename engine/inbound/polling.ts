/**
 * A polling consumer's loop: poll, then wait `interval` ms, then poll again (fixed delay, as MI's
 * polling endpoints; a slow poll never overlaps the next). A poll that throws is logged and
 * counted as the endpoint's last error; the loop keeps going (a server that is down is retried on
 * the next poll). stop() aborts the signal given to the poll in progress (so it gives up a
 * reconnect wait rather than sitting it out) and waits for that poll to finish. With cluster
 * coordination (ctx.coordination) a poll runs only in the instance holding the endpoint's lease
 * (MI coordinates polling inbound endpoints like tasks); stop() frees it.
 */
import type { InboundConsumer, InboundContext } from './types.js';

export interface PollingOptions {
  intervalMs: number;
  /** One poll: take what is there and inject it. `signal` aborts when the consumer stops: stop waiting, take nothing new. */
  poll(signal: AbortSignal): Promise<void>;
  /** Runs once before the first poll (connect, check folders); a throw fails the start. */
  open?(): Promise<void>;
  close?(): Promise<void>;
}

export function pollingConsumer(ctx: Pick<InboundContext, 'logger' | 'setState' | 'name' | 'coordination'>, options: PollingOptions): InboundConsumer & { pollNow(): Promise<void> } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  let current: Promise<void> | undefined;
  let stopping = new AbortController();
  const leaseKey = `inbound:${ctx.name}`;
  const runOnce = async (): Promise<void> => {
    const signal = stopping.signal;
    if (ctx.coordination && !(await ctx.coordination.turn(leaseKey))) {
      ctx.setState('polling', { nextPoll: Date.now() + options.intervalMs });
      return;
    }
    try {
      await options.poll(signal);
      ctx.setState('polling', { lastPoll: Date.now(), nextPoll: Date.now() + options.intervalMs });
    } catch (e) {
      if (signal.aborted) return; // stopped mid-poll: not a failure of the source
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
      stopping = new AbortController();
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
      stopping.abort();
      await current;
      await ctx.coordination?.release(leaseKey);
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
