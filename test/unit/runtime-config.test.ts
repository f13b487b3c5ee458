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
