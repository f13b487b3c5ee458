import type { Hackathon } from '../../domain/hackathon.js';
import type { TopicReviewInput } from '../../domain/review.js';
import type { Topic } from '../../domain/topic.js';
import type { Notice } from '../messages.js';
import { context, type KnownBlock, type ModalView, plainText, SLACK_LIMITS, section } from './blocks.js';
import { boldName, escapeMrkdwn, labelledLink, mentions } from './mrkdwn.js';
import { paginate } from './paginate.js';
import { formatWhen } from './when.js';

/**
 * "Answer for the review" in the thread on a team's card, and "Record" beside each topic in the organizers'
 * message after the meeting (`topic_review:<number>`: a message's action ids must differ, Slack's
 * `action_id` rule for the blocks of one message).
 */
export const REVIEW_ACTION = /^topic_review(?::\d+)?$/;
const REVIEW_ACTION_ID = 'topic_review';
export const REVIEW_CALLBACK = 'topic_review_form';
const REASON_MAX = 500;

const reviewValue = (topic: Pick<Topic, 'hackathonId' | 'number'>) =>
  JSON.stringify({ h: topic.hackathonId, n: topic.number });

/** Who presents a topic at the review meeting: who was said, else its proposer if on the team, else its first member. */
function presenterOf(topic: Topic): string | null {
  if (topic.review?.presenter) return topic.review.presenter;
  const members = topic.members ?? [];
  return members.includes(topic.proposerId) ? topic.proposerId : (members[0] ?? topic.proposerId);
}

/** A topic's review in one line: who continues it and where, or why it closed; null before any answer. */
export function reviewLine(topic: Topic): string | null {
  const review = topic.review;
  if (!review) return null;
  if (review.closedBecause) return `🏁 *Closed after the hackathon:* ${escapeMrkdwn(review.closedBecause)}`;
  const parts: string[] = [];
  if (review.continuedBy.length > 0) parts.push(`continued by ${mentions(review.continuedBy)}`);
  if (review.tracking) parts.push(`tracked in ${labelledLink(review.tracking, shortLink(review.tracking))}`);
  if (review.presenter) parts.push(`presented at the review by <@${review.presenter}>`);
  return parts.length > 0 ? `🔁 *After the hackathon:* ${parts.join(' · ')}` : null;
}

/** A few days before the review meeting, in the thread on a team's card. */
export function reviewQuestion(hackathon: Hackathon, topic: Topic): { text: string; blocks: KnownBlock[] } {
  const when = hackathon.reviewMeetingAt
    ? formatWhen(new Date(hackathon.reviewMeetingAt), hackathon.timeZone)
    : 'soon';
  const team = (topic.members ?? []).length > 0 ? (topic.members ?? []) : [topic.proposerId];
  const text = `${mentions(team)} the review meeting of ${boldName(hackathon.name)} is ${when} (${hackathon.timeZone}). Who presents \`#${topic.number}\` ${escapeMrkdwn(topic.title)} there, and who continues it afterwards?`;
  return {
    text,
    blocks: [
      section(text),
      context('Your answer shows on the card and in the meeting’s agenda; nobody continuing it closes it.'),
      {
        type: 'actions',
        block_id: 'review',
        elements: [
          {
            type: 'button',
            action_id: REVIEW_ACTION_ID,
            style: 'primary',
            text: plainText('Answer for the review'),
            value: reviewValue(topic),
          },
        ],
      },
    ],
  };
}

/** The review form: presenter, who continues it and where it is tracked, or why it closes. */
export function reviewModal(topic: Topic, draft: TopicReviewInput): ModalView {
  return {
    type: 'modal',
    callback_id: REVIEW_CALLBACK,
    private_metadata: reviewValue(topic),
    title: plainText('After the hackathon', SLACK_LIMITS.modalTitle),
    submit: plainText('Save'),
    close: plainText('Cancel'),
    blocks: [
      section(`*\`#${topic.number}\` ${escapeMrkdwn(topic.title)}*`),
      {
        type: 'input',
        block_id: 'presenter',
        optional: true,
        label: plainText('Who presents it at the review meeting'),
        element: {
          type: 'users_select',
          action_id: 'value',
          ...(draft.presenter ? { initial_user: draft.presenter } : {}),
        },
      },
      {
        type: 'input',
        block_id: 'continuedBy',
        optional: true,
        label: plainText('Who continues it after the hackathon'),
        element: {
          type: 'multi_users_select',
          action_id: 'value',
          max_selected_items: 10,
          ...(draft.continuedBy.length > 0 ? { initial_users: [...draft.continuedBy] } : {}),
        },
      },
      {
        type: 'input',
        block_id: 'tracking',
        optional: true,
        label: plainText('Tracked in (an issue or pull request)'),
        element: {
          type: 'url_text_input',
          action_id: 'value',
          ...(draft.tracking ? { initial_value: draft.tracking } : {}),
        },
      },
      {
        type: 'input',
        block_id: 'closedBecause',
        optional: true,
        label: plainText('Or: why it closes (nobody continues it)'),
        element: {
          type: 'plain_text_input',
          action_id: 'value',
          max_length: REASON_MAX,
          ...(draft.closedBecause ? { initial_value: draft.closedBecause } : {}),
        },
      },
    ],
  };
}

