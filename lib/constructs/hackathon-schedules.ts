import { Duration, Stack, Validations } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { CfnScheduleGroup } from 'aws-cdk-lib/aws-scheduler';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { SCHEDULED_JOBS_TABLE_ACTIONS } from '../table-grants.js';
import { HtgFunction } from './htg-function.js';

export interface HackathonSchedulesProps {
  table: ITable;
  logRetentionDays: number;
  logLevel: string;
}

/**
 * What hackathons run on a clock need: the scheduled-jobs Lambda (summaries, voting close, check-in, wrap-up),
 * a schedule group holding every hackathon's EventBridge schedules, the role Scheduler assumes to invoke that
 * Lambda (that Lambda only, from this account only), and a queue for invocations Scheduler gave up on. The
 * schedules themselves are created at run time by the refresher (`allowManaging`), as organizers change settings.
 */
export class HackathonSchedules extends Construct {
  readonly jobs: NodejsFunction;
  readonly group: CfnScheduleGroup;
  readonly schedulerRole: Role;
  readonly failures: Queue;

  constructor(scope: Construct, id: string, props: HackathonSchedulesProps) {
    super(scope, id);
    const { account, stackName } = Stack.of(this);
    const jobs = new HtgFunction(this, 'Jobs', {
      entry: 'scheduled',
      description: 'htg scheduled jobs: summaries, voting close, check-in, wrap-up reminder and wrap-up',
      logRetentionDays: props.logRetentionDays,
      logLevel: props.logLevel,
      timeout: Duration.seconds(120),
      memorySize: 512,
      // It never talks to Slack (what a job posts, the refresher posts): no secret, no Slack credentials.
      environment: { TABLE_NAME: props.table.tableName },
    });
    this.jobs = jobs.function;
    this.jobs.addToRolePolicy(
      new PolicyStatement({ actions: [...SCHEDULED_JOBS_TABLE_ACTIONS], resources: [props.table.tableArn] }),
    );

    this.group = new CfnScheduleGroup(this, 'Group', { name: `${stackName}-hackathons` });

    this.failures = new Queue(this, 'MissedJobs', {
      enforceSSL: true,
      encryption: QueueEncryption.SQS_MANAGED,
      retentionPeriod: Duration.days(14),
    });
    this.schedulerRole = new Role(this, 'SchedulerRole', {
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': account } },
      }),
      description: 'Assumed by EventBridge Scheduler to run htg scheduled jobs',
    });
    this.schedulerRole.addToPolicy(
      new PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [this.jobs.functionArn] }),
    );
    this.failures.grantSendMessages(this.schedulerRole);

    Validations.of(this.failures).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason:
        "This queue is the schedules' dead-letter queue (invocations Scheduler gave up on); it needs none itself.",
    });
  }

  /** Lets a function keep the group's schedules (create, update, delete; no list) and hand them the role. */
  allowManaging(fn: NodejsFunction): void {
    const { region, account, partition } = Stack.of(this);
    fn.addEnvironment('SCHEDULE_GROUP_NAME', this.group.ref);
    fn.addEnvironment('SCHEDULED_JOBS_ARN', this.jobs.functionArn);
    fn.addEnvironment('SCHEDULER_ROLE_ARN', this.schedulerRole.roleArn);
    fn.addEnvironment('SCHEDULER_DLQ_ARN', this.failures.queueArn);
    fn.addToRolePolicy(
      new PolicyStatement({
        actions: ['scheduler:CreateSchedule', 'scheduler:UpdateSchedule', 'scheduler:DeleteSchedule'],
        resources: [`arn:${partition}:scheduler:${region}:${account}:schedule/${this.group.ref}/*`],
      }),
    );
    fn.addToRolePolicy(
      new PolicyStatement({
        actions: ['iam:PassRole'],
        resources: [this.schedulerRole.roleArn],
        conditions: { StringEquals: { 'iam:PassedToService': 'scheduler.amazonaws.com' } },
      }),
    );
    if (!fn.role) return;
    Validations.of(fn.role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:scheduler:<AWS::Region>:<AWS::AccountId>:schedule/<${Stack.of(this).getLogicalId(this.group)}>/*]`,
      reason:
        "Schedules are created at run time, one set per hackathon: the grant is limited to htg's own schedule group.",
    });
  }
}
