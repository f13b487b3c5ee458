/**
 * The dependency direction htg keeps (README, "Architecture"), checked by `npm run lint:deps` in `npm test`:
 * the domain imports only the domain; Markdown (functions/markdown, a format beside the domain) only the domain
 * and mdast; use-cases (app) only the domain, Markdown and each other; adapters never the Bolt listeners; nothing
 * under functions/ imports the tests; no import cycles, type-only ones included.
 */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'An import cycle, type-only ones included: a reader cannot tell which module comes first.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'domain-only-domain',
      severity: 'error',
      comment:
        'The domain (rules about hackathons, topics, votes) imports nothing of the app, adapters or Slack.',
      from: { path: '^functions/domain/' },
      to: { path: '^functions/(?!domain/)' },
    },
    {
      name: 'markdown-only-domain',
      severity: 'error',
      comment:
        'Writing and reading Markdown is a format, not a domain rule: pure functions over the domain types ' +
        '(and mdast, for the topic-list parser; packages are not cruised), never a use-case, adapter or Slack.',
      from: { path: '^functions/markdown/' },
      to: { path: '^functions/(?!domain/|markdown/)' },
    },
    {
      name: 'markdown-without-io',
      severity: 'error',
      comment: 'Markdown in, data out (and back): no Node.js module, so no file, network or process.',
      from: { path: '^functions/markdown/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'app-only-domain',
      severity: 'error',
      comment:
        'Use-cases depend on the domain, the Markdown format and on ports they declare, never on an adapter, ' +
        'Bolt or a Lambda.',
      from: { path: '^functions/app/' },
      to: { path: '^functions/(?!app/|domain/|markdown/)' },
    },
    {
      name: 'adapters-not-listeners',
      severity: 'error',
      comment: 'Adapters are called by listeners and handlers, never the other way round.',
      from: { path: '^functions/adapters/' },
      to: { path: '^functions/slack/listeners/' },
    },
    {
      name: 'runtime-only-from-starters',
      severity: 'error',
      comment:
        'functions/runtime/ builds each process (ingress, refresher, scheduled jobs) from what differs between ' +
        'them. Only what starts a process calls it: the Lambda entries, npm start and the rehearsal ' +
        '(functions/local), the tests and the bench. Code inside the graph never wires itself.',
      from: {
        path: '^functions/',
        pathNot: '^functions/((ingress|refresher|scheduled)/index\\.ts$|local/(?!dev/)|runtime/)',
      },
      to: { path: '^functions/runtime/' },
    },
    {
      name: 'ingress-entry-only-ingress',
      severity: 'error',
      comment:
        'The ingress cold start pays for every module it loads: the refresher and the scheduled jobs stay out ' +
        'of its import graph.',
      from: { path: '^functions/ingress/index\\.ts$' },
      to: { path: '^functions/(runtime/(refresher|scheduled)|refresher/|scheduled/)', reachable: true },
    },
    {
      name: 'scheduled-entry-without-slack',
      severity: 'error',
      comment:
        'The scheduled jobs never talk to Slack and may not read its secret (see the CDK test). What imports ' +
        "Slack's packages or the Secrets Manager client (Slack adapters and views, the other builders) stays out " +
        'of their import graph, so their bundle stays small. Packages are not cruised: the rule names the files.',
      from: { path: '^functions/scheduled/index\\.ts$' },
      to: {
        path: '^functions/((slack|adapters/slack|local)/|runtime/(?!scheduled\\.ts$))',
        reachable: true,
      },
    },
    {
      name: 'product-not-tests',
      severity: 'error',
      comment: 'Product code (and the development module under functions/local/dev) never imports the tests.',
      from: { path: '^(functions|lib|bin)/' },
      to: { path: '^test/' },
    },
    {
      name: 'bench-only-builders',
      severity: 'error',
      comment:
        'The bench runs what functions/local/dev offers; of the tests it only borrows the data builders ' +
        '(test/helpers/builders.ts) to make its hackathons and topics.',
      from: { path: '^bench/' },
      to: { path: '^test/(?!helpers/builders\\.ts$)' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '^(node_modules|cdk\\.out|\\.build|\\.local)/' },
  },
};
