/** Task triggers on a fake clock: how many firings, when, and that stop() ends them. */
import { describe, it, expect, vi, beforeEach, afterEach } from 'vitest';
import { TaskSchedule } from './scheduler.js';
import { translateQuartzCron } from './quartz-cron.js';

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(new Date(2026, 0, 1, 1, 29, 59));
});
afterEach(() => vi.useRealTimers());

function recorder(runMs = 0) {
  const times: number[] = [];
  const next: (number | undefined)[] = [];
  let active = 0;
  let maxActive = 0;
  return {
    times,
    next,
    get maxActive() {
      return maxActive;
    },
    hooks: {
      async run() {
        times.push(Date.now());
        active++;
        maxActive = Math.max(maxActive, active);
        if (runMs) await new Promise((r) => setTimeout(r, runMs));
        active--;
      },
      onSchedule: (n: number | undefined) => next.push(n),
    },
  };
}

describe('simple triggers', () => {
  it('interval without count: fires at start, then every interval, forever', async () => {
    const r = recorder();
    const s = new TaskSchedule({ kind: 'simple', intervalMs: 1000, count: -1 }, false, r.hooks);
    const t0 = Date.now();
    s.start();
    await vi.advanceTimersByTimeAsync(3500);
    expect(r.times.map((t) => t - t0)).toEqual([0, 1000, 2000, 3000]);
    await s.stop();
    await vi.advanceTimersByTimeAsync(5000);
    expect(r.times).toHaveLength(4);
  });

  it('count = total firings; once = 1', async () => {
    const three = recorder();
    new TaskSchedule({ kind: 'simple', intervalMs: 1000, count: 3 }, false, three.hooks).start();
    const once = recorder();
    new TaskSchedule({ kind: 'simple', intervalMs: 1000, count: 1 }, false, once.hooks).start();
    await vi.advanceTimersByTimeAsync(10000);
    expect(three.times).toHaveLength(3);
    expect(three.next.at(-1)).toBeUndefined();
    expect(once.times).toHaveLength(1);
  });

  it('sequential runs never overlap; others fire on time while a run is still going', async () => {
    const seq = recorder(2500);
    new TaskSchedule({ kind: 'simple', intervalMs: 1000, count: 3 }, true, seq.hooks).start();
    const par = recorder(2500);
    new TaskSchedule({ kind: 'simple', intervalMs: 1000, count: 3 }, false, par.hooks).start();
    await vi.advanceTimersByTimeAsync(20000);
    expect(seq.maxActive).toBe(1);
    expect(seq.times).toHaveLength(3);
    expect(par.maxActive).toBe(3);
  });

  it('stop() waits for a run in progress', async () => {
    const r = recorder(3000);
    const s = new TaskSchedule({ kind: 'simple', intervalMs: 1000, count: -1 }, true, r.hooks);
    s.start();
    await vi.advanceTimersByTimeAsync(10);
    expect(r.times).toHaveLength(1);
    let stopped = false;
    const stopping = s.stop().then(() => (stopped = true));
    await vi.advanceTimersByTimeAsync(1000);
    expect(stopped).toBe(false);
    await vi.advanceTimersByTimeAsync(2500);
    await stopping;
    expect(stopped).toBe(true);
    expect(r.times).toHaveLength(1);
  });
});

describe('cron triggers', () => {
  it('0 30 1 * * ? fires once at 01:30:00 and is next due a day later', async () => {
    const r = recorder();
    const s = new TaskSchedule({ kind: 'cron', expression: '0 30 1 * * ?', croner: translateQuartzCron('0 30 1 * * ?').croner }, false, r.hooks);
    s.start();
    expect(r.next[0]).toBe(new Date(2026, 0, 1, 1, 30, 0).getTime());
    await vi.advanceTimersByTimeAsync(60 * 60 * 1000);
    expect(r.times).toEqual([new Date(2026, 0, 1, 1, 30, 0).getTime()]);
    expect(r.next.at(-1)).toBe(new Date(2026, 0, 2, 1, 30, 0).getTime());
    await s.stop();
  });

  it('*/2 * * * * ? fires at even seconds', async () => {
    const r = recorder();
    const s = new TaskSchedule({ kind: 'cron', expression: '*/2 * * * * ?', croner: translateQuartzCron('*/2 * * * * ?').croner }, false, r.hooks);
    s.start();
    await vi.advanceTimersByTimeAsync(6100);
    expect(r.times.map((t) => new Date(t).getSeconds())).toEqual([0, 2, 4]);
    await s.stop();
  });
});
