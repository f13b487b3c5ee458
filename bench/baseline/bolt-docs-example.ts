/**
 * The naive baseline `npm run bench` compares the ingress with: Bolt's documented AWS Lambda example
 * (https://docs.slack.dev/tools/bolt-js/deployments/aws-lambda: an App with a token and an AwsLambdaReceiver,
 * a handler that awaits `receiver.start()`) plus a DynamoDB Document client that stores a vote, bundled the
 * way the issue describes (esbuild, minified, everything bundled, no stubs).
 *
 * Two changes to the documented example, both in the baseline's favour or needed offline: token verification
 * is off (the example calls auth.test while the module loads; here there is no Slack to answer it), and the
 * Web API and DynamoDB endpoints come from the environment so the bench can point them at its stand-ins.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { App, AwsLambdaReceiver } from '@slack/bolt';

const awsLambdaReceiver = new AwsLambdaReceiver({ signingSecret: process.env.SLACK_SIGNING_SECRET ?? '' });

const app = new App({
  token: process.env.SLACK_BOT_TOKEN,
  receiver: awsLambdaReceiver,
  tokenVerificationEnabled: false,
  clientOptions: { slackApiUrl: process.env.SLACK_API_URL },
});

const db = DynamoDBDocumentClient.from(
  new DynamoDBClient(
    process.env.DYNAMODB_ENDPOINT
      ? {
          endpoint: process.env.DYNAMODB_ENDPOINT,
          region: 'local',
          credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
        }
      : {},
  ),
);

// A vote, stored the simplest way: one counter per message, one update.
app.event('reaction_added', async ({ event }) => {
  if (event.item.type !== 'message') return;
  await db.send(
    new UpdateCommand({
      TableName: process.env.TABLE_NAME,
      Key: { pk: `BASELINE#${event.item.channel}`, sk: event.item.ts },
      UpdateExpression: 'ADD votes :one',
      ExpressionAttributeValues: { ':one': 1 },
    }),
  );
});

// The documented handler passes (event, context, callback); Bolt 5's AwsHandler takes (event, context).
export const handler = async (event: unknown, context: unknown) => {
  const lambdaHandler = await awsLambdaReceiver.start();
  return lambdaHandler(event as never, context as never);
};
