import { Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { DeployConfig } from './config.js';
import { CardRefresher } from './constructs/card-refresher.js';
import { HtgTable } from './constructs/htg-table.js';
import { SlackCredentialsSecret } from './constructs/slack-credentials-secret.js';
import { SlackIngress } from './constructs/slack-ingress.js';

export interface HtgStackProps extends StackProps {
  config: DeployConfig;
}

/** htg's whole deployment: the single table, the Slack credentials secret, the ingress and the card refresher. */
export class HtgStack extends Stack {
  constructor(scope: Construct, id: string, props: HtgStackProps) {
    super(scope, id, props);
    const { config } = props;
    const { table } = new HtgTable(this, 'Store');
    const { secret } = new SlackCredentialsSecret(this, 'SlackCredentials');
    new CardRefresher(this, 'Cards', {
      table,
      slackSecret: secret,
      logRetentionDays: config.logRetentionDays,
      logLevel: config.logLevel,
    });
    new SlackIngress(this, 'Slack', {
      table,
      slackSecret: secret,
      reservedConcurrency: config.reservedConcurrency,
      logRetentionDays: config.logRetentionDays,
      logLevel: config.logLevel,
    });
  }
}
