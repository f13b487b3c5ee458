/**
 * `npm run bench`: builds the real Lambda bundles and measures them on this machine. Every ratio is computed
 * within the run (against an empty handler loaded in the same way), so figures from a noisy machine compare.
 * Writes bench/results/latest.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { buildVariant, emptyVariant, measureLoads } from './cold-load.js';
import { benchVoting } from './voting.js';

const runs = Number(process.env.BENCH_RUNS ?? 15);

/** The environment a deployed ingress sees, minus the secret lookup (credentials come from variables). */
const ingressEnv: NodeJS.ProcessEnv = {
  PATH: process.env.PATH,
  AWS_REGION: 'eu-central-1',
  TABLE_NAME: 'bench',
  SLACK_SIGNING_SECRET: 'bench-signing-secret',
  SLACK_BOT_TOKEN: 'xoxb-bench-token',
  SLACK_BOT_USER_ID: 'U0BENCH',
  LOG_LEVEL: 'warn',
  AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE: '1',
};

const variants = [
  emptyVariant(),
  await buildVariant('ingress, SDK bundled (deployed)', 'functions/ingress/index.ts'),
  await buildVariant('ingress, SDK from node_modules', 'functions/ingress/index.ts', true),
];
console.log(`Loading ${variants.length} variants × ${runs} fresh Node ${process.version} processes…`);
const loads = measureLoads(variants, runs, ingressEnv);
const empty = loads[0];
if (!empty) throw new Error('no baseline');

const rows = loads.map((load) => ({
  ...load,
  wallRatio: load.wallMsMedian / empty.wallMsMedian,
}));
console.table(
  rows.map((row) => ({
    variant: row.name,
    'size KB': (row.bytes / 1000).toFixed(0),
    'process ms (median)': row.wallMsMedian.toFixed(1),
    '× empty': row.wallRatio.toFixed(2),
    'import ms': row.importMsMedian.toFixed(1),
    'peak RSS MiB': row.maxRssMiBMedian.toFixed(1),
  })),
);

const slackDelayMs = Number(process.env.BENCH_SLACK_DELAY_MS ?? 0);
console.log(
  `\nVoting: 2,000-event burst and warm votes over DynamoDB Local (Slack stand-in delay ${slackDelayMs} ms)…`,
);
const voting = await benchVoting({ slackDelayMs });
console.table({
  'burst (2,000 events, concurrency 32)': {
    'events/s': voting.burst.eventsPerSecond.toFixed(0),
    'p50 ms': voting.burst.handlerMsP50.toFixed(1),
    'p99 ms': voting.burst.handlerMsP99.toFixed(1),
    exact: voting.burst.exact,
    'chat.update calls': voting.burst.chatUpdates,
  },
  [`warm vote (${voting.warmVote.runs} in a row)`]: {
    'events/s': '',
    'p50 ms': voting.warmVote.msP50.toFixed(1),
    'p99 ms': voting.warmVote.msP99.toFixed(1),
    exact: '',
    'chat.update calls': '',
  },
});

mkdirSync('bench/results', { recursive: true });
writeFileSync(
  'bench/results/latest.json',
  `${JSON.stringify({ node: process.version, date: new Date().toISOString(), runs, coldLoad: rows, voting, slackDelayMs }, null, 2)}\n`,
);
console.log('Figures written to bench/results/latest.json');
