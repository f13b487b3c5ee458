import { CfnOutput, Validations } from 'aws-cdk-lib';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';

/**
 * The Slack signing secret, bot token and bot user id, as one JSON secret:
 * `{"signingSecret": "…", "botToken": "xoxb-…", "botUserId": "U…", "botId": "B…"}` (botId optional).
 * CloudFormation creates it with a random placeholder; the values are stored after deploy (README),
 * so they never appear in a template, an environment variable or a log.
 */
export class SlackCredentialsSecret extends Construct {
  readonly secret: Secret;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.secret = new Secret(this, 'Secret', {
      description: 'htg Slack credentials: {"signingSecret","botToken","botUserId","botId"} (see README)',
    });
    new CfnOutput(this, 'Name', {
      key: 'SlackCredentialsSecretName',
      description: 'Store the Slack credentials here (README, "Store the Slack credentials")',
      value: this.secret.secretName,
    });
    Validations.of(this.secret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'Slack issues and rotates these credentials (app settings → regenerate); Secrets Manager cannot rotate them. The README documents rotation by put-secret-value.',
    });
  }
}
