/**
 * Stands in, inside htg's Lambda bundles only, for @smithy/core/event-streams: the AWS SDK loads it with
 * `import()` only for operations that stream events (HttpProtocol), and neither DynamoDB nor Secrets Manager has
 * one. Bundled, it was 11 KB that every cold start parsed (`npm run bench`); if it were ever called, this fails
 * loudly instead of misbehaving. lib/bundling.ts lists it.
 */
function notBundled(name) {
  return () => {
    throw new Error(
      `${name} (@smithy/core/event-streams) is not bundled into htg's Lambda functions (see lib/bundling.ts)`,
    );
  };
}

export const EventStreamSerde = notBundled('EventStreamSerde');
export const eventStreamSerdeProvider = notBundled('eventStreamSerdeProvider');
