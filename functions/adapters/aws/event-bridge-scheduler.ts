import {
  ConflictException,
  CreateScheduleCommand,
  type CreateScheduleCommandInput,
  DeleteScheduleCommand,
  ResourceNotFoundException,
  type SchedulerClient,
  UpdateScheduleCommand,
} from '@aws-sdk/client-scheduler';
import type { ScheduledJobEvent, Scheduler } from '../../app/ports/scheduling.js';

export interface EventBridgeSchedulerConfig {
  client: SchedulerClient;
  /** The schedule group every htg schedule lives in. */
  groupName: string;
  /** The scheduled-jobs Lambda, and the role Scheduler assumes to invoke it. */
  targetArn: string;
  roleArn: string;
  /** Where Scheduler puts an invocation it could not deliver after its retries. */
  deadLetterArn?: string | undefined;
}

/** The schedule's name: htg, the hackathon, the slot (at most 64 characters). */
export const scheduleName = (hackathonId: string, slot: string) => `htg-${hackathonId}-${slot}`;

/**
 * Hackathon schedules in EventBridge Scheduler. Each fires the scheduled-jobs Lambda with the hackathon, the
 * job and Scheduler's own scheduled time (`<aws.scheduler.scheduled-time>`), which makes every execution
 * identifiable for idempotency. Update first, create when missing: no List permission needed, and running the
 * same sync twice changes nothing.
 */
export function createEventBridgeScheduler(config: EventBridgeSchedulerConfig): Scheduler {
  const { client, groupName } = config;
  return {
    async sync(hackathonId, specs, previous) {
      const wanted = new Set(specs.map((spec) => spec.slot));
      for (const slot of previous) {
        if (wanted.has(slot)) continue;
        try {
          await client.send(
            new DeleteScheduleCommand({ Name: scheduleName(hackathonId, slot), GroupName: groupName }),
          );
        } catch (error) {
          if (!(error instanceof ResourceNotFoundException)) throw error;
        }
      }
      for (const spec of specs) {
        const input: Omit<ScheduledJobEvent, 'scheduledTime'> & { scheduledTime: string } = {
          hackathonId,
          kind: spec.kind,
          slot: spec.slot,
          scheduledTime: '<aws.scheduler.scheduled-time>',
        };
        const params: CreateScheduleCommandInput = {
          Name: scheduleName(hackathonId, spec.slot),
          GroupName: groupName,
          ScheduleExpression: spec.expression,
          ScheduleExpressionTimezone: spec.timeZone,
          ...(spec.startDate ? { StartDate: new Date(spec.startDate) } : {}),
          ...(spec.endDate ? { EndDate: new Date(spec.endDate) } : {}),
          FlexibleTimeWindow: { Mode: 'OFF' },
          State: 'ENABLED',
          // A one-time schedule removes itself once it ran; later syncs ignore it being gone.
          ActionAfterCompletion: 'fires' in spec && 'at' in spec.fires ? 'DELETE' : 'NONE',
          Target: {
            Arn: config.targetArn,
            RoleArn: config.roleArn,
            Input: JSON.stringify(input),
            RetryPolicy: { MaximumRetryAttempts: 3, MaximumEventAgeInSeconds: 3600 },
            ...(config.deadLetterArn ? { DeadLetterConfig: { Arn: config.deadLetterArn } } : {}),
          },
        };
        try {
          await client.send(new UpdateScheduleCommand(params));
        } catch (error) {
          if (!(error instanceof ResourceNotFoundException)) throw error;
          try {
            await client.send(new CreateScheduleCommand(params));
          } catch (createError) {
            // Created meanwhile by a concurrent sync: make it this one.
            if (!(createError instanceof ConflictException)) throw createError;
            await client.send(new UpdateScheduleCommand(params));
          }
        }
      }
    },
  };
}
