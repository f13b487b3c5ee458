import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { beforeAll, describe, expect, it } from 'vitest';
import { tableSchema } from '../../functions/adapters/dynamodb/table-schema.js';
import { INGRESS_NODE_MODULES } from '../../lib/bundling.js';
import { addHtgStack } from '../../lib/htg-app.js';
import { INGRESS_TABLE_ACTIONS } from '../../lib/table-grants.js';

type Resource = {
  Type: string;
  // biome-ignore lint/suspicious/noExplicitAny: synthesized CloudFormation JSON, navigated by the assertions
  Properties: Record<string, any>;
  DeletionPolicy?: string;
  UpdateReplacePolicy?: string;
};

/** cdk.json's context (feature flags, defaults), which the CDK CLI hands to bin/app.ts. */
const cdkJsonContext = (
  JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')) as {
    context: Record<string, unknown>;
  }
).context;

/** Synthesises the app exactly as `npm run synth` does (cdk.json context, cdk-nag), plus extra context. */
function synth(context: Record<string, unknown> = {}) {
  const app = new App({ context: { ...cdkJsonContext, ...context } });
  const stack = addHtgStack(app);
  const assembly = app.synth();
  return { app, stack, template: Template.fromStack(stack), assembly };
}

let template: Template;
let assemblyDir: string;
let resources: Record<string, Resource>;

beforeAll(() => {
  const result = synth();
  template = result.template;
  assemblyDir = result.assembly.directory;
  resources = template.toJSON().Resources as Record<string, Resource>;
});

