/**
 * `npm run restore -- <export.json>`: writes a hackathon exported as JSON (by `/htg export`, organizers) back into
 * the table named by TABLE_NAME, in AWS (AWS_REGION and credentials) or in DynamoDB Local (DYNAMODB_ENDPOINT).
 * Items already in the table are never overwritten: the restore stops at the first one.
 */
import { readFileSync } from 'node:fs';
import { restoreHackathon } from '../adapters/dynamodb/hackathon-export.js';
import { connectTable } from '../adapters/dynamodb/stores.js';

// Lambda runs Node.js 22 or newer; on this machine's Node 20 the AWS SDK would warn about its plans for 2027 on
// every run, which is not something a newcomer has to act on here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const file = process.argv[2];
const tableName = process.env.TABLE_NAME;
if (!file || !tableName) {
  console.error(
    'Usage: TABLE_NAME=<table> [AWS_REGION=… | DYNAMODB_ENDPOINT=…] npm run restore -- <export.json>',
  );
  process.exit(2);
}
try {
  const table = connectTable({
    tableName,
    region: process.env.AWS_REGION ?? 'local',
    dynamoDbEndpoint: process.env.DYNAMODB_ENDPOINT,
  });
  const { items } = await restoreHackathon(table, JSON.parse(readFileSync(file, 'utf8')));
  console.log(`Restored ${items} items into ${tableName}.`);
} catch (error) {
  console.error(`Restore failed: ${(error as Error).message}`);
  process.exit(1);
}
