/**
 * When a processor runs: every `interval` ms after the previous run ended
 * (runs never overlap, like MI's non-concurrent Quartz job), or on a Quartz
 * cron expression (croner with Quartz's stepping `0/5` and weekday numbering
 * SUN=1). stop() cancels the next run and waits for the current one.
 */
import { Cron } from 'croner';

export interface Schedule {
  start(): void;
  /** Resolves once no run is in progress and none will start. */
  stop(): Promise<void>;
  /** Runs now (unless a run is in progress); the schedule continues as before. */
  kick(): void;
}

export function quartzCron(expression: string): Cron {
  return new Cron(expression.trim(), { paused: true, sloppyRanges: true, alternativeWeekdays: true, mode: '6-or-7-parts' });
}

/** Throws the cron library's message for an expression it cannot schedule. */
export function checkQuartzCron(expression: string): string | undefined {
  try {
    quartzCron(expression).stop();
    return undefined;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

export function createSchedule(opts: { intervalMs: number; cron?: string }, run: () => Promise<void>): Schedule {
  let stopped = true;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let current: Promise<void> | undefined;
  const cron = opts.cron ? quartzCron(opts.cron) : undefined;

  const delay = (): number => {
    if (!cron) return opts.intervalMs;
    const ms = cron.msToNext();
    return ms === null ? -1 : Math.max(0, ms);
  };
  const arm = () => {
    if (stopped) return;
    const ms = delay();
    if (ms < 0) return; // the cron expression has no future run
    timer = setTimeout(fire, ms);
  };
  const fire = () => {
    timer = undefined;
    if (stopped || current) return;
    current = run()
      .catch(() => undefined)
      .finally(() => {
        current = undefined;
        arm();
      });
  };
  return {
    start() {
      if (!stopped) return;
      stopped = false;
      // The first run comes at once for an interval schedule (MI starts its job on deploy), on the next cron time otherwise.
      if (cron) arm();
      else timer = setTimeout(fire, 0);
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = undefined;
      cron?.stop();
      await current;
    },
    kick() {
      if (stopped || current) return;
      if (timer) clearTimeout(timer);
      fire();
    },
  };
}

/** A wait that stop() can cut short: resolves false when cancelled. */
export class Sleeper {
  private wakers = new Set<() => void>();
  private cancelled = false;

  sleep(ms: number): Promise<boolean> {
    if (this.cancelled) return Promise.resolve(false);
    return new Promise((resolve) => {
      const t = setTimeout(() => {
        this.wakers.delete(wake);
        resolve(!this.cancelled);
      }, ms);
      const wake = () => {
        clearTimeout(t);
        resolve(false);
      };
      this.wakers.add(wake);
    });
  }

  cancel(): void {
    this.cancelled = true;
    for (const w of this.wakers) w();
    this.wakers.clear();
  }

  reset(): void {
    this.cancelled = false;
  }
}