const ofType = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);
/** The Lambda function whose logical id starts with `prefix` (SlackIngress, CardsRefresher). */
const lambda = (prefix: string) => {
  const matches = ofType('AWS::Lambda::Function').filter(([id]) => id.startsWith(prefix));
  expect(matches).toHaveLength(1);
  return matches[0] as [string, Resource];
};
const ingressFunction = () => lambda('SlackIngress');
/** The one resource of a type whose logical id starts with `prefix`. */
const one = (type: string, prefix: string) => {
  const matches = ofType(type).filter(([id]) => id.startsWith(prefix));
  expect(matches).toHaveLength(1);
  return matches[0] as [string, Resource];
};
type Statement = { Action: string | string[]; Resource: unknown };
/** The policy statements of a function's execution role. */
const statementsOf = (prefix: string): Statement[] => {
  const [, fn] = lambda(prefix);
  const roleId = (fn.Properties.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
  return ofType('AWS::IAM::Policy')
    .filter(([, policy]) => JSON.stringify(policy.Properties.Roles) === JSON.stringify([{ Ref: roleId }]))
    .flatMap(([, policy]) => policy.Properties.PolicyDocument.Statement as Statement[]);
};
const summary = (statements: Statement[]) =>
  statements.map((s) => ({ actions: [s.Action].flat().sort(), resource: s.Resource }));

describe('the single table', () => {
  it('is keyed by the shared schema, with one GSI, TTL and a stream of new and old images', () => {
    template.resourceCountIs('AWS::DynamoDB::Table', 1);
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [
        { AttributeName: tableSchema.partitionKey, KeyType: 'HASH' },
        { AttributeName: tableSchema.sortKey, KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: [
        {
          IndexName: tableSchema.gsi1.indexName,
          KeySchema: [
            { AttributeName: tableSchema.gsi1.partitionKey, KeyType: 'HASH' },
            { AttributeName: tableSchema.gsi1.sortKey, KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        },
      ],
      TimeToLiveSpecification: { AttributeName: tableSchema.timeToLiveAttribute, Enabled: true },
      StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
    });
    expect(Object.keys(tableSchema)).toEqual([
      'partitionKey',
      'sortKey',
      'gsi1',
      'timeToLiveAttribute',
      'entityAttribute',
    ]);
  });

  it('is on-demand, recoverable to a point in time, protected from deletion, encrypted and retained', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      DeletionProtectionEnabled: true,
      SSESpecification: { SSEEnabled: true },
    });
    template.hasResource('AWS::DynamoDB::Table', { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
  });
});

describe('the ingress Lambda', () => {
  it.each(['SlackIngress', 'CardsRefresher'])(
    '%s runs Node.js 22 or newer on arm64, without run-time source maps (a cold-start cost; see lib/bundling.ts)',
    (prefix) => {
      const [, fn] = lambda(prefix);
      expect(fn.Properties.Runtime).toMatch(/^nodejs(2[2-9]|[3-9]\d)\.x$/);
      expect(fn.Properties.Architectures).toEqual(['arm64']);
      expect(fn.Properties.Handler).toBe('index.handler');
      expect(fn.Properties.Environment.Variables.NODE_OPTIONS).toBeUndefined();
    },
  );

  it('takes reserved concurrency and log retention from config', () => {
    expect(ingressFunction()[1].Properties.ReservedConcurrentExecutions).toBe(20);
    template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 30 });
    const custom = synth({ reservedConcurrency: '7', logRetentionDays: '90', stackName: 'htg-staging' });
    custom.template.hasResourceProperties('AWS::Lambda::Function', { ReservedConcurrentExecutions: 7 });
    custom.template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 90 });
    expect(custom.stack.stackName).toBe('htg-staging');
  });

  it('each function logs to its own log group, with retention', () => {
    const groups = ['SlackIngress', 'CardsRefresher'].map(
      (prefix) => lambda(prefix)[1].Properties.LoggingConfig.LogGroup.Ref,
    );
    expect(new Set(groups).size).toBe(2);
    for (const id of groups) expect(resources[id]?.Properties.RetentionInDays).toBe(30);
  });

  it('is reachable through a Function URL with auth NONE, printed as a stack output', () => {
    const [fnId] = ingressFunction();
    template.hasResourceProperties('AWS::Lambda::Url', {
      AuthType: 'NONE',
      TargetFunctionArn: { 'Fn::GetAtt': [fnId, 'Arn'] },
    });
    const [urlId] = ofType('AWS::Lambda::Url')[0] ?? [];
    template.hasOutput('SlackRequestUrl', {
      Value: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [urlId, 'FunctionUrl'] }, 'slack/events']] },
    });
    // GitHub's webhooks arrive on the same Function URL, under their own path.
    template.hasOutput('GitHubWebhookUrl', {
      Value: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [urlId, 'FunctionUrl'] }, 'github/webhook']] },
    });
  });

  const SCHEDULER_VARIABLES = [
    'SCHEDULED_JOBS_ARN',
    'SCHEDULER_DLQ_ARN',
    'SCHEDULER_ROLE_ARN',
    'SCHEDULE_GROUP_NAME',
  ];
  it('gives the scheduled jobs, which never talk to Slack, no Slack credentials at all', () => {
    const [, fn] = lambda('SchedulesJobs');
    expect(Object.keys(fn.Properties.Environment.Variables).sort()).toEqual(['LOG_LEVEL', 'TABLE_NAME']);
  });

  it.each([
    ['SlackIngress', []],
    ['CardsRefresher', SCHEDULER_VARIABLES],
  ])(
    '%s gets its Slack and GitHub credentials from Secrets Manager, never from plain environment variables',
    (prefix, extra) => {
      const [, fn] = lambda(prefix);
      const [secretId] = one('AWS::SecretsManager::Secret', 'SlackCredentials');
      const [githubSecretId] = one('AWS::SecretsManager::Secret', 'GitHubApp');
      const variables = fn.Properties.Environment.Variables as Record<string, unknown>;
      expect(variables.SLACK_SECRET_ARN).toEqual({ Ref: secretId });
      expect(variables.GITHUB_SECRET_ARN).toEqual({ Ref: githubSecretId });
      expect(Object.keys(variables).sort()).toEqual(
        ['GITHUB_SECRET_ARN', 'LOG_LEVEL', 'SLACK_SECRET_ARN', 'TABLE_NAME', ...extra].sort(),
      );
      expect(JSON.stringify(template.toJSON())).not.toMatch(/xox[bp]-|signingSecret"\s*:\s*"[^"]/);
      expect(JSON.stringify(template.toJSON())).not.toMatch(
        /PRIVATE KEY|GITHUB_PRIVATE_KEY|GITHUB_WEBHOOK_SECRET/,
      );
      template.hasOutput('SlackCredentialsSecretName', {});
    },
  );
});

