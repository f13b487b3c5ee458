/**
 * What each Lambda may do with the table: item-level actions only (transactions authorise through these), no
 * Scan. Kept apart from the constructs so the end-to-end tests can check every DynamoDB call the handlers make
 * against them without loading the CDK.
 */

/** The ingress: reads, writes and transactions on the table and its index (the workspace's hackathons). */
export const INGRESS_TABLE_ACTIONS = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:ConditionCheckItem',
] as const;

/**
 * The refresher, on the table only (no index): it reads topics, votes and teams, attaches cards, repairs votes
 * when voting closes, applies published teams (members join and leave: Delete), records what it told whom, and
 * reads a team's GitHub logins in one batch (BatchGetItem).
 */
export const REFRESHER_TABLE_ACTIONS = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
] as const;

/** The scheduled-jobs Lambda, on the table only: it reads hackathons and topics, closes voting, records jobs and claims executions. */
export const SCHEDULED_JOBS_TABLE_ACTIONS = REFRESHER_TABLE_ACTIONS.filter(
  (action) => action !== 'dynamodb:BatchGetItem',
);
