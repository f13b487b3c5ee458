import { Duration, Validations } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { FilterCriteria, FilterRule, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { tableSchema } from '../../functions/adapters/dynamodb/table-schema.js';
import { REFRESHER_TABLE_ACTIONS } from '../table-grants.js';
import { HtgFunction } from './htg-function.js';

export interface CardRefresherProps {
  table: ITable;
  slackSecret: ISecret;
  /** The GitHub App's credentials, when the stack has them (issues of linked repositories). */
  githubSecret?: ISecret | undefined;
  logRetentionDays: number;
  logLevel: string;
}

/**
 * The card refresher: a Lambda on the table's stream (topic changes and new jobs only) that posts and updates
 * topic cards and runs jobs off the request path. Failed records are retried with the batch bisected, then
 * sent to a queue.
 */
export class CardRefresher extends Construct {
  readonly function: NodejsFunction;
  readonly failures: Queue;

  constructor(scope: Construct, id: string, props: CardRefresherProps) {
    super(scope, id);
    const refresher = new HtgFunction(this, 'Refresher', {
      entry: 'refresher',
      description: 'htg refresher: topic cards, the living board, schedules and jobs, from table changes',
      logRetentionDays: props.logRetentionDays,
      logLevel: props.logLevel,
      timeout: Duration.seconds(60),
      memorySize: 512,
      environment: {
        TABLE_NAME: props.table.tableName,
        SLACK_SECRET_ARN: props.slackSecret.secretArn,
        ...(props.githubSecret ? { GITHUB_SECRET_ARN: props.githubSecret.secretArn } : {}),
      },
    });
    const fn = refresher.function;
    // Items only: the refresher needs no index, so no table/index/* grant.
    fn.addToRolePolicy(
      new PolicyStatement({ actions: [...REFRESHER_TABLE_ACTIONS], resources: [props.table.tableArn] }),
    );
    props.slackSecret.grantRead(fn);
    props.githubSecret?.grantRead(fn);

    this.failures = new Queue(this, 'FailedBatches', {
      enforceSSL: true,
      encryption: QueueEncryption.SQS_MANAGED,
      retentionPeriod: Duration.days(14),
    });
    fn.addEventSource(
      new DynamoEventSource(props.table, {
        startingPosition: StartingPosition.LATEST,
        batchSize: 50,
        // Changes arriving within a second are handled together: one card refresh per topic per batch.
        maxBatchingWindow: Duration.seconds(1),
        reportBatchItemFailures: true,
        bisectBatchOnError: true,
        retryAttempts: 5,
        maxRecordAge: Duration.hours(1),
        onFailure: new SqsDlq(this.failures),
        filters: [
          FilterCriteria.filter({
            dynamodb: { NewImage: { [tableSchema.entityAttribute]: { S: FilterRule.isEqual('topic') } } },
          }),
          FilterCriteria.filter({
            eventName: FilterRule.isEqual('INSERT'),
            dynamodb: { NewImage: { [tableSchema.entityAttribute]: { S: FilterRule.isEqual('job') } } },
          }),
          // Hackathon changes: the refresher keeps their schedules in line with the settings.
          FilterCriteria.filter({
            dynamodb: { NewImage: { [tableSchema.entityAttribute]: { S: FilterRule.isEqual('hackathon') } } },
          }),
        ],
      }),
    );
    this.function = fn;

    Validations.of(this.failures).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason:
        "This queue is the stream event source's on-failure destination (it holds failed batch records); it needs no DLQ of its own.",
    });
    Validations.of(refresher.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'dynamodb:ListStreams cannot be scoped to a resource; the stream reads themselves are scoped to the table stream ARN.',
    });
  }
}
