import {
  type FollowUp,
  type FollowUpRound,
  type FollowUpState,
  followUpHistory,
  latestFollowUp,
  roundKey,
} from '../../domain/follow-up.js';
import type { Hackathon } from '../../domain/hackathon.js';
import type { Topic } from '../../domain/topic.js';
import { type KnownBlock, plainText, section, context as textContext } from './blocks.js';
import { chunkLines } from './chunk-lines.js';
import { clip } from './clip.js';
import { boldName, escapeMrkdwn, mentions } from './mrkdwn.js';
import { reviewLine } from './review-messages.js';

/**
 * The three answers of a follow-up message, one button each (`follow_up:<state>`: the message is about one
 * topic, so its action ids differ, Slack's `action_id` rule for the blocks of one message).
 */
export const FOLLOW_UP_ACTION = /^follow_up:(going|merged|stopped)$/;
const followUpActionId = (state: FollowUpState) => `follow_up:${state}`;

const followUpValue = (topic: Pick<Topic, 'hackathonId' | 'number'>, round: FollowUpRound) =>
  JSON.stringify({ h: topic.hackathonId, n: topic.number, r: round });

const BUTTON: Record<FollowUpState, string> = {
  going: 'Still going',
  merged: 'Merged',
  stopped: 'Stopped',
};
const STATE: Record<FollowUpState, { emoji: string; words: string }> = {
  going: { emoji: '🟢', words: 'still going' },
  merged: { emoji: '✅', words: 'merged' },
  stopped: { emoji: '⏹️', words: 'stopped' },
};
const WEEKS: Record<FollowUpRound, string> = { 2: 'Two weeks', 6: 'Six weeks' };

const onDate = (iso: string) =>
  `<!date^${Math.floor(Date.parse(iso) / 1000)}^{date_short}|${iso.slice(0, 10)}>`;

/** A topic's answers in plain words, oldest first: "still going at 2 weeks, merged at 6 weeks". */
export function historyWords(history: readonly FollowUp[]): string {
  return history.map((answer) => `${STATE[answer.state].words} at ${answer.round} weeks`).join(', ');
}

/** The follow-ups on a topic's card: what became of it since the hackathon; null before any answer. */
export function followUpLine(topic: Topic): string | null {
  const history = followUpHistory(topic);
  const latest = history.at(-1);
  if (!latest) return null;
  return `${STATE[latest.state].emoji} *Since the hackathon:* ${historyWords(history)} (said by <@${latest.by}> on ${onDate(latest.at)})`;
}

/** Where a carried-over topic comes from, with what its follow-ups said there; null if it has no history. */
export function carriedHistoryLine(topic: Topic): string | null {
  const from = topic.carriedFrom;
  if (!from?.history?.length) return null;
  return `↪️ *Continues* \`#${from.number}\` of ${boldName(from.hackathonName)}: ${historyWords(from.history)}`;
}

/**
 * The direct message asking one person what became of a topic, two or six weeks after the event, with one
 * button per answer. Once answered (by anyone), it says so, and the buttons stay for a change of answer.
 */
export function followUpMessage(
  hackathon: Hackathon,
  topic: Topic,
  round: FollowUpRound,
): { text: string; blocks: KnownBlock[] } {
  const answer = topic.followUps?.[roundKey(round)] ?? null;
  const text = `${WEEKS[round]} after ${hackathon.name}: what became of #${topic.number} ${topic.title}?`;
  const earlier = followUpHistory(topic).filter((given) => given.round !== round);
  const known = [
    reviewLine(topic),
    earlier.length > 0 ? `Said before: ${historyWords(earlier)}.` : null,
    topic.carriedFrom?.history?.length ? carriedHistoryLine(topic) : null,
  ].filter((line): line is string => Boolean(line));
  return {
    text: clip(text, 300),
    blocks: [
      section(
        `🧭 ${WEEKS[round]} after ${boldName(hackathon.name)}: what became of \`#${topic.number}\` *${escapeMrkdwn(clip(topic.title, 150))}*? One click answers; it shows on the topic and in the next hackathon's carry-over.`,
      ),
      ...(known.length > 0 ? [textContext(known.join('\n'))] : []),
      {
        type: 'actions',
        block_id: 'follow_up',
        elements: (['going', 'merged', 'stopped'] as const).map((state) => ({
          type: 'button' as const,
          action_id: followUpActionId(state),
          text: plainText(`${answer?.state === state ? '✓ ' : ''}${BUTTON[state]}`),
          value: followUpValue(topic, round),
          ...(answer?.state === state ? { style: 'primary' as const } : {}),
        })),
      },
      textContext(
        answer
          ? `${STATE[answer.state].emoji} Answered: *${STATE[answer.state].words}*, by <@${answer.by}> on ${onDate(answer.at)}. Changed since? Click another answer.`
          : 'Still going: it is offered to the next hackathon with its history. Merged or stopped: nobody is asked again.',
      ),
    ],
  };
}

/** The ephemeral thanks for an answer (the message itself is updated too). */
export function followUpSavedText(topic: Pick<Topic, 'number' | 'title'>, state: FollowUpState): string {
  return `Thanks! *#${topic.number} ${escapeMrkdwn(topic.title)}* is ${STATE[state].words}: it shows on its card.`;
}

/** Topics listed in one "what became of it" post (a longer list says how many more there are). */
const REPORT_MAX = 60;

/**
 * `/htg followups`: a short "what became of it" post in the channel: counts, then each topic worked on with its
 * latest state (or its review's closing, or no answer yet) and who continues it.
 */
export function followUpReport(
  hackathon: Hackathon,
  topics: readonly Topic[],
): { text: string; blocks: KnownBlock[] } {
  const tally = { going: 0, merged: 0, stopped: 0, closed: 0, unknown: 0 };
  const lines = topics.map((topic) => {
    const latest = latestFollowUp(topic);
    const name = `*${escapeMrkdwn(clip(topic.title, 80))}* (\`#${topic.number}\`)`;
    const who =
      (topic.review?.continuedBy.length ?? 0) > 0 ? `, ${mentions(topic.review?.continuedBy ?? [])}` : '';
    if (latest) {
      tally[latest.state]++;
      return `${STATE[latest.state].emoji} ${name}: ${STATE[latest.state].words} at ${latest.round} weeks${who}`;
    }
    if (topic.review?.closedBecause) {
      tally.closed++;
      return `🏁 ${name}: closed at the review (${escapeMrkdwn(clip(topic.review.closedBecause, 80))})`;
    }
    tally.unknown++;
    return `❔ ${name}: no answer yet${who}`;
  });
  const counts = [
    [tally.going, 'still going'],
    [tally.merged, 'merged'],
    [tally.stopped, 'stopped'],
    [tally.closed, 'closed at the review'],
    [tally.unknown, 'not answered yet'],
  ]
    .filter(([n]) => Number(n) > 0)
    .map(([n, words]) => `${n} ${words}`)
    .join(' · ');
  const text = `What became of the topics of ${hackathon.name}`;
  const shown = lines.slice(0, REPORT_MAX);
  const more = lines.length - shown.length;
  return {
    text,
    blocks: [
      section(`🧭 *${escapeMrkdwn(text)}*: ${topics.length === 0 ? 'no topic was worked on.' : counts}`),
      ...chunkLines(shown).map(section),
      textContext(
        (more > 0 ? `And ${more} more. ` : '') +
          'Whoever continues a topic is asked two and six weeks after the event; `/htg followups` shows this again.',
      ),
    ],
  };
}
