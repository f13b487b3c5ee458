import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
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

/**
 * Slack's JSON Schema (draft-07) of the app manifest, version 2 (slackapi/manifest-schema; see
 * test/fixtures/slack-reference/SOURCES.md), compiled by Ajv, whose default dialect is draft-07. Strict, except
 * for Ajv's lint of how the schema itself is written (`strictTypes`: it states `minItems` without `type: array`
 * and union types in places, which changes nothing for a manifest). Two keywords of Slack's are not JSON Schema:
 * `_note` is a comment; `regex` (on display_information.background_color) is meant as `pattern`, and is held
 * as one here.
 */
const validateManifest = (() => {
  const schema = JSON.parse(
    readFileSync(new URL('../fixtures/slack-reference/manifest.schema.2.0.0.json', import.meta.url), 'utf8'),
  ) as Record<string, unknown>;
  const ajv = new Ajv({ allErrors: true, strict: true, strictTypes: false });
  ajv.addKeyword('_note');
  ajv.addKeyword({
    keyword: 'regex',
    type: 'string',
    schemaType: 'string',
    validate: (pattern: string, value: string) => new RegExp(pattern, 'u').test(value),
  });
  // The one format the schema uses, on the manifest's optional `$schema`.
  ajv.addFormat('uri', (value: string) => URL.canParse(value));
  return ajv.compile(schema);
})();

/** Where and why a manifest breaks Slack's schema, one line per problem (empty when it holds). */
function schemaProblems(manifest: unknown): string[] {
  if (validateManifest(manifest)) return [];
  return (validateManifest.errors ?? []).map(
    (error) => `${error.instancePath || '/'} ${error.message ?? ''} ${JSON.stringify(error.params)}`,
  );
}

describe.each([
  ['manifest.json', deployed],
  ['manifest.local.json', local],
])('%s', (_file, manifest) => {
  it("holds to Slack's manifest JSON Schema", () => {
    expect(schemaProblems(manifest)).toEqual([]);
  });

  it('declares the /htg command the app listens to, with user and channel ids escaped', () => {
    expect(manifest.features.slash_commands.map((c) => c.command)).toEqual([SLASH_COMMAND]);
    expect(manifest.features.slash_commands[0]?.should_escape).toBe(false);
  });

  it('subscribes to exactly the events htg handles and enables interactivity and the Home tab', () => {
    expect(manifest.settings.event_subscriptions.bot_events.sort()).toEqual([
      'app_home_opened',
      'member_joined_channel',
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

describe("Slack's manifest JSON Schema", () => {
  it('refuses what Slack would refuse in a manifest', () => {
    const broken = structuredClone(deployed) as unknown as Record<string, Record<string, unknown>>;
    (broken.display_information as Record<string, unknown>).description = 'x'.repeat(141);
    (broken.display_information as Record<string, unknown>).background_color = 'green';
    (broken.settings as Record<string, unknown>).socket_mode = true;
    const problems = schemaProblems(broken);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringContaining('/display_information/description must NOT have more than 140 characters'),
        expect.stringContaining('/display_information/background_color must pass "regex" keyword validation'),
        expect.stringContaining(
          '/settings must NOT have additional properties {"additionalProperty":"socket_mode"}',
        ),
      ]),
    );
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
