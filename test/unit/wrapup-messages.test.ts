import { describe, expect, it } from 'vitest';
import { wrappedTopics } from '../../functions/app/wrap-up.js';
import type { Outcome } from '../../functions/domain/outcome.js';
import type { Topic } from '../../functions/domain/topic.js';
import { highlightsMessage, topicReplyMessage } from '../../functions/slack/views/wrapup-messages.js';
import { aHackathon, anOutcome, aTopicDraft } from '../helpers/builders.js';

/** A realistic end of a hackathon, in the spirit of the 2024-12 highlights and the 2022-09 wrap-up. */
const hackathon = aHackathon({ name: 'Hack The Garden 11/2026' });
const outcome = (overrides: Partial<Outcome>): Outcome =>
  anOutcome({ updatedBy: 'U0ANNA', updatedAt: '2026-11-27T10:00:00.000Z', ...overrides });
const topic = (number: number, overrides: Partial<Topic>): Topic => ({
  ...aTopicDraft({ title: `Topic ${number}` }),
  hackathonId: hackathon.id,
  number,
  proposerId: 'U0PROP',
  status: 'proposed',
  card: null,
  voteCount: 0,
  interestCount: 0,
  createdAt: '2026-11-01T00:00:00.000Z',
  updatedAt: '2026-11-01T00:00:00.000Z',
  updatedBy: 'U0PROP',
  withdrawnAt: null,
  links: [],
  ...overrides,
});

const topics: Topic[] = [
  topic(1, {
    title: 'IPv6 Support on IronCore',
    voteCount: 9,
    status: 'done',
    members: ['U0ANNA', 'U0BOB'],
    outcome: outcome({
      emoji: '🌐',
      highlight: 'Dual-stack shoot clusters run on IronCore; IPv6 load balancers still need work.',
      problem: 'Shoots on IronCore were IPv4 only.',
      achievements: 'Dual-stack shoots come up.\nThe DNSRecord extension writes AAAA records.',
      nextSteps: 'LoadBalancer services for IPv6 traffic.',
      code: ['https://github.com/ironcore-dev/gardener-extension-provider-ironcore/pull/512'],
      contributors: ['U0ANNA', 'U0BOB', 'Jane <Outside>'],
    }),
  }),
  topic(2, { title: 'Deploy Prow via Flux', voteCount: 7, status: 'in_progress', members: ['U0CARL'] }),
  topic(3, {
    title: 'Etcd backups in Go',
    voteCount: 7,
    status: 'dropped',
    statusNote: 'closed in favour of #1',
    links: ['https://github.com/gardener/etcd-backup-restore/issues/700'],
  }),
  topic(4, { title: 'Dashboard dark mode', voteCount: 3 }),
  topic(5, { title: 'Withdrawn idea', voteCount: 12, status: 'withdrawn' }),
];

describe('the wrap-up messages (golden)', () => {
  it('highlights: a numbered list of what teams worked on, most votes first, one line each', () => {
    const { text, pages } = highlightsMessage(hackathon, wrappedTopics(topics));
    expect(text).toBe('Highlights of Hack The Garden 11/2026');
    expect(pages).toEqual([
      [
        {
          type: 'section',
          text: {
            type: 'mrkdwn',
            text: '🎉 *Highlights of Hack The Garden 11/2026*\n3 topics; the details of each are in the thread, with the wrap-up page and the topic board as Markdown.',
          },
        },
        {
          type: 'section',
          text: {
            type: 'mrkdwn',
            text: [
              '1. 🌐 *IPv6 Support on IronCore*: Dual-stack shoot clusters run on IronCore; IPv6 load balancers still need work.',
              '2. 🔹 *Deploy Prow via Flux*: 🚧 in progress',
              '3. 🔹 *Etcd backups in Go*: dropped: closed in favour of #1',
            ].join('\n'),
          },
        },
      ],
    ]);
  });

  it('thread reply: the sections the wrap-up pages use, code links and contributors', () => {
    const [first] = wrappedTopics(topics);
    expect(topicReplyMessage(first as Topic)).toEqual({
      text: '#1 IPv6 Support on IronCore',
      pages: [
        [
          {
            type: 'section',
            text: {
              type: 'mrkdwn',
              text: [
                '🌐 *#1 IPv6 Support on IronCore* · ✅ done',
                '*Problem Statement*',
                'Shoots on IronCore were IPv4 only.',
                '*Achievements*',
                'Dual-stack shoots come up.',
                'The DNSRecord extension writes AAAA records.',
                '*Next Steps*',
                'LoadBalancer services for IPv6 traffic.',
                '*Code & Pull Requests*',
                '• <https://github.com/ironcore-dev/gardener-extension-provider-ironcore/pull/512|github.com/ironcore-dev/gardener-extension-provider-ironcore/pull/512>',
                '*Contributors:* <@U0ANNA>, <@U0BOB>, Jane &lt;Outside&gt;',
              ].join('\n'),
            },
          },
        ],
      ],
    });
  });

  it('thread reply without an outcome: the status, what became of it, links and team', () => {
    const dropped = topics[2] as Topic;
    expect(topicReplyMessage(dropped).pages).toEqual([
      [
        {
          type: 'section',
          text: {
            type: 'mrkdwn',
            text: [
              '🔹 *#3 Etcd backups in Go* · dropped',
              '*Outcome:* closed in favour of #1',
              '🔗 <https://github.com/gardener/etcd-backup-restore/issues/700|github.com/gardener/etcd-backup-restore/issues/700>',
            ].join('\n'),
          },
        },
      ],
    ]);
  });
});