describe('least privilege', () => {
  it('grants no wildcard actions and attaches no managed policies; the only * resource is dynamodb:ListStreams', () => {
    const all = ofType('AWS::IAM::Policy').flatMap(
      ([, policy]) => policy.Properties.PolicyDocument.Statement as Statement[],
    );
    for (const statement of all) {
      for (const action of [statement.Action].flat()) expect(action).not.toMatch(/\*/);
      if (statement.Resource === '*') expect(statement.Action).toBe('dynamodb:ListStreams');
    }
    for (const [, role] of ofType('AWS::IAM::Role'))
      expect(role.Properties.ManagedPolicyArns).toBeUndefined();
  });

  it('lets the ingress use table items and the GSI, read its secrets and write its logs, nothing else', () => {
    const [tableId] = ofType('AWS::DynamoDB::Table')[0] ?? [];
    const [secretId] = one('AWS::SecretsManager::Secret', 'SlackCredentials');
    const [githubSecretId] = one('AWS::SecretsManager::Secret', 'GitHubApp');
    const logGroupId = ingressFunction()[1].Properties.LoggingConfig.LogGroup.Ref;
    expect(summary(statementsOf('SlackIngress'))).toEqual([
      {
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resource: { 'Fn::GetAtt': [logGroupId, 'Arn'] },
      },
      {
        actions: [...INGRESS_TABLE_ACTIONS].sort(),
        resource: [
          { 'Fn::GetAtt': [tableId, 'Arn'] },
          { 'Fn::Join': ['', [{ 'Fn::GetAtt': [tableId, 'Arn'] }, '/index/*']] },
        ],
      },
      {
        // Both secrets in one statement (@aws-cdk/aws-iam:minimizePolicies), and no other.
        actions: ['secretsmanager:DescribeSecret', 'secretsmanager:GetSecretValue'],
        resource: [{ Ref: githubSecretId }, { Ref: secretId }],
      },
    ]);
  });

  it('lets the refresher read the stream, read and write items on the table (no index, no Scan), keep schedules, and report failures', () => {
    const [tableId] = ofType('AWS::DynamoDB::Table')[0] ?? [];
    const [secretId] = one('AWS::SecretsManager::Secret', 'SlackCredentials');
    const [githubSecretId] = one('AWS::SecretsManager::Secret', 'GitHubApp');
    const [queueId] = one('AWS::SQS::Queue', 'CardsFailedBatches');
    const [groupId] = one('AWS::Scheduler::ScheduleGroup', 'Schedules');
    const [schedulerRoleId] = one('AWS::IAM::Role', 'SchedulesSchedulerRole');
    const logGroupId = lambda('CardsRefresher')[1].Properties.LoggingConfig.LogGroup.Ref;
    expect(summary(statementsOf('CardsRefresher'))).toEqual([
      {
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resource: { 'Fn::GetAtt': [logGroupId, 'Arn'] },
      },
      {
        // Item-level only, on the table (no index); the e2e tests check every call the refresher makes fits.
        // BatchGetItem reads a team's GitHub logins.
        actions: [
          'dynamodb:BatchGetItem',
          'dynamodb:DeleteItem',
          'dynamodb:GetItem',
          'dynamodb:PutItem',
          'dynamodb:Query',
          'dynamodb:UpdateItem',
        ],
        resource: { 'Fn::GetAtt': [tableId, 'Arn'] },
      },
      {
        // Both secrets in one statement (@aws-cdk/aws-iam:minimizePolicies), and no other.
        actions: ['secretsmanager:DescribeSecret', 'secretsmanager:GetSecretValue'],
        resource: [{ Ref: githubSecretId }, { Ref: secretId }],
      },
      {
        actions: ['sqs:GetQueueAttributes', 'sqs:GetQueueUrl', 'sqs:SendMessage'],
        resource: { 'Fn::GetAtt': [queueId, 'Arn'] },
      },
      { actions: ['dynamodb:ListStreams'], resource: '*' },
      {
        actions: ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator'],
        resource: { 'Fn::GetAtt': [tableId, 'StreamArn'] },
      },
      {
        // Its own schedule group only, and no List: schedules are updated or created by name.
        actions: ['scheduler:CreateSchedule', 'scheduler:DeleteSchedule', 'scheduler:UpdateSchedule'],
        resource: {
          'Fn::Join': [
            '',
            [
              'arn:',
              { Ref: 'AWS::Partition' },
              ':scheduler:',
              { Ref: 'AWS::Region' },
              ':',
              { Ref: 'AWS::AccountId' },
              ':schedule/',
              { Ref: groupId },
              '/*',
            ],
          ],
        },
      },
      { actions: ['iam:PassRole'], resource: { 'Fn::GetAtt': [schedulerRoleId, 'Arn'] } },
    ]);
    const passRole = statementsOf('CardsRefresher').find((s) => s.Action === 'iam:PassRole') as Statement & {
      Condition: unknown;
    };
    expect(passRole.Condition).toEqual({
      StringEquals: { 'iam:PassedToService': 'scheduler.amazonaws.com' },
    });
  });

  it('lets the scheduled jobs use table items (no index, no stream) and write logs, nothing else (no secret)', () => {
    const [tableId] = ofType('AWS::DynamoDB::Table')[0] ?? [];
    const logGroupId = lambda('SchedulesJobs')[1].Properties.LoggingConfig.LogGroup.Ref;
    expect(summary(statementsOf('SchedulesJobs'))).toEqual([
      {
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resource: { 'Fn::GetAtt': [logGroupId, 'Arn'] },
      },
      {
        actions: [
          'dynamodb:DeleteItem',
          'dynamodb:GetItem',
          'dynamodb:PutItem',
          'dynamodb:Query',
          'dynamodb:UpdateItem',
        ],
        resource: { 'Fn::GetAtt': [tableId, 'Arn'] },
      },
    ]);
  });
});

