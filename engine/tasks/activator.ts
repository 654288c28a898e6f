/**
 * Runs deployed `<task>` artifacts in the shared lifecycle (engine/inbound/lifecycle.ts): a task
 * pinned to other servers is not scheduled here (shown suspended, with the reason); each firing
 * injects the task's message; a firing that fails is logged and shown as the last error, and the
 * schedule goes on. With cluster coordination (`coordination`), each firing first asks whether this
 * instance holds the task (MI runs a task on one node of a cluster); a stopped task frees it.
 */
import type { Activator } from '../inbound/lifecycle.js';
import type { Logger } from '../core/logger.js';
import { TaskSchedule } from './scheduler.js';
import { injectTaskMessage, type InjectorHost } from './injector.js';

/** Cluster coordination (the Node host's task leases): a firing runs only where `turn` says so. */
export interface TaskCoordination {
  /** Before each firing: whether this instance runs `task` now (it holds the task's lease). */
  turn(task: string): Promise<boolean>;
  /** The task stopped here: free it for another instance. */
  release(task: string): Promise<void>;
}

export interface TaskHostOptions extends InjectorHost {
  logger: Logger;
  /** This server's name, compared with `pinnedServers` (MI's node name). */
  serverName: string;
  /** With cluster coordination: one instance at a time fires each task. Absent: every instance fires. */
  coordination?: TaskCoordination;
}

export function taskActivator(options: TaskHostOptions): Activator {
  return {
    describe: (a) => (a.kind === 'task' ? (a.value.trigger.kind === 'cron' ? `cron ${a.value.trigger.expression}` : a.value.trigger.count === 1 ? 'once' : `every ${a.value.trigger.intervalMs / 1000} s${a.value.trigger.count > 0 ? `, ${a.value.trigger.count} times` : ''}`) : undefined),
    activate(artifact, status) {
      if (artifact.kind !== 'task') return undefined;
      const task = artifact.value;
      const logger = options.logger.child({ artifact: `task:${task.name}` });
      if (task.pinnedServers.length > 0 && !task.pinnedServers.includes(options.serverName)) {
        status.set('suspended', { error: `pinned to ${task.pinnedServers.join(', ')}; this server is ${options.serverName}` });
        logger.log('info', `Task ${task.name} is pinned to ${task.pinnedServers.join(', ')} and is not scheduled on ${options.serverName}`, { component: 'TaskManager' });
        return { start: async () => {}, stop: async () => {}, runNow: () => fire() };
      }
      async function fire(): Promise<void> {
        if (options.coordination && !(await options.coordination.turn(task.name))) return;
        try {
          const res = await injectTaskMessage(options, task);
          status.set('scheduled', { lastPoll: Date.now() });
          if (res.status >= 500) logger.log('warn', `Task ${task.name}: the injected message ended in a fault (${res.status})`, { component: 'MessageInjector' });
        } catch (e) {
          const message = e instanceof Error ? e.message : String(e);
          status.set('scheduled', { error: message, lastPoll: Date.now() });
          logger.log('error', `Task ${task.name}: ${message}`, { component: 'MessageInjector' });
        }
      }
      const schedule = new TaskSchedule(task.trigger, task.injector.sequential, {
        run: fire,
        onSchedule: (next) => status.set(next === undefined ? 'stopped' : 'scheduled', { nextPoll: next ?? 0 }),
      });
      return {
        async start() {
          schedule.start();
        },
        async stop() {
          await schedule.stop();
          await options.coordination?.release(task.name);
        },
        runNow: () => schedule.runNow(),
      };
    },
  };
}
