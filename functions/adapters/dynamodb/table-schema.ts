/**
 * The single table's physical schema, defined once and used by both the CDK stack
 * (lib/constructs/htg-table.ts) and the local runtime and tests (DynamoDB Local).
 * Only attribute names and index names live here; what goes into the keys is keys.ts's business.
 */
export const tableSchema = {
  partitionKey: 'pk',
  sortKey: 'sk',
  /** The one global secondary index, projected ALL. */
  gsi1: { indexName: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
  /** Epoch seconds; DynamoDB deletes the item some time after this moment. */
  timeToLiveAttribute: 'expiresAt',
  /** Every item carries its entity type in this attribute. */
  entityAttribute: 'entity',
} as const;
