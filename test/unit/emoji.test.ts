import { describe, expect, it } from 'vitest';
import { canonicalEmojiName } from '../../functions/domain/emoji.js';
import { reactionKind } from '../../functions/domain/vote.js';
import {
  asSlackReportsReactions,
  emojiNames,
  slackReactionName,
} from '../../functions/local/dev/slack-rules/emoji.js';

describe('canonicalEmojiName', () => {
  it.each([
    [':thumbsup:', '+1'],
    ['thumbsup', '+1'],
    [':+1:', '+1'],
    [':raised_hand:', 'hand'],
    ['hand', 'hand'],
    [' :Thumbsup: ', '+1'],
    [':satisfied:', 'laughing'],
    [':thumbsdown:', '-1'],
  ])('gives %j as Slack reports it: %j', (typed, canonical) => {
    expect(canonicalEmojiName(typed)).toBe(canonical);
  });

  it('drops a skin tone, as typed in Slack or as Slack sends it', () => {
    expect(canonicalEmojiName(':thumbsup::skin-tone-2:')).toBe('+1');
    expect(canonicalEmojiName('+1::skin-tone-6')).toBe('+1');
    expect(canonicalEmojiName('raised_hand::skin-tone-3')).toBe('hand');
  });

  it('keeps names it does not know (custom emoji) and canonical names as typed, lower case', () => {
    expect(canonicalEmojiName(':gardener-party:')).toBe('gardener-party');
    expect(canonicalEmojiName('ship_it')).toBe('ship_it');
    expect(canonicalEmojiName('arrow_up')).toBe('arrow_up');
    expect(canonicalEmojiName('Rocket')).toBe('rocket');
  });

  it('gives an empty name for nothing but colons or spaces', () => {
    expect(canonicalEmojiName('  ')).toBe('');
    expect(canonicalEmojiName('::')).toBe('');
  });
});

describe('reactionKind', () => {
  it('compares names as Slack reports them, also for emoji saved as typed before they were canonicalised', () => {
    const saved = { voteEmoji: 'thumbsup', workEmoji: 'raised_hand' };
    expect(reactionKind(saved, '+1')).toBe('vote');
    expect(reactionKind(saved, '+1::skin-tone-4')).toBe('vote');
    expect(reactionKind(saved, 'hand')).toBe('interest');
    expect(reactionKind({ voteEmoji: '+1', workEmoji: 'hand' }, 'hand::skin-tone-2')).toBe('interest');
    expect(reactionKind(saved, '-1')).toBeNull();
  });
});

describe("the stand-in's emoji names", () => {
  it('delivers reactions by canonical name, keeping the skin tone as Slack does', () => {
    expect(slackReactionName('thumbsup')).toBe('+1');
    expect(slackReactionName(':raised_hand::skin-tone-3:')).toBe('hand::skin-tone-3');
    expect(slackReactionName('gardener-vote')).toBe('gardener-vote');
  });

  it('answers reactions.get by canonical names, merging what a test described by aliases', () => {
    const answer = asSlackReportsReactions({
      ok: true,
      message: {
        ts: '1.2',
        reactions: [
          { name: 'thumbsup', users: ['U1'], count: 1 },
          { name: '+1', users: ['U2', 'U1'], count: 2 },
          { name: 'raised_hand::skin-tone-2', users: ['U3'], count: 1 },
        ],
      },
    });
    expect(answer).toEqual({
      ok: true,
      message: {
        ts: '1.2',
        reactions: [
          { name: '+1', users: ['U1', 'U2'], count: 2 },
          { name: 'hand::skin-tone-2', users: ['U3'], count: 1 },
        ],
      },
    });
  });

  it('refuses reactions.add with something that is no emoji name, and takes aliases', () => {
    const world = {} as Parameters<typeof emojiNames>[1];
    const add = (name: string) => emojiNames({ method: 'reactions.add', args: { name } }, world);
    expect(add('thumbsup')).toBeUndefined();
    expect(add('+1::skin-tone-2')).toBeUndefined();
    expect(add(':thumbsup:')).toEqual({ error: 'invalid_name' });
    expect(add('Thumbs Up')).toEqual({ error: 'invalid_name' });
  });
});
