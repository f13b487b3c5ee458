import * as z from 'zod/mini';

/** Slack credentials the app needs at run time. Never logged, never put in a plain environment variable in AWS. */
export interface SlackCredentials {
  signingSecret: string;
  botToken: string;
  botUserId: string;
  /** The bot's B… id. Optional: Bolt only uses it to ignore the app's own messages. */
  botId?: string | undefined;
}

/** A GitHub App's credentials (App settings: App ID, a generated private key, the webhook secret). Never logged. */
export interface GitHubAppCredentials {
  appId: number;
  /** PEM (PKCS#1 `BEGIN RSA PRIVATE KEY`, as GitHub generates it, or PKCS#8), with real line breaks. */
  privateKey: string;
  webhookSecret: string;
}

/** Where the GitHub App's credentials come from, and which API to call. */
export type GitHubConfig =
  | { source: 'secrets-manager'; secretArn: string; apiUrl?: string | undefined }
  | { source: 'environment'; credentials: GitHubAppCredentials; apiUrl?: string | undefined };

/** Whether a value looks like a PEM private key (the key itself is never echoed). */
export function isPrivateKeyPem(value: string): boolean {
  return /-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(value) && /-----END [A-Z ]*PRIVATE KEY-----/.test(value);
}

/** A private key pasted into an environment variable or a JSON value often has literal `\n` for its line breaks. */
export function normalizePrivateKey(value: string): string {
  return value.trim().replaceAll('\\r\\n', '\n').replaceAll('\\n', '\n').replaceAll('\r\n', '\n');
}

const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

const optionalText = z.optional(
  z.pipe(
    z.string().check(z.trim()),
    z.transform((value: string) => (value === '' ? undefined : value)),
  ),
);

const optionalUrl = z.pipe(optionalText, z.optional(z.url({ protocol: /^https?$/ })));

const environmentSchema = z.object({
  TABLE_NAME: z.string().check(z.trim(), z.minLength(1)),
  AWS_REGION: optionalText,
  DYNAMODB_ENDPOINT: optionalUrl,
  SLACK_API_URL: optionalUrl,
  SLACK_SECRET_ARN: z.pipe(optionalText, z.optional(z.string().check(z.startsWith('arn:')))),
  SLACK_SIGNING_SECRET: optionalText,
  SLACK_BOT_TOKEN: z.pipe(optionalText, z.optional(z.string().check(z.startsWith('xoxb-')))),
  SLACK_BOT_USER_ID: z.pipe(optionalText, z.optional(z.string().check(z.regex(/^[UW][A-Z0-9]+$/)))),
  SLACK_BOT_ID: z.pipe(optionalText, z.optional(z.string().check(z.regex(/^B[A-Z0-9]+$/)))),
  LOG_LEVEL: z.pipe(optionalText, z.optional(z.enum(LOG_LEVELS))),
  SCHEDULE_GROUP_NAME: optionalText,
  SCHEDULED_JOBS_ARN: z.pipe(optionalText, z.optional(z.string().check(z.startsWith('arn:')))),
  SCHEDULER_ROLE_ARN: z.pipe(optionalText, z.optional(z.string().check(z.startsWith('arn:')))),
  SCHEDULER_DLQ_ARN: z.pipe(optionalText, z.optional(z.string().check(z.startsWith('arn:')))),
  GITHUB_SECRET_ARN: z.pipe(optionalText, z.optional(z.string().check(z.startsWith('arn:')))),
  GITHUB_APP_ID: z.pipe(optionalText, z.optional(z.string().check(z.regex(/^[1-9][0-9]*$/)))),
  GITHUB_PRIVATE_KEY: z.pipe(
    optionalText,
    z.optional(z.pipe(z.string().check(z.refine(isPrivateKeyPem)), z.transform(normalizePrivateKey))),
  ),
  GITHUB_WEBHOOK_SECRET: optionalText,
  GITHUB_API_URL: optionalUrl,
});

