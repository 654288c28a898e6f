/** Scheduled tasks (issue 14): the `<task>` artifact, Quartz cron translation, the schedule and MI's MessageInjector. */
export * from './types.js';
export { taskArtifact, taskDescriptor } from './artifact.js';
export { translateQuartzCron, nextCronFire, CronSyntaxError } from './quartz-cron.js';
export { TaskSchedule } from './scheduler.js';
export { injectTaskMessage, buildTaskMessage } from './injector.js';
export { taskActivator, type TaskHostOptions, type TaskCoordination } from './activator.js';
