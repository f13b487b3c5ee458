import { Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { DeployConfig } from './config.js';
import { CardRefresher } from './constructs/card-refresher.js';
import { FailureAlarms } from './constructs/failure-alarms.js';
import { GitHubAppSecret } from './constructs/github-app-secret.js';
import { HackathonSchedules } from './constructs/hackathon-schedules.js';
import { HtgTable } from './constructs/htg-table.js';
import { SlackCredentialsSecret } from './constructs/slack-credentials-secret.js';
import { SlackIngress } from './constructs/slack-ingress.js';

export interface HtgStackProps extends StackProps {
  config: DeployConfig;
}

/**
 * htg's whole deployment: the single table, the Slack credentials secret (and the GitHub App's), the ingress, the
 * refresher (cards, board, schedules, jobs) and the scheduled jobs with their schedule group.
 */
export class HtgStack extends Stack {
  constructor(scope: Construct, id: string, props: HtgStackProps) {
    super(scope, id, props);
    const { config } = props;
    const { table } = new HtgTable(this, 'Store');
    const { secret } = new SlackCredentialsSecret(this, 'SlackCredentials');
    const githubSecret = config.github ? new GitHubAppSecret(this, 'GitHubApp').secret : undefined;
    const schedules = new HackathonSchedules(this, 'Schedules', {
      table,
      logRetentionDays: config.logRetentionDays,
      logLevel: config.logLevel,
    });
    const cards = new CardRefresher(this, 'Cards', {
      table,
      slackSecret: secret,
      githubSecret,
      logRetentionDays: config.logRetentionDays,
      logLevel: config.logLevel,
    });
    schedules.allowManaging(cards.function);
    new FailureAlarms(this, 'Failures', {
      RefresherFailedBatches: cards.failures,
      ScheduledJobsMissed: schedules.failures,
    });
    new SlackIngress(this, 'Slack', {
      table,
      slackSecret: secret,
      githubSecret,
      reservedConcurrency: config.reservedConcurrency,
      logRetentionDays: config.logRetentionDays,
      logLevel: config.logLevel,
    });
  }
}
