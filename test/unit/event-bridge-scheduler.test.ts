import {
  ConflictException,
  CreateScheduleCommand,
  DeleteScheduleCommand,
  ResourceNotFoundException,
  SchedulerClient,
  UpdateScheduleCommand,
} from '@aws-sdk/client-scheduler';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  createEventBridgeScheduler,
  scheduleName,
} from '../../functions/adapters/aws/event-bridge-scheduler.js';
import { desiredSchedules } from '../../functions/domain/schedule.js';
import { aHackathon } from '../helpers/builders.js';

const scheduler = mockClient(SchedulerClient);
const config = {
  groupName: 'htg-hackathons',
  targetArn: 'arn:aws:lambda:eu-central-1:123456789012:function:htg-jobs',
  roleArn: 'arn:aws:iam::123456789012:role/htg-scheduler',
  deadLetterArn: 'arn:aws:sqs:eu-central-1:123456789012:htg-missed-jobs',
};
const adapter = () =>
  createEventBridgeScheduler({ client: new SchedulerClient({ region: 'eu-central-1' }), ...config });
const notFound = () =>
  new ResourceNotFoundException({
    message: 'Schedule not found',
    Message: 'Schedule not found',
    $metadata: {},
  });

/** Hack The Garden across the Europe/Berlin change on 25 October 2026. */
const hackathon = aHackathon({
  startDate: '2026-10-19',
  endDate: '2026-10-30',
  timeZone: 'Europe/Berlin',
  summaryTimes: ['09:00'],
  votingClosesAt: '2026-10-16T15:00:00.000Z',
});
const now = new Date('2026-10-01T08:00:00.000Z');

beforeEach(() => {
  scheduler.reset();
});

describe('EventBridge Scheduler adapter', () => {
  it('creates what does not exist yet, in the hackathon time zone, firing the jobs Lambda with its scheduled time', async () => {
    scheduler.on(UpdateScheduleCommand).rejects(notFound());
    scheduler.on(CreateScheduleCommand).resolves({ ScheduleArn: 'arn:schedule' });
    const specs = desiredSchedules(hackathon, now);
    await adapter().sync(hackathon.id, specs, []);

    const created = scheduler.commandCalls(CreateScheduleCommand).map((call) => call.args[0].input);
    expect(
      created.map((input) => [input.Name, input.ScheduleExpression, input.ScheduleExpressionTimezone]),
    ).toEqual([
      [scheduleName(hackathon.id, 'summary-0900'), 'cron(0 9 * * ? *)', 'Europe/Berlin'],
      [scheduleName(hackathon.id, 'voting-close'), 'at(2026-10-16T17:00:00)', 'Europe/Berlin'],
      [scheduleName(hackathon.id, 'check-in'), 'at(2026-10-24T14:00:00)', 'Europe/Berlin'],
      [scheduleName(hackathon.id, 'wrap-up-reminder'), 'at(2026-10-30T10:00:00)', 'Europe/Berlin'],
      [scheduleName(hackathon.id, 'wrap-up'), 'at(2026-10-30T15:00:00)', 'Europe/Berlin'],
    ]);
    const summary = created[0];
    expect(summary).toMatchObject({
      GroupName: 'htg-hackathons',
      StartDate: now,
      EndDate: new Date('2026-10-30T23:00:00.000Z'),
      FlexibleTimeWindow: { Mode: 'OFF' },
      State: 'ENABLED',
      Target: {
        Arn: config.targetArn,
        RoleArn: config.roleArn,
        RetryPolicy: { MaximumRetryAttempts: 3, MaximumEventAgeInSeconds: 3600 },
        DeadLetterConfig: { Arn: config.deadLetterArn },
      },
    });
    expect(JSON.parse(String(summary?.Target?.Input))).toEqual({
      hackathonId: hackathon.id,
      kind: 'summary',
      slot: 'summary-0900',
      scheduledTime: '<aws.scheduler.scheduled-time>',
    });
    expect(created.every((input) => String(input.Name).length <= 64)).toBe(true);
    // One-time schedules remove themselves after running; the daily one stays until its end date.
    expect(created.map((input) => input.ActionAfterCompletion)).toEqual([
      'NONE',
      'DELETE',
      'DELETE',
      'DELETE',
      'DELETE',
    ]);
  });

  it('updates schedules that exist and deletes the ones no longer wanted, ignoring ones already gone', async () => {
    scheduler.on(UpdateScheduleCommand).resolves({ ScheduleArn: 'arn:schedule' });
    scheduler
      .on(DeleteScheduleCommand, { Name: scheduleName(hackathon.id, 'summary-1630') })
      .rejects(notFound())
      .on(DeleteScheduleCommand)
      .resolves({});
    const moved = { ...hackathon, summaryTimes: ['08:30'], votingClosesAt: '2026-10-17T10:00:00.000Z' };
    await adapter().sync(hackathon.id, desiredSchedules(moved, now), [
      'summary-0900',
      'summary-1630',
      'voting-close',
      'check-in',
      'wrap-up-reminder',
      'wrap-up',
    ]);
    expect(scheduler.commandCalls(DeleteScheduleCommand).map((c) => c.args[0].input.Name)).toEqual([
      scheduleName(hackathon.id, 'summary-0900'),
      scheduleName(hackathon.id, 'summary-1630'),
    ]);
    const updated = scheduler.commandCalls(UpdateScheduleCommand).map((c) => c.args[0].input);
    expect(updated.map((input) => [input.Name, input.ScheduleExpression])).toEqual([
      [scheduleName(hackathon.id, 'summary-0830'), 'cron(30 8 * * ? *)'],
      [scheduleName(hackathon.id, 'voting-close'), 'at(2026-10-17T12:00:00)'],
      [scheduleName(hackathon.id, 'check-in'), 'at(2026-10-24T14:00:00)'],
      [scheduleName(hackathon.id, 'wrap-up-reminder'), 'at(2026-10-30T10:00:00)'],
      [scheduleName(hackathon.id, 'wrap-up'), 'at(2026-10-30T15:00:00)'],
    ]);
    expect(scheduler.commandCalls(CreateScheduleCommand)).toHaveLength(0);
  });

  it('turns a create that lost to a concurrent sync into an update, and passes other errors on', async () => {
    const [spec] = desiredSchedules({ ...hackathon, votingClosesAt: null }, now);
    scheduler
      .on(UpdateScheduleCommand)
      .rejectsOnce(notFound())
      .resolves({ ScheduleArn: 'arn:schedule' })
      .on(CreateScheduleCommand)
      .rejects(new ConflictException({ message: 'exists', Message: 'exists', $metadata: {} }));
    await adapter().sync(hackathon.id, spec ? [spec] : [], []);
    expect(scheduler.commandCalls(UpdateScheduleCommand)).toHaveLength(2);

    scheduler.reset();
    scheduler.on(UpdateScheduleCommand).rejects(new Error('AccessDenied'));
    await expect(adapter().sync(hackathon.id, spec ? [spec] : [], [])).rejects.toThrow('AccessDenied');
  });
});