export function reviewSavedNotice(topic: Pick<Topic, 'number' | 'title'>): Notice {
  return {
    title: 'Review saved',
    text: `Thanks! What becomes of *#${topic.number} ${escapeMrkdwn(topic.title)}* shows on its card and in the review meeting's agenda.`,
  };
}

/**
 * The review meeting's agenda, posted before it: the topics in the wrap-up's order (most votes first), each with
 * its presenter and who continues it. A long agenda continues in the thread.
 */
export function reviewAgendaMessage(
  hackathon: Hackathon,
  topics: readonly Topic[],
): { text: string; pages: KnownBlock[][] } {
  const when = hackathon.reviewMeetingAt
    ? formatWhen(new Date(hackathon.reviewMeetingAt), hackathon.timeZone)
    : '';
  const text = `Review meeting of ${hackathon.name}: the agenda`;
  const lines = topics.map((topic, i) => {
    const presenter = presenterOf(topic);
    const after = topic.review?.closedBecause
      ? ' · closes'
      : (topic.review?.continuedBy.length ?? 0) > 0
        ? ` · continued by ${mentions(topic.review?.continuedBy ?? [])}`
        : '';
    return section(
      `${i + 1}. ${topic.outcome?.emoji ?? topic.emoji ?? '🔹'} *${escapeMrkdwn(topic.title)}* (\`#${topic.number}\`), presented by ${presenter ? `<@${presenter}>` : 'the team'}${after}`,
    );
  });
  const lead = [
    section(
      `🗓️ *${escapeMrkdwn(text)}*${when ? `, ${when} (${hackathon.timeZone})` : ''}: ${topics.length} ${topics.length === 1 ? 'topic' : 'topics'} in this order.`,
    ),
  ];
  return {
    text,
    pages: paginate(lines.length > 0 ? lines : [context('No topic was worked on.')], {
      lead,
      more: (n) =>
        context(`The agenda continues in the thread (${n} more ${n === 1 ? 'message' : 'messages'}).`),
      continued: (page, total) => context(`Agenda, continued (${page}/${total})`),
    }),
  };
}

/**
 * After the review meeting, to each organizer: every topic with what was said so far and a button to record
 * what becomes of it. Long lists continue in further messages.
 */
export function reviewRecordMessage(
  hackathon: Hackathon,
  topics: readonly Topic[],
): { text: string; pages: KnownBlock[][] } {
  const text = `After the review meeting of ${hackathon.name}: record what becomes of each topic`;
  const rows = topics.map((topic) => ({
    type: 'section' as const,
    text: {
      type: 'mrkdwn' as const,
      text: `\`#${topic.number}\` *${escapeMrkdwn(topic.title)}*\n${reviewLine(topic) ?? '_Nothing said yet._'}`,
    },
    accessory: {
      type: 'button' as const,
      action_id: `${REVIEW_ACTION_ID}:${topic.number}`,
      text: plainText('Record'),
      value: reviewValue(topic),
    },
  }));
  return {
    text,
    pages: paginate(rows.length > 0 ? rows : [context('No topic was worked on.')], {
      lead: [
        section(
          `📝 *${escapeMrkdwn(text)}*: who continues it and where it is tracked, or why it closes. Teams can still answer on their cards for two weeks.`,
        ),
      ],
      continued: (page, total) => context(`Topics, continued (${page}/${total})`),
    }),
  };
}

function shortLink(url: string): string {
  const github = /^https?:\/\/github\.com\/([^/]+\/[^/]+)\/(?:pull|issues)\/(\d+)/.exec(url);
  return github ? `${github[1]}#${github[2]}` : url.replace(/^https?:\/\//, '').slice(0, 60);
}
