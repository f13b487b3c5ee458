import { WebClient } from '@slack/web-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  argumentProblems,
  describedMethods,
  takeArgumentRefusals,
} from '../../functions/local/dev/slack-rules/openapi-arguments.js';
import { type SlackStandIn, startSlackStandIn } from '../../functions/local/dev/slack-stand-in.js';

describe("Web API arguments against Slack's OpenAPI description", () => {
  let slack: SlackStandIn;
  let client: WebClient;
  beforeAll(async () => {
    slack = await startSlackStandIn();
    // As Bolt builds a listener's client: with the request's team, which WebClient adds to every call.
    client = new WebClient('xoxb-test', {
      slackApiUrl: slack.url,
      teamId: 'T0SIMTEAM',
      retryConfig: { retries: 0 },
    });
  });
  afterAll(() => slack.close());

  it('reads every method of the description, with its required arguments but never the token', () => {
    expect(describedMethods().size).toBe(174);
    expect([...(describedMethods().get('chat.update')?.required ?? [])].sort()).toEqual(['channel', 'ts']);
    expect(describedMethods().get('views.open')?.required).toEqual(new Set(['trigger_id', 'view']));
  });

  it('lets a call through that WebClient sends as htg does, team_id and token header included', async () => {
    slack.world.join('C0CHANNEL');
    await client.chat.postMessage({ channel: 'C0CHANNEL', text: 'hello', unfurl_links: false });
    expect(slack.callsTo('chat.postMessage').at(-1)?.args).toMatchObject({ team_id: 'T0SIMTEAM' });
    expect(slack.refusals()).toEqual([]);
    expect(takeArgumentRefusals()).toEqual([]);
  });

  it('refuses an argument the method does not take, naming it, as invalid_arguments', async () => {
    const call = client.apiCall('chat.update', { channel: 'C0CHANNEL', ts: '1.2', text: 'x', colour: 'red' });
    await expect(call).rejects.toMatchObject({ data: { error: 'invalid_arguments' } });
    const answer = slack.callsTo('chat.update').at(-1)?.answer;
    expect(answer).toMatchObject({
      ok: false,
      error: 'invalid_arguments',
      response_metadata: { messages: ['[ERROR] unknown argument `colour` for chat.update'] },
    });
    expect(takeArgumentRefusals()).toEqual([
      // With the start of its text, which says in a test's report which message was refused.
      { method: 'chat.update', messages: ['[ERROR] unknown argument `colour` for chat.update'], text: 'x' },
    ]);
  });

  it('refuses a call without a required argument', () => {
    expect(argumentProblems({ method: 'chat.postEphemeral', args: { channel: 'C1', text: 'x' } })).toEqual([
      '[ERROR] missing required argument `user` for chat.postEphemeral',
    ]);
    expect(argumentProblems({ method: 'views.publish', args: { view: '{}' } })).toEqual([
      '[ERROR] missing required argument `user_id` for views.publish',
    ]);
  });

  it('allows documented arguments newer than the description, and methods it does not cover', () => {
    expect(argumentProblems({ method: 'chat.postMessage', args: { channel: 'C1', metadata: '{}' } })).toEqual(
      [],
    );
    expect(
      argumentProblems({ method: 'files.getUploadURLExternal', args: { filename: 'a.md', length: '3' } }),
    ).toEqual([]);
  });
});
