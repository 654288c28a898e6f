/**
 * When a task fires: Quartz simple triggers (first firing at start, then every interval; count =
 * total firings, -1 forever) and cron triggers (the next time the Quartz expression matches,
 * computed by croner). `sequential` tasks wait for a run before the next firing is due; others
 * fire on time even while a run is still going. stop() cancels what is due and waits for runs in
 * progress, so undeploy and shutdown end cleanly.
 */
import { Cron } from 'croner';
import type { TaskTrigger } from './types.js';
import { CRONER_OPTIONS } from './quartz-cron.js';

export interface ScheduleHooks {
  run(): Promise<void>;
  /** After each change: the next firing time (undefined = no more firings). */
  onSchedule(next: number | undefined): void;
}

/** Longest single timer Node allows; later firings re-arm. */
const MAX_DELAY = 2 ** 31 - 1;

export class TaskSchedule {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private fired = 0;
  private stopped = true;
  private readonly running = new Set<Promise<void>>();
  private readonly cron: Cron | undefined;

  constructor(
    private readonly trigger: TaskTrigger,
    private readonly sequential: boolean,
    private readonly hooks: ScheduleHooks,
  ) {
    this.cron = trigger.kind === 'cron' ? new Cron(trigger.croner, { ...CRONER_OPTIONS, paused: true }) : undefined;
  }

  get firings(): number {
    return this.fired;
  }

  start(): void {
    this.stopped = false;
    this.fired = 0;
    if (this.trigger.kind === 'simple') this.arm(Date.now());
    else this.arm(this.nextCron());
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    await Promise.all([...this.running]);
  }

  /** Runs once now, outside the trigger (the studio's "run now"); does not count as a firing. */
  async runNow(): Promise<void> {
    await this.track(this.hooks.run());
  }

  private nextCron(): number | undefined {
    return this.cron!.nextRun(new Date())?.getTime();
  }

  private arm(at: number | undefined): void {
    if (this.stopped) return;
    this.hooks.onSchedule(at);
    if (at === undefined) return;
    const delay = Math.max(0, at - Date.now());
    this.timer = setTimeout(() => (delay > MAX_DELAY ? this.arm(at) : void this.fire(at)), Math.min(delay, MAX_DELAY));
    this.timer.unref?.();
  }

  private async fire(dueAt: number): Promise<void> {
    if (this.stopped) return;
    this.fired++;
    const t = this.trigger;
    const more = t.kind === 'cron' || t.count < 0 || this.fired < t.count;
    const nextAt = (): number | undefined => (!more ? undefined : t.kind === 'simple' ? Math.max(dueAt + t.intervalMs, Date.now()) : this.nextCron());
    const run = this.track(this.hooks.run());
    if (this.sequential) {
      await run;
      // A sequential run that overran its slot fires the next one right away (Quartz's misfire "fire now").
      this.arm(nextAt());
    } else this.arm(nextAt());
  }

  private track(p: Promise<void>): Promise<void> {
    const tracked = p.catch(() => {}).finally(() => this.running.delete(tracked));
    this.running.add(tracked);
    return tracked;
  }
}
