import { en } from 'zod/locales';
import * as z from 'zod/mini';
import type { Logger } from '../adapters/logger.js';
import { runScheduledJob, type ScheduledJobDeps, type ScheduledJobResult } from '../app/scheduled-jobs.js';

const eventSchema = z.object({
  hackathonId: z.string().check(z.minLength(1)),
  kind: z.enum([
    'summary',
    'voting-close',
    'check-in',
    'wrap-up-reminder',
    'wrap-up',
    'github-sync',
    'website-sync',
    'review-ask',
    'review-agenda',
    'review-record',
    'follow-up-2',
    'follow-up-6',
    'agenda',
    'agenda-unpin',
  ]),
  slot: z.string().check(z.minLength(1), z.maxLength(40)),
  scheduledTime: z.string().check(z.minLength(1)),
});

/** zod/mini loads no error messages (every issue reads "Invalid input"); the English ones keep the log useful. */
const englishErrors = en().localeError;

export type ScheduledJobsHandler = (event: unknown) => Promise<{ result: ScheduledJobResult | 'invalid' }>;

/**
 * The scheduled-jobs Lambda: EventBridge Scheduler invokes it with the hackathon, the job and its scheduled
 * time; `npm start`'s in-process scheduler calls the same handler. An event that is not what htg's schedules
 * send is logged and dropped (retrying it could not help); a job that fails throws, so Scheduler retries it.
 */
export function createScheduledJobsHandler({
  deps,
  logger,
  clock = () => new Date(),
}: {
  deps: ScheduledJobDeps;
  logger: Logger;
  clock?: () => Date;
}): ScheduledJobsHandler {
  return async (raw) => {
    const parsed = eventSchema.safeParse(raw, { error: englishErrors });
    if (!parsed.success) {
      logger.error('Scheduled job event is not one htg sends; dropped', parsed.error.message);
      return { result: 'invalid' };
    }
    const event = parsed.data;
    const result = await runScheduledJob(deps, event, clock());
    logger.info(
      `Scheduled ${event.kind} (${event.slot} at ${event.scheduledTime}) for ${event.hackathonId}: ${result}`,
    );
    return { result };
  };
}
