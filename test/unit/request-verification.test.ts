import { describe, expect, it } from 'vitest';
import { signedFunctionUrlEvent } from '../../functions/local/dev/signed-request.js';
import {
  normalizeFunctionUrlEvent,
  signRequest,
  verifySlackSignature,
} from '../../functions/slack/request-verification.js';

describe('signRequest', () => {
  it("computes Slack's documented example signature", () => {
    // The worked example in Slack's "Verifying requests from Slack" guide.
    const body =
      'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c';
    expect(signRequest('8f742231b10e8888abcd99yyyzzz85a5', '1531420618', body)).toBe(
      'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503',
    );
  });
});

describe('verifySlackSignature', () => {
  const signingSecret = 'secret-for-unit-tests';
  const rawBody = 'type=anything';
  const now = 1_800_000_000;
  const signed = (timestamp: number) => ({
    signingSecret,
    rawBody,
    timestamp: String(timestamp),
    signature: signRequest(signingSecret, String(timestamp), rawBody),
    nowSeconds: now,
  });

  it('accepts a fresh, correctly signed request', () => {
    expect(verifySlackSignature(signed(now - 10))).toEqual({ ok: true });
  });

  it('accepts up to five minutes of clock difference either way, and no more', () => {
    expect(verifySlackSignature(signed(now - 300))).toEqual({ ok: true });
    expect(verifySlackSignature(signed(now + 300))).toEqual({ ok: true });
    expect(verifySlackSignature(signed(now - 301))).toEqual({ ok: false, reason: 'stale-timestamp' });
    expect(verifySlackSignature(signed(now + 301))).toEqual({ ok: false, reason: 'stale-timestamp' });
  });

  it('refuses a changed body, a signature of another length and a non-numeric timestamp', () => {
    expect(verifySlackSignature({ ...signed(now), rawBody: 'type=other' })).toEqual({
      ok: false,
      reason: 'bad-signature',
    });
    expect(verifySlackSignature({ ...signed(now), signature: 'v0=abc' })).toEqual({
      ok: false,
      reason: 'bad-signature',
    });
    expect(verifySlackSignature({ ...signed(now), timestamp: '1e9' })).toEqual({
      ok: false,
      reason: 'stale-timestamp',
    });
  });

  it('refuses a request without the headers', () => {
    expect(verifySlackSignature({ ...signed(now), signature: undefined })).toEqual({
      ok: false,
      reason: 'missing-headers',
    });
    expect(verifySlackSignature({ ...signed(now), timestamp: undefined })).toEqual({
      ok: false,
      reason: 'missing-headers',
    });
  });
});

describe('normalizeFunctionUrlEvent', () => {
  it('decodes a base64 body as UTF-8 and reduces Content-Type to its media type', () => {
    const event = signedFunctionUrlEvent({
      body: 'text=caf%C3%A9 ☕',
      contentType: 'application/x-www-form-urlencoded; charset=utf-8',
      base64: true,
      headers: { 'X-Custom': 'kept' },
    });
    const normalized = normalizeFunctionUrlEvent(event);
    expect(normalized.body).toBe('text=caf%C3%A9 ☕');
    expect(normalized.isBase64Encoded).toBe(false);
    expect(normalized.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(normalized.headers['x-custom']).toBe('kept');
  });

  it('turns a missing body into an empty one', () => {
    const event = {
      ...signedFunctionUrlEvent({ body: '', contentType: 'application/json' }),
      body: undefined,
    };
    expect(normalizeFunctionUrlEvent(event).body).toBe('');
  });
});
