import { describe, expect, it } from 'vitest';
import { missingLocalSlackSettings, missingSettingsReport } from '../../functions/local/local-settings.js';

describe('missingLocalSlackSettings', () => {
  it('is empty when both tokens look right', () => {
    expect(missingLocalSlackSettings({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' })).toEqual([]);
  });

  it('reports missing and malformed tokens with where to get them', () => {
    const missing = missingLocalSlackSettings({ SLACK_BOT_TOKEN: 'xoxp-user-token' });
    expect(missing.map(({ name, problem }) => [name, problem])).toEqual([
      ['SLACK_BOT_TOKEN', 'malformed'],
      ['SLACK_APP_TOKEN', 'missing'],
    ]);
    const report = missingSettingsReport(missing);
    expect(report).toContain('SLACK_BOT_TOKEN (xoxb-…) is set but does not start with xoxb-');
    expect(report).toContain('SLACK_APP_TOKEN (xapp-…) is not set');
    expect(report).toContain('App-Level Tokens');
    expect(report).toContain('manifest.local.json');
    expect(report).toContain('npm test');
    expect(report).not.toContain('xoxp-user-token');
  });
});