describe('schedules', () => {
  it('keeps every hackathon schedule in one group, fired by a role only EventBridge Scheduler of this account assumes', () => {
    const [groupId, group] = one('AWS::Scheduler::ScheduleGroup', 'Schedules');
    expect(group.Properties.Name).toBe('htg-hackathons');
    const [roleId, role] = one('AWS::IAM::Role', 'SchedulesSchedulerRole');
    expect(role.Properties.AssumeRolePolicyDocument.Statement).toEqual([
      {
        Action: 'sts:AssumeRole',
        Effect: 'Allow',
        Principal: { Service: 'scheduler.amazonaws.com' },
        Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
      },
    ]);
    const [jobsId] = lambda('SchedulesJobs');
    const [dlqId] = one('AWS::SQS::Queue', 'SchedulesMissedJobs');
    const rolePolicies = ofType('AWS::IAM::Policy').filter(
      ([, p]) => JSON.stringify(p.Properties.Roles) === JSON.stringify([{ Ref: roleId }]),
    );
    expect(
      summary(rolePolicies.flatMap(([, p]) => p.Properties.PolicyDocument.Statement as Statement[])),
    ).toEqual([
      // That one function, not function:*.
      { actions: ['lambda:InvokeFunction'], resource: { 'Fn::GetAtt': [jobsId, 'Arn'] } },
      {
        actions: ['sqs:GetQueueAttributes', 'sqs:GetQueueUrl', 'sqs:SendMessage'],
        resource: { 'Fn::GetAtt': [dlqId, 'Arn'] },
      },
    ]);
    expect(groupId).toBeTruthy();
  });

  it('tells the refresher which group, target, role and dead-letter queue to give the schedules it creates', () => {
    const [, refresher] = lambda('CardsRefresher');
    const [groupId] = one('AWS::Scheduler::ScheduleGroup', 'Schedules');
    const [jobsId] = lambda('SchedulesJobs');
    const [roleId] = one('AWS::IAM::Role', 'SchedulesSchedulerRole');
    const [dlqId] = one('AWS::SQS::Queue', 'SchedulesMissedJobs');
    expect(refresher.Properties.Environment.Variables).toMatchObject({
      SCHEDULE_GROUP_NAME: { Ref: groupId },
      SCHEDULED_JOBS_ARN: { 'Fn::GetAtt': [jobsId, 'Arn'] },
      SCHEDULER_ROLE_ARN: { 'Fn::GetAtt': [roleId, 'Arn'] },
      SCHEDULER_DLQ_ARN: { 'Fn::GetAtt': [dlqId, 'Arn'] },
    });
  });

  it('runs the scheduled jobs on the same runtime and bundling as the other functions', () => {
    const [, jobs] = lambda('SchedulesJobs');
    expect(jobs.Properties).toMatchObject({ Runtime: 'nodejs24.x', Architectures: ['arm64'], Timeout: 120 });
  });
});

