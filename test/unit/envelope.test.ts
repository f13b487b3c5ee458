import { describe, expect, it } from 'vitest';
import { slackPayloadJson, slackPayloadText } from '../../functions/local/dev/slack-payloads.js';
import { checkEnvelope } from '../../functions/slack/envelope.js';

const FORM = 'application/x-www-form-urlencoded';
const form = (payload: unknown) => new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
const action = slackPayloadJson('blockAction');
const submission = slackPayloadJson('viewSubmission');
const event = slackPayloadJson('event');
const command = slackPayloadText('command').trim();

describe('checkEnvelope', () => {
  it("passes Slack's real payloads of every kind", () => {
    expect(checkEnvelope(command, FORM)).toEqual({ ok: true });
    expect(checkEnvelope(form(action), FORM)).toEqual({ ok: true });
    expect(checkEnvelope(form(submission), FORM)).toEqual({ ok: true });
    expect(checkEnvelope(JSON.stringify(event), 'application/json')).toEqual({ ok: true });
    expect(checkEnvelope('ssl_check=1&token=x', FORM)).toEqual({ ok: true });
    const userChange = { ...event, event: { type: 'user_change', user: { id: 'U1' }, event_ts: '1.2' } };
    expect(checkEnvelope(JSON.stringify(userChange), 'application/json')).toEqual({ ok: true });
    expect(
      checkEnvelope(JSON.stringify({ type: 'url_verification', challenge: 'abc' }), 'application/json'),
    ).toEqual({
      ok: true,
    });
  });

  it('refuses what Bolt or a listener would read blindly, naming where', () => {
    const refused = (body: string, type = FORM) => {
      const verdict = checkEnvelope(body, type);
      return verdict.ok ? 'ok' : verdict.reason;
    };
    expect(refused(form({ ...action, actions: 'AAAA' }))).toBe('malformed button action (actions)');
    expect(refused(form({ ...action, actions: [] }))).toBe('malformed button action (actions)');
    expect(refused(form({ ...action, user: null }))).toBe('malformed button action (user)');
    expect(refused(form({ ...submission, view: { ...(submission.view as object), callback_id: 5 } }))).toBe(
      'malformed view payload (view.callback_id)',
    );
    expect(
      refused(
        JSON.stringify({ ...event, event: { type: 'reaction_added', user: null } }),
        'application/json',
      ),
    ).toBe('malformed event (event.user)');
    expect(
      refused(
        JSON.stringify({
          ...event,
          event: { type: 'reaction_added', user: 'U1', reaction: 'x', item: 4, event_ts: '1' },
        }),
        'application/json',
      ),
    ).toBe('malformed event (event.item)');
    expect(refused(JSON.stringify({ type: 'app_rate_limited', event: 'x' }), 'application/json')).toBe(
      'malformed event (event)',
    );
    expect(refused(`${command}&user_id=again`)).toBe('malformed command (user_id)');
    expect(refused('payload=%7B%22type%22%3A')).toBe('a body that is not JSON or a form');
    expect(refused('[1,2]', 'application/json')).toBe('a body that is not an object');
    expect(refused('{"no":"type"}', 'application/json')).toBe('a payload without a type');
  });
});
