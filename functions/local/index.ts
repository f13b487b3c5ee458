/**
 * `npm start`: the bot on a developer's machine. DynamoDB Local (embedded, data in .local/) instead of
 * DynamoDB, Socket Mode instead of the Function URL, a stream poller instead of the event source mapping,
 * timers instead of EventBridge Scheduler; the listeners, the refresher and the scheduled jobs are the ones the
 * Lambdas run.
 */
import { existsSync } from 'node:fs';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { App } from '@slack/bolt';
import { createDynamoDbClient } from '../adapters/dynamodb/client.js';
import { connectTable, createStores } from '../adapters/dynamodb/stores.js';
import { type DynamoDbLocal, startDynamoDbLocal } from '../adapters/local/dynamodb-local.js';
import { ensureTable } from '../adapters/local/ensure-table.js';
import { createLocalScheduler, type LocalScheduler } from '../adapters/local/local-scheduler.js';
import { openStreamReader, pollStream } from '../adapters/local/stream-reader.js';
import { createLogger } from '../adapters/logger.js';
import { loadRuntimeConfig } from '../adapters/runtime-config.js';
import { offRequestSlackClient } from '../adapters/slack/off-request-client.js';
import { SlackPacer } from '../adapters/slack/pacer.js';
import { syncSchedules } from '../app/schedules.js';
import { buildSocketModeIngress } from '../runtime/ingress.js';
import { buildRefresher } from '../runtime/refresher.js';
import { buildScheduledJobs } from '../runtime/scheduled.js';
import { missingLocalSlackSettings, missingSettingsReport } from './local-settings.js';

// Lambda runs Node.js 22 or newer; on this machine's Node 20 the AWS SDK would warn about its plans for 2027 on
// every run, which is not something a newcomer has to act on here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

if (existsSync('.env')) process.loadEnvFile('.env');

const missing = missingLocalSlackSettings(process.env);
if (missing.length > 0) {
  console.error(missingSettingsReport(missing));
  if (process.env.HTG_REHEARSAL === 'off') process.exit(1);
  // Without Slack, show the whole product anyway: a hackathon played offline (HTG_REHEARSAL=off skips it).
  console.error('\nMeanwhile, here is htg at work without Slack (HTG_REHEARSAL=off skips this):\n');
  const { rehearseOffline } = await import('./rehearsal-cli.js');
  process.exit(await rehearseOffline());
}

const env = process.env;
const botToken = env.SLACK_BOT_TOKEN as string;
const appToken = env.SLACK_APP_TOKEN as string;
let dynamo: DynamoDbLocal | undefined;
let app: App | undefined;
let poller: { stop(): Promise<void> } | undefined;
let scheduler: LocalScheduler | undefined;

async function shutdown(code: number): Promise<never> {
  process.off('SIGINT', onSignal).off('SIGTERM', onSignal);
  scheduler?.stop();
  await poller?.stop().catch(() => undefined);
  await app?.stop().catch(() => undefined);
  await dynamo?.stop();
  process.exit(code);
}
function onSignal() {
  console.log('\nStopping htg and DynamoDB Local…');
  void shutdown(0);
}
process.on('SIGINT', onSignal).on('SIGTERM', onSignal);

try {
  dynamo = await startDynamoDbLocal({ dbPath: env.HTG_LOCAL_DATA ?? '.local/dynamodb' });
  const localEnv = {
    ...env,
    TABLE_NAME: env.TABLE_NAME ?? 'htg-local',
    DYNAMODB_ENDPOINT: dynamo.endpoint,
    SLACK_SECRET_ARN: '',
  };
  // One pacer for every off-request Slack call of this process, as in a Lambda.
  const pacer = new SlackPacer();
  // Locally an auth.test at start is fine; it saves the developer looking up the bot's ids. It goes through
  // the Lambdas' off-request client: a Slack that does not answer fails the start within a minute instead of
  // being retried for half an hour (the Web API client's default).
  const identity = env.SLACK_BOT_USER_ID
    ? { user_id: env.SLACK_BOT_USER_ID, bot_id: env.SLACK_BOT_ID }
    : await offRequestSlackClient(
        botToken,
        loadRuntimeConfig(localEnv, { slack: false }).slackApiUrl,
        pacer,
      ).auth.test();
  const config = loadRuntimeConfig({
    ...localEnv,
    SLACK_BOT_USER_ID: identity.user_id,
    SLACK_BOT_ID: identity.bot_id,
    // Socket Mode connections are authenticated by the app-level token; there are no request signatures.
    SLACK_SIGNING_SECRET: env.SLACK_SIGNING_SECRET ?? 'unused-in-socket-mode',
  });
  if (config.slack.source !== 'environment') throw new Error('Locally, Slack credentials come from .env');
  const { credentials } = config.slack;
  const { slackApiUrl } = config;
  const logger = createLogger({ level: config.logLevel, name: 'local' });
  await ensureTable(
    createDynamoDbClient({ region: config.region, endpoint: config.dynamoDbEndpoint }),
    config.tableName,
  );
  const table = connectTable(config);

  app = buildSocketModeIngress({ appToken, credentials, slackApiUrl, table, logger });
  await app.start();

  // Timers in this process fire the scheduled-jobs handler, as EventBridge Scheduler does in AWS.
  scheduler = createLocalScheduler({
    run: buildScheduledJobs({ table, logger }),
    onError: (error, event) => logger.error(`Scheduled ${event.kind} for ${event.hackathonId} failed`, error),
  });
  // The table's stream drives the refresher, as the event source mapping does in AWS.
  const refresher = buildRefresher({ credentials, slackApiUrl, table, scheduler, logger, pacer });
  // Timers do not outlive the process: arm the schedules of every hackathon already in the table.
  const stores = createStores(table);
  const { Items = [] } = await table.documents.send(
    new ScanCommand({
      TableName: config.tableName,
      FilterExpression: '#entity = :hackathon',
      ExpressionAttributeNames: { '#entity': 'entity' },
      ExpressionAttributeValues: { ':hackathon': 'hackathon' },
    }),
  );
  for (const item of Items) await syncSchedules({ ...stores, scheduler }, String(item.id), new Date());
  const reader = await openStreamReader({
    endpoint: dynamo.endpoint,
    tableName: config.tableName,
    from: 'LATEST',
  });
  poller = pollStream(
    reader,
    async (records) => {
      await refresher({ Records: records });
    },
    { onError: (error) => logger.error('Reading the table stream failed', error) },
  );
  console.log(
    `htg is running over Socket Mode. DynamoDB Local: ${dynamo.endpoint} (table ${config.tableName}). Ctrl-C stops both.`,
  );
} catch (error) {
  console.error(`htg could not start: ${(error as Error).message}`);
  await shutdown(1);
}