describe('the card refresher', () => {
  it('consumes topic and hackathon changes and new jobs from the stream, reports partial failures, and sends exhausted batches to a queue', () => {
    const [fnId] = lambda('CardsRefresher');
    const [tableId] = ofType('AWS::DynamoDB::Table')[0] ?? [];
    const [queueId] = one('AWS::SQS::Queue', 'CardsFailedBatches');
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: fnId },
      EventSourceArn: { 'Fn::GetAtt': [tableId, 'StreamArn'] },
      StartingPosition: 'LATEST',
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: 5,
      MaximumBatchingWindowInSeconds: 1,
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [queueId, 'Arn'] } } },
      FilterCriteria: {
        Filters: [
          { Pattern: JSON.stringify({ dynamodb: { NewImage: { entity: { S: ['topic'] } } } }) },
          {
            Pattern: JSON.stringify({
              eventName: ['INSERT'],
              dynamodb: { NewImage: { entity: { S: ['job'] } } },
            }),
          },
          { Pattern: JSON.stringify({ dynamodb: { NewImage: { entity: { S: ['hackathon'] } } } }) },
        ],
      },
    });
  });

  it('keeps failed batches encrypted and reachable only over TLS', () => {
    template.hasResourceProperties('AWS::SQS::Queue', {
      SqsManagedSseEnabled: true,
      MessageRetentionPeriod: 1209600,
    });
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      PolicyDocument: {
        Statement: [
          {
            Action: 'sqs:*',
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
            Effect: 'Deny',
            Principal: { AWS: '*' },
          },
        ],
      },
    });
  });
});

describe('failure alarms', () => {
  it('raises an alarm, to an SNS topic in the outputs, as soon as either dead-letter queue holds a message', () => {
    const [topicId, topic] = one('AWS::SNS::Topic', 'FailuresAlerts');
    expect(topic.Properties.DisplayName).toBe('htg: work that failed for good');
    template.hasOutput('AlertsTopicArn', { Value: { Ref: topicId } });
    const alarms = ofType('AWS::CloudWatch::Alarm');
    expect(alarms).toHaveLength(2);
    for (const prefix of ['CardsFailedBatches', 'SchedulesMissedJobs']) {
      const [queueId] = one('AWS::SQS::Queue', prefix);
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        MetricName: 'ApproximateNumberOfMessagesVisible',
        Namespace: 'AWS/SQS',
        Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [queueId, 'QueueName'] } }],
        Statistic: 'Maximum',
        Period: 300,
        Threshold: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        EvaluationPeriods: 1,
        TreatMissingData: 'notBreaching',
        AlarmActions: [{ Ref: topicId }],
      });
    }
    // Only TLS to the topic.
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });
});