/** Runtime configuration shared by every Lambda and the local runtime. */
export interface RuntimeConfig {
  tableName: string;
  region: string;
  /** DynamoDB Local's URL when running outside AWS. */
  dynamoDbEndpoint?: string | undefined;
  /** Base URL of the Slack Web API (ends in `/`); unset means Slack's own. */
  slackApiUrl?: string | undefined;
  logLevel: LogLevel;
  slack:
    | { source: 'secrets-manager'; secretArn: string }
    | { source: 'environment'; credentials: SlackCredentials };
  /** EventBridge Scheduler, for the Lambda that keeps hackathon schedules (absent elsewhere). */
  scheduler?:
    | { groupName: string; targetArn: string; roleArn: string; deadLetterArn?: string | undefined }
    | undefined;
  /** The GitHub App, when GitHub is configured (absent: htg works without GitHub). */
  github?: GitHubConfig | undefined;
}

/** Thrown when the environment is incomplete or malformed; the message names every offending variable. */
export class RuntimeConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid runtime configuration: ${problems.join('; ')}`);
    this.name = 'RuntimeConfigError';
  }
}

/** What a Lambda that only works on the table needs (the scheduled jobs): no Slack credentials. */
export type TableConfig = Pick<RuntimeConfig, 'tableName' | 'region' | 'dynamoDbEndpoint' | 'logLevel'>;

/**
 * Parses the process environment of a Lambda that does not talk to Slack; like `loadRuntimeConfig`, without
 * asking for Slack's credentials.
 */
export function loadTableConfig(env: NodeJS.ProcessEnv): TableConfig {
  const { tableName, region, dynamoDbEndpoint, logLevel } = loadRuntimeConfig(env, { slack: false });
  return { tableName, region, dynamoDbEndpoint, logLevel };
}

/**
 * Parses the process environment once (call it at module scope of a composition root).
 * Error messages name variables and what is expected of them, never their values.
 */
export function loadRuntimeConfig(env: NodeJS.ProcessEnv): RuntimeConfig;
export function loadRuntimeConfig(
  env: NodeJS.ProcessEnv,
  options: { slack: false },
): Omit<RuntimeConfig, 'slack'>;
export function loadRuntimeConfig(
  env: NodeJS.ProcessEnv,
  { slack: needsSlack = true }: { slack?: boolean } = {},
): Omit<RuntimeConfig, 'slack'> & { slack?: RuntimeConfig['slack'] } {
  const parsed = environmentSchema.safeParse(env);
  if (!parsed.success) {
    throw new RuntimeConfigError(
      parsed.error.issues.map((issue) => {
        const name = String(issue.path[0] ?? 'environment');
        return env[name] === undefined ? `${name} is required` : `${name} is invalid (${describe(name)})`;
      }),
    );
  }
  const vars = parsed.data;
  const problems: string[] = [];

  const region = vars.AWS_REGION ?? (vars.DYNAMODB_ENDPOINT ? 'local' : undefined);
  if (!region) problems.push('AWS_REGION is required (or set DYNAMODB_ENDPOINT to use DynamoDB Local)');

  let slack: RuntimeConfig['slack'] | undefined;
  if (!needsSlack) {
    // Not asked for: whatever Slack variables are set are left alone.
  } else if (vars.SLACK_SECRET_ARN) {
    slack = { source: 'secrets-manager', secretArn: vars.SLACK_SECRET_ARN };
  } else {
    const missing = (['SLACK_SIGNING_SECRET', 'SLACK_BOT_TOKEN', 'SLACK_BOT_USER_ID'] as const).filter(
      (name) => !vars[name],
    );
    if (missing.length > 0) {
      problems.push(
        `${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} required when SLACK_SECRET_ARN is not set`,
      );
    } else {
      slack = {
        source: 'environment',
        credentials: {
          signingSecret: vars.SLACK_SIGNING_SECRET as string,
          botToken: vars.SLACK_BOT_TOKEN as string,
          botUserId: vars.SLACK_BOT_USER_ID as string,
          botId: vars.SLACK_BOT_ID,
        },
      };
    }
  }

  const schedulerVars = ['SCHEDULE_GROUP_NAME', 'SCHEDULED_JOBS_ARN', 'SCHEDULER_ROLE_ARN'] as const;
  const schedulerSet = schedulerVars.filter((name) => vars[name]);
  if (schedulerSet.length > 0 && schedulerSet.length < schedulerVars.length)
    problems.push(`${schedulerVars.join(', ')} go together: set all three or none`);
  const scheduler =
    vars.SCHEDULE_GROUP_NAME && vars.SCHEDULED_JOBS_ARN && vars.SCHEDULER_ROLE_ARN
      ? {
          groupName: vars.SCHEDULE_GROUP_NAME,
          targetArn: vars.SCHEDULED_JOBS_ARN,
          roleArn: vars.SCHEDULER_ROLE_ARN,
          deadLetterArn: vars.SCHEDULER_DLQ_ARN,
        }
      : undefined;

  const github = readGitHubConfig(vars, problems);

  if (problems.length > 0 || !region || (needsSlack && !slack)) throw new RuntimeConfigError(problems);
  return {
    tableName: vars.TABLE_NAME,
    region,
    dynamoDbEndpoint: vars.DYNAMODB_ENDPOINT,
    slackApiUrl: vars.SLACK_API_URL ? withTrailingSlash(vars.SLACK_API_URL) : undefined,
    logLevel: vars.LOG_LEVEL ?? 'info',
    ...(slack ? { slack } : {}),
    scheduler,
    ...(github ? { github } : {}),
  };
}

const GITHUB_APP_VARIABLES = ['GITHUB_APP_ID', 'GITHUB_PRIVATE_KEY', 'GITHUB_WEBHOOK_SECRET'] as const;

/** The GitHub App: from its secret, or from the three variables together; none of them means no GitHub. */
function readGitHubConfig(
  vars: z.infer<typeof environmentSchema>,
  problems: string[],
): GitHubConfig | undefined {
  // Octokit's baseUrl: paths are appended to it as they are, so no trailing slash.
  const apiUrl = vars.GITHUB_API_URL?.replace(/\/+$/, '');
  if (vars.GITHUB_SECRET_ARN) return { source: 'secrets-manager', secretArn: vars.GITHUB_SECRET_ARN, apiUrl };
  const missing = GITHUB_APP_VARIABLES.filter((name) => !vars[name]);
  if (missing.length === GITHUB_APP_VARIABLES.length) return undefined;
  if (missing.length > 0) {
    problems.push(
      `${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} required with the other GitHub App variables (set all of ${GITHUB_APP_VARIABLES.join(', ')}, or GITHUB_SECRET_ARN, or none)`,
    );
    return undefined;
  }
  return {
    source: 'environment',
    credentials: {
      appId: Number(vars.GITHUB_APP_ID),
      privateKey: vars.GITHUB_PRIVATE_KEY as string,
      webhookSecret: vars.GITHUB_WEBHOOK_SECRET as string,
    },
    apiUrl,
  };
}

function withTrailingSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}

function describe(name: string): string {
  switch (name) {
    case 'DYNAMODB_ENDPOINT':
    case 'SLACK_API_URL':
    case 'GITHUB_API_URL':
      return 'expected an http(s) URL';
    case 'SLACK_SECRET_ARN':
    case 'GITHUB_SECRET_ARN':
      return 'expected a Secrets Manager ARN';
    case 'SLACK_BOT_TOKEN':
      return 'expected a bot token starting with xoxb-';
    case 'SLACK_BOT_USER_ID':
      return 'expected a user id such as U0123ABCD';
    case 'SLACK_BOT_ID':
      return 'expected a bot id such as B0123ABCD';
    case 'GITHUB_APP_ID':
      return 'expected the GitHub App ID, digits only';
    case 'GITHUB_PRIVATE_KEY':
      return 'expected a PEM private key (-----BEGIN RSA PRIVATE KEY----- …), line breaks as \\n allowed';
    case 'LOG_LEVEL':
      return `expected one of ${LOG_LEVELS.join(', ')}`;
    default:
      return 'expected a non-empty value';
  }
}
