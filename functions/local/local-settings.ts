/** The settings `npm start` needs to reach Slack, with where to find each. */
const LOCAL_SLACK_SETTINGS = [
  {
    name: 'SLACK_BOT_TOKEN',
    pattern: /^xoxb-/,
    shape: 'xoxb-…',
    where:
      'your Slack app → OAuth & Permissions → Bot User OAuth Token (install the app to your workspace first)',
  },
  {
    name: 'SLACK_APP_TOKEN',
    pattern: /^xapp-/,
    shape: 'xapp-…',
    where:
      'your Slack app → Basic Information → App-Level Tokens → Generate, with the scope connections:write',
  },
] as const;

export interface MissingSetting {
  name: string;
  shape: string;
  where: string;
  problem: 'missing' | 'malformed';
}

/** Which Slack settings are absent or do not look like the token they should be. */
export function missingLocalSlackSettings(env: NodeJS.ProcessEnv): MissingSetting[] {
  return LOCAL_SLACK_SETTINGS.flatMap(({ name, pattern, shape, where }): MissingSetting[] => {
    const value = env[name]?.trim();
    if (!value) return [{ name, shape, where, problem: 'missing' }];
    if (!pattern.test(value)) return [{ name, shape, where, problem: 'malformed' }];
    return [];
  });
}

/** The text `npm start` prints when it cannot connect to Slack: what is missing, how to get it, what works anyway. */
export function missingSettingsReport(missing: readonly MissingSetting[]): string {
  return [
    'htg cannot connect to Slack: it needs these settings in .env (or the environment):',
    '',
    ...missing.map(
      ({ name, shape, where, problem }) =>
        `  ${name} (${shape}) is ${problem === 'missing' ? 'not set' : `set but does not start with ${shape.slice(0, 5)}`}\n    → ${where}`,
    ),
    '',
    'To get them: create the app from manifest.local.json (api.slack.com/apps → Create New App → From a manifest),',
    'install it to your workspace, then copy .env.example to .env and fill it in. The README has the steps.',
    '',
    'Works without Slack credentials:',
    '  npm run rehearsal   a whole hackathon played offline against the real handlers, with a transcript and HTML',
    '  npm test        unit, integration (DynamoDB Local), CDK and end-to-end tests with signed Slack requests',
    '  npm run synth   the deployable CloudFormation template (no AWS credentials needed)',
  ].join('\n');
}
