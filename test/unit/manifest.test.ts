import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SLASH_COMMAND } from '../../functions/slack/listeners/commands/htg-command.js';

type Manifest = {
  display_information: { name: string; description: string; long_description: string };
  features: {
    app_home: {
      home_tab_enabled: boolean;
      messages_tab_enabled: boolean;
      messages_tab_read_only_enabled: boolean;
    };
    slash_commands: Array<{ command: string; url?: string; should_escape: boolean }>;
  };
  oauth_config: { scopes: { bot: string[]; user?: string[] } };
  settings: {
    event_subscriptions: { request_url?: string; bot_events: string[]; user_events?: string[] };
    interactivity: { is_enabled: boolean; request_url?: string };
    socket_mode_enabled: boolean;
  };
};

const read = (file: string) =>
  JSON.parse(readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8')) as Manifest;
const deployed = read('manifest.json');
const local = read('manifest.local.json');

describe.each([
  ['manifest.json', deployed],
  ['manifest.local.json', local],
])('%s', (_file, manifest) => {
  it('declares the /htg command the app listens to, with user and channel ids escaped', () => {
    expect(manifest.features.slash_commands.map((c) => c.command)).toEqual([SLASH_COMMAND]);
    expect(manifest.features.slash_commands[0]?.should_escape).toBe(false);
  });

  it('subscribes to exactly the events htg handles and enables interactivity and the Home tab', () => {
    expect(manifest.settings.event_subscriptions.bot_events.sort()).toEqual([
      'app_home_opened',
      'reaction_added',
      'reaction_removed',
    ]);
    expect(manifest.settings.event_subscriptions.user_events).toBeUndefined();
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.features.app_home.home_tab_enabled).toBe(true);
  });

  it('shows the direct messages htg sends (teams, carried-over topics) in a read-only Messages tab', () => {
    expect(manifest.features.app_home.messages_tab_enabled).toBe(true);
    expect(manifest.features.app_home.messages_tab_read_only_enabled).toBe(true);
  });

  it('asks only for the minimal bot scopes and no user scopes', () => {
    expect(manifest.oauth_config.scopes.bot.sort()).toEqual([
      'channels:read',
      'chat:write',
      'commands',
      'files:write',
      'groups:read',
      'im:write',
      'pins:write',
      'reactions:read',
      'users:read',
    ]);
    expect(manifest.oauth_config.scopes.user).toBeUndefined();
  });

  it("fits Slack's length limits for the descriptions", () => {
    expect(manifest.display_information.description.length).toBeLessThanOrEqual(139);
    expect(manifest.display_information.long_description.length).toBeGreaterThanOrEqual(174);
    expect(manifest.display_information.long_description.length).toBeLessThanOrEqual(4000);
  });
});

describe('deployed vs local manifest', () => {
  it('sends commands, interactivity and events to the one Function URL when deployed', () => {
    const urls = [
      deployed.features.slash_commands[0]?.url,
      deployed.settings.interactivity.request_url,
      deployed.settings.event_subscriptions.request_url,
    ];
    expect(new Set(urls).size).toBe(1);
    expect(urls[0]).toMatch(/^https:\/\/.+\.lambda-url\..+\.on\.aws\/slack\/events$/);
    expect(deployed.settings.socket_mode_enabled).toBe(false);
  });

  it('uses Socket Mode locally, with no request URLs', () => {
    expect(local.settings.socket_mode_enabled).toBe(true);
    expect(JSON.stringify(local)).not.toContain('request_url');
    expect(local.features.slash_commands[0]?.url).toBeUndefined();
  });
});
