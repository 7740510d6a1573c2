export { defineJob, type JobDefinition, type JobContext, type AnyJob } from './job.ts';
export { JobQueue, type SendOptions, type QueueOptions } from './queue.ts';
