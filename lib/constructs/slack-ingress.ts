import { CfnOutput, Stack, Validations } from 'aws-cdk-lib';
import type { CfnTable, ITable } from 'aws-cdk-lib/aws-dynamodb';
import { FunctionUrlAuthType, type IFunction } from 'aws-cdk-lib/aws-lambda';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { INGRESS_NODE_MODULES } from '../bundling.js';
import { INGRESS_TABLE_ACTIONS } from '../table-grants.js';
import { HtgFunction } from './htg-function.js';

export interface SlackIngressProps {
  table: ITable;
  slackSecret: ISecret;
  /** The GitHub App's credentials, when the stack has them (the webhook secret, to verify GitHub's deliveries). */
  githubSecret?: ISecret | undefined;
  reservedConcurrency: number;
  logRetentionDays: number;
  logLevel: string;
}

/**
 * The ingress Lambda behind a Function URL. Slack cannot sign AWS (SigV4) requests, so the URL's auth type is
 * NONE; every request is instead checked against Slack's signing secret before anything else happens.
 */
export class SlackIngress extends Construct {
  readonly function: IFunction;
  readonly url: string;

  constructor(scope: Construct, id: string, props: SlackIngressProps) {
    super(scope, id);
    const ingress = new HtgFunction(this, 'Ingress', {
      entry: 'ingress',
      description: 'htg ingress: Slack commands, interactivity and events (Function URL)',
      logRetentionDays: props.logRetentionDays,
      logLevel: props.logLevel,
      reservedConcurrentExecutions: props.reservedConcurrency,
      nodeModules: INGRESS_NODE_MODULES,
      environment: {
        TABLE_NAME: props.table.tableName,
        SLACK_SECRET_ARN: props.slackSecret.secretArn,
        ...(props.githubSecret ? { GITHUB_SECRET_ARN: props.githubSecret.secretArn } : {}),
      },
    });
    const fn = ingress.function;
    props.table.grant(fn, ...INGRESS_TABLE_ACTIONS);
    props.slackSecret.grantRead(fn);
    props.githubSecret?.grantRead(fn);

    const functionUrl = fn.addFunctionUrl({ authType: FunctionUrlAuthType.NONE });
    this.function = fn;
    this.url = `${functionUrl.url}slack/events`;
    new CfnOutput(this, 'SlackRequestUrl', {
      key: 'SlackRequestUrl',
      description:
        'Paste into the Slack app manifest: slash command, interactivity and event subscription URLs',
      value: this.url,
    });
    if (props.githubSecret)
      new CfnOutput(this, 'GitHubWebhookUrl', {
        key: 'GitHubWebhookUrl',
        description:
          "The GitHub App's webhook URL (README, 'GitHub'): the same Function URL, path github/webhook",
        value: `${functionUrl.url}github/webhook`,
      });

    const tableLogicalId = Stack.of(this).resolve((props.table.node.defaultChild as CfnTable).logicalId);
    Validations.of(ingress.role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${tableLogicalId}.Arn>/index/*]`,
      reason:
        "Queries on the table's GSI need its index ARN (table/<name>/index/*); no other wildcard is granted.",
    });
  }
}
