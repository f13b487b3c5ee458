import { describe, expect, it } from 'vitest';
import {
  loadRuntimeConfig,
  loadTableConfig,
  RuntimeConfigError,
} from '../../functions/adapters/runtime-config.js';

const fromSecret = {
  TABLE_NAME: 'htg-Store-1',
  AWS_REGION: 'eu-central-1',
  SLACK_SECRET_ARN: 'arn:aws:secretsmanager:eu-central-1:123456789012:secret:SlackCredentials-AbCdEf',
};
const fromEnvironment = {
  TABLE_NAME: 'htg-local',
  DYNAMODB_ENDPOINT: 'http://127.0.0.1:8000',
  SLACK_SIGNING_SECRET: 'signing-secret-value',
  SLACK_BOT_TOKEN: 'xoxb-1-2-abc',
  SLACK_BOT_USER_ID: 'U0BOT',
};

function problemsOf(env: NodeJS.ProcessEnv): string[] {
  try {
    loadRuntimeConfig(env);
  } catch (error) {
    if (error instanceof RuntimeConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected the config to be refused');
}

describe('loadRuntimeConfig', () => {
  it('reads the deployed configuration: table, region and the secret to fetch credentials from', () => {
    expect(loadRuntimeConfig(fromSecret)).toEqual({
      tableName: 'htg-Store-1',
      region: 'eu-central-1',
      dynamoDbEndpoint: undefined,
      slackApiUrl: undefined,
      logLevel: 'info',
      slack: { source: 'secrets-manager', secretArn: fromSecret.SLACK_SECRET_ARN },
    });
  });

  it('runs outside AWS with DynamoDB Local, a Slack API stand-in and credentials from the environment', () => {
    const config = loadRuntimeConfig({
      ...fromEnvironment,
      SLACK_API_URL: 'http://127.0.0.1:9999/api',
      LOG_LEVEL: 'debug',
    });
    expect(config).toMatchObject({
      region: 'local',
      dynamoDbEndpoint: 'http://127.0.0.1:8000',
      slackApiUrl: 'http://127.0.0.1:9999/api/',
      logLevel: 'debug',
      slack: {
        source: 'environment',
        credentials: { signingSecret: 'signing-secret-value', botToken: 'xoxb-1-2-abc', botUserId: 'U0BOT' },
      },
    });
  });

  it('names a missing variable', () => {
    expect(problemsOf({ ...fromSecret, TABLE_NAME: undefined })).toEqual(['TABLE_NAME is required']);
    expect(() => loadRuntimeConfig({ ...fromSecret, TABLE_NAME: undefined })).toThrow(
      'Invalid runtime configuration: TABLE_NAME is required',
    );
  });

  it('names every missing Slack credential when no secret is configured', () => {
    expect(problemsOf({ TABLE_NAME: 't', AWS_REGION: 'eu-west-1', SLACK_BOT_TOKEN: 'xoxb-1' })).toEqual([
      'SLACK_SIGNING_SECRET, SLACK_BOT_USER_ID are required when SLACK_SECRET_ARN is not set',
    ]);
  });

  it('asks for a region unless DynamoDB Local is used', () => {
    expect(problemsOf({ ...fromSecret, AWS_REGION: undefined })).toEqual([
      'AWS_REGION is required (or set DYNAMODB_ENDPOINT to use DynamoDB Local)',
    ]);
  });

  it('explains malformed values without repeating them', () => {
    const problems = problemsOf({
      ...fromEnvironment,
      SLACK_BOT_TOKEN: 'xoxp-user-token-oops',
      LOG_LEVEL: 'loud',
    });
    expect(problems).toEqual([
      'SLACK_BOT_TOKEN is invalid (expected a bot token starting with xoxb-)',
      'LOG_LEVEL is invalid (expected one of debug, info, warn, error)',
    ]);
    expect(problems.join(' ')).not.toContain('xoxp-user-token-oops');
  });

  it('treats empty variables as unset', () => {
    expect(
      loadRuntimeConfig({ ...fromSecret, DYNAMODB_ENDPOINT: '', SLACK_API_URL: ' ' }).dynamoDbEndpoint,
    ).toBeUndefined();
  });
});

describe('loadRuntimeConfig: the GitHub App', () => {
  const key = ['-----BEGIN RSA PRIVATE KEY-----', 'MIIEowIBAAKCAQEAtest', '-----END RSA PRIVATE KEY-----'];
  const githubFromEnvironment = {
    GITHUB_APP_ID: '123456',
    GITHUB_PRIVATE_KEY: key.join('\\n'),
    GITHUB_WEBHOOK_SECRET: 'webhook-secret-value',
  };

  it('is absent when no GitHub variable is set: htg runs without GitHub', () => {
    expect(loadRuntimeConfig(fromSecret).github).toBeUndefined();
    expect('github' in loadRuntimeConfig(fromSecret)).toBe(false);
  });

  it('reads the secret to fetch the App credentials from, and an API URL without its trailing slash', () => {
    const secretArn = 'arn:aws:secretsmanager:eu-central-1:123456789012:secret:GitHubApp-AbCdEf';
    expect(loadRuntimeConfig({ ...fromSecret, GITHUB_SECRET_ARN: secretArn }).github).toEqual({
      source: 'secrets-manager',
      secretArn,
      apiUrl: undefined,
    });
    expect(
      loadRuntimeConfig({
        ...fromSecret,
        GITHUB_SECRET_ARN: secretArn,
        GITHUB_API_URL: 'http://127.0.0.1:9100/',
      }).github?.apiUrl,
    ).toBe('http://127.0.0.1:9100');
  });

  it('reads the three App variables together, the key with its escaped line breaks restored', () => {
    expect(loadRuntimeConfig({ ...fromEnvironment, ...githubFromEnvironment }).github).toEqual({
      source: 'environment',
      credentials: { appId: 123456, privateKey: key.join('\n'), webhookSecret: 'webhook-secret-value' },
      apiUrl: undefined,
    });
  });

  it('names the App variables missing from a partial set', () => {
    expect(problemsOf({ ...fromEnvironment, GITHUB_APP_ID: '123456' })).toEqual([
      'GITHUB_PRIVATE_KEY, GITHUB_WEBHOOK_SECRET are required with the other GitHub App variables (set all of GITHUB_APP_ID, GITHUB_PRIVATE_KEY, GITHUB_WEBHOOK_SECRET, or GITHUB_SECRET_ARN, or none)',
    ]);
    expect(problemsOf({ ...fromEnvironment, ...githubFromEnvironment, GITHUB_WEBHOOK_SECRET: ' ' })).toEqual([
      'GITHUB_WEBHOOK_SECRET is required with the other GitHub App variables (set all of GITHUB_APP_ID, GITHUB_PRIVATE_KEY, GITHUB_WEBHOOK_SECRET, or GITHUB_SECRET_ARN, or none)',
    ]);
  });

  it('explains malformed GitHub values without repeating them', () => {
    const problems = problemsOf({
      ...fromEnvironment,
      ...githubFromEnvironment,
      GITHUB_APP_ID: 'my-app',
      GITHUB_PRIVATE_KEY: 'not-a-key-but-a-secret',
      GITHUB_SECRET_ARN: 'GitHubApp-AbCdEf',
      GITHUB_API_URL: 'api.github.com',
    });
    expect(problems).toEqual([
      'GITHUB_SECRET_ARN is invalid (expected a Secrets Manager ARN)',
      'GITHUB_APP_ID is invalid (expected the GitHub App ID, digits only)',
      'GITHUB_PRIVATE_KEY is invalid (expected a PEM private key (-----BEGIN RSA PRIVATE KEY----- …), line breaks as \\n allowed)',
      'GITHUB_API_URL is invalid (expected an http(s) URL)',
    ]);
    expect(problems.join(' ')).not.toContain('not-a-key-but-a-secret');
  });

  it('is left out of what a table-only Lambda reads', () => {
    expect(
      loadTableConfig({ TABLE_NAME: 't', AWS_REGION: 'eu-central-1', ...githubFromEnvironment }),
    ).not.toHaveProperty('github');
  });
});

describe('loadTableConfig', () => {
  it('reads what a table-only Lambda (the scheduled jobs) needs, without Slack credentials', () => {
    expect(
      loadTableConfig({ TABLE_NAME: 'htg-Store-1', AWS_REGION: 'eu-central-1', LOG_LEVEL: 'warn' }),
    ).toEqual({
      tableName: 'htg-Store-1',
      region: 'eu-central-1',
      dynamoDbEndpoint: undefined,
      logLevel: 'warn',
    });
    expect(() => loadTableConfig({ TABLE_NAME: 'htg-Store-1', AWS_REGION: 'eu-central-1' })).not.toThrow();
    expect(() => loadRuntimeConfig({ TABLE_NAME: 'htg-Store-1', AWS_REGION: 'eu-central-1' })).toThrow(
      RuntimeConfigError,
    );
    expect(() => loadTableConfig({ AWS_REGION: 'eu-central-1' })).toThrow(/TABLE_NAME is required/);
  });
});
