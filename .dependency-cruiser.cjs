/**
 * The dependency direction htg keeps (README, "Architecture"), checked by `npm run lint:deps` in `npm test`:
 * the domain imports only the domain; use-cases (app) only the domain and each other; adapters never the Bolt
 * listeners; nothing under functions/ imports the tests; no import cycles, type-only ones included.
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
      name: 'app-only-domain',
      severity: 'error',
      comment:
        'Use-cases depend on the domain and on ports they declare, never on an adapter, Bolt or a Lambda.',
      from: { path: '^functions/app/' },
      to: { path: '^functions/(?!app/|domain/)' },
    },
    {
      name: 'adapters-not-listeners',
      severity: 'error',
      comment: 'Adapters are called by listeners and handlers, never the other way round.',
      from: { path: '^functions/adapters/' },
      to: { path: '^functions/slack/listeners/' },
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
