import { CfnOutput, Validations } from 'aws-cdk-lib';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';

/**
 * The GitHub App's ID, private key and webhook secret, as one JSON secret:
 * `{"appId": "123456", "privateKey": "-----BEGIN RSA PRIVATE KEY-----\n…", "webhookSecret": "…"}`.
 * CloudFormation creates it with an empty App ID and key and a random webhook secret (to paste into the App's
 * webhook settings, or to replace); the ID and key are stored after deploy, so they never appear in a template,
 * an environment variable or a log. Until they are, the functions run without GitHub.
 */
export class GitHubAppSecret extends Construct {
  readonly secret: Secret;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.secret = new Secret(this, 'Secret', {
      description: 'htg GitHub App credentials: {"appId","privateKey","webhookSecret"}',
      generateSecretString: {
        secretStringTemplate: JSON.stringify({ appId: '', privateKey: '' }),
        generateStringKey: 'webhookSecret',
        passwordLength: 40,
        excludePunctuation: true,
      },
    });
    new CfnOutput(this, 'Name', {
      key: 'GitHubAppSecretName',
      description: 'Store the GitHub App ID and private key here (its webhook secret is generated)',
      value: this.secret.secretName,
    });
    Validations.of(this.secret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        "GitHub issues the App's private key and webhook secret (App settings → generate a private key); Secrets Manager cannot rotate them. Rotation is a new key stored by put-secret-value.",
    });
  }
}