describe('the GitHub App secret', () => {
  it('is created with an empty App ID and key and a generated webhook secret, its name in the outputs', () => {
    const [secretId, secret] = one('AWS::SecretsManager::Secret', 'GitHubApp');
    expect(secret.Properties.GenerateSecretString).toEqual({
      SecretStringTemplate: JSON.stringify({ appId: '', privateKey: '' }),
      GenerateStringKey: 'webhookSecret',
      PasswordLength: 40,
      ExcludePunctuation: true,
    });
    expect(secret.Properties).not.toHaveProperty('SecretString');
    template.hasResourceProperties('AWS::SecretsManager::Secret', {
      Description: Match.stringLikeRegexp('GitHub App.*appId.*privateKey.*webhookSecret'),
    });
    template.hasOutput('GitHubAppSecretName', { Value: Match.anyValue() });
    expect(secretId).toBeTruthy();
  });

  it('is read by the ingress and the refresher only, not by the scheduled jobs', () => {
    const [githubSecretId] = one('AWS::SecretsManager::Secret', 'GitHubApp');
    const readers = ['SlackIngress', 'CardsRefresher', 'SchedulesJobs'].filter((prefix) =>
      statementsOf(prefix).some((statement) =>
        JSON.stringify(statement.Resource).includes(JSON.stringify({ Ref: githubSecretId })),
      ),
    );
    expect(readers).toEqual(['SlackIngress', 'CardsRefresher']);
    expect(lambda('SchedulesJobs')[1].Properties.Environment.Variables).not.toHaveProperty(
      'GITHUB_SECRET_ARN',
    );
  });

  it.each([false, 'false'])('is left out with github=%j: no secret, no variable, no grant', (github) => {
    const { template: without } = synth({ github });
    without.resourceCountIs('AWS::SecretsManager::Secret', 1);
    without.resourcePropertiesCountIs(
      'AWS::Lambda::Function',
      { Environment: { Variables: Match.objectLike({ GITHUB_SECRET_ARN: Match.anyValue() }) } },
      0,
    );
    expect(Object.keys(without.findOutputs('GitHubAppSecretName'))).toEqual([]);
    without.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: ['secretsmanager:DescribeSecret', 'secretsmanager:GetSecretValue'],
            Resource: { Ref: Match.stringLikeRegexp('^SlackCredentials') },
          }),
        ]),
      },
    });
  });
});

describe('cdk-nag AwsSolutions', () => {
  it('passes with no unacknowledged findings (synthesis would throw)', () => {
    expect(() => synth()).not.toThrow();
  });

  it('is really checking: an unencrypted, unlogged bucket fails synthesis', () => {
    const app = new App({ context: cdkJsonContext });
    const stack = addHtgStack(app);
    new Bucket(stack, 'Careless');
    expect(() => app.synth()).toThrow(/AwsSolutions-S1'/);
  });
});

describe('the ingress bundle', () => {
  it('is a minified ESM file with a source map and the AWS SDK bundled', () => {
    const [, fn] = ingressFunction();
    const assetHash = fn.Properties.Code.S3Key.replace(/\.zip$/, '');
    const assetDir = join(assemblyDir, `asset.${assetHash}`);
    expect(existsSync(join(assetDir, 'index.mjs'))).toBe(true);
    expect(existsSync(join(assetDir, 'index.mjs.map'))).toBe(true);
    const code = readFileSync(join(assetDir, 'index.mjs'), 'utf8');
    const lines = code.split('\n');
    expect(code.length / lines.length).toBeGreaterThan(1_000);
    expect(code).toContain('sourceMappingURL=index.mjs.map');
    expect(code).not.toMatch(/from\s*"@aws-sdk\//);
    expect(code).toContain('GetSecretValue');
  });

  it("has /htg import's Markdown parser installed beside it at the locked version; the others need none", () => {
    const assetDir = (fn: Resource) =>
      join(assemblyDir, `asset.${fn.Properties.Code.S3Key.replace(/\.zip$/, '')}`);
    const lock = JSON.parse(readFileSync(new URL('../../package-lock.json', import.meta.url), 'utf8')) as {
      packages: Record<string, { version: string }>;
    };
    const ingress = assetDir(ingressFunction()[1]);
    for (const name of INGRESS_NODE_MODULES) {
      const installed = JSON.parse(readFileSync(join(ingress, 'node_modules', name, 'package.json'), 'utf8'));
      expect(installed.version, name).toBe(lock.packages[`node_modules/${name}`]?.version);
    }
    for (const prefix of ['CardsRefresher', 'SchedulesJobs']) {
      const code = readFileSync(join(assetDir(lambda(prefix)[1]), 'index.mjs'), 'utf8');
      for (const name of INGRESS_NODE_MODULES)
        expect(code, `${prefix} imports ${name}`).not.toContain(`"${name}"`);
    }
  });
});

describe('deploy config', () => {
  it.each([
    [{ reservedConcurrency: '0' }, /reservedConcurrency/],
    [{ logRetentionDays: '13' }, /logRetentionDays/],
    [{ stackName: '1 bad name' }, /stackName/],
    [{ github: 'yes' }, /github/],
  ])('refuses invalid context %j, naming the key', (context, message) => {
    expect(() => synth(context)).toThrow(message);
  });
});
