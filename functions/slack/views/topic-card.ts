import { issueReference, type PullRequestLink, pullRequestReference } from '../../domain/github.js';
import type { Hackathon } from '../../domain/hackathon.js';
import { hasTeamMeetings } from '../../domain/meetings.js';
import { hasWork, KIND_LABELS, TEAM_SIZE_LABELS, type Topic } from '../../domain/topic.js';
import { resultsHidden } from '../../domain/vote.js';
import { presenterLine } from './agenda-messages.js';
import { clip, context, type KnownBlock, SLACK_LIMITS, section, sections } from './blocks.js';
import { carriedHistoryLine, followUpLine } from './follow-up-messages.js';
import { escapeMrkdwn, labelledLink, person, slackLink } from './mrkdwn.js';
import { blockText, MESSAGE_TEXT_BUDGET } from './paginate.js';
import { reviewLine } from './review-messages.js';
import { checkInLine } from './schedule-messages.js';
import { STATUS_LABELS } from './topic-list-message.js';

export const TOPIC_ACTIONS = {
  edit: 'topic_edit',
  withdraw: 'topic_withdraw',
  join: 'topic_join',
  leave: 'topic_leave',
  outcome: 'topic_outcome',
  /** Who presents the team at the mid-week update and the final presentations (when the settings have them). */
  presenter: 'topic_presenter',
  /** Opens the ballot: while counts are hidden, the way to vote that nobody else sees (reactions show). */
  ballot: 'topic_ballot',
} as const;
const EXCERPT_MAX = 600;
/** A shortened card's check-in and team (see `topicCard`). */
const SHORT_CHECK_IN_MAX = 400;
const SHORT_TEAM_MAX = 1000;
/** A found pull request's state at a glance (GitHub's own colours: green open, purple merged, red closed). */
const PULL_ICONS: Record<PullRequestLink['state'], string> = { open: '🟢', merged: '🟣', closed: '🔴' };

/**
 * Action ids of "Add/Edit outcome" buttons: `topic_outcome` on a card, `topic_outcome:<number>` where several
 * topics' buttons share one actions block (the Home tab): Slack refuses a block with two equal action ids.
 */
export const OUTCOME_ACTION = /^topic_outcome(?::\d+)?$/;
export const outcomeActionId = (number: number) => `${TOPIC_ACTIONS.outcome}:${number}`;

/** The value carried by a card's buttons: which topic they are about. */
export function topicActionValue(topic: Pick<Topic, 'hackathonId' | 'number'>): string {
  return JSON.stringify({ h: topic.hackathonId, n: topic.number });
}

/**
 * A topic's card in the hackathon channel; reactions on it are votes and interest, so it is one message, never
 * continued. Within Slack's 10,000 characters of block text (with ten long links, a long check-in and a big team
 * it can go over) the card is shortened: the check-in and the team list are clipped, and the card says that the
 * daily summary and the board show them in full. Links are never shortened (they are what people click).
 */
export function topicCard(hackathon: Hackathon, topic: Topic): { text: string; blocks: KnownBlock[] } {
  const full = cardMessage(hackathon, topic, false);
  return blockText(full.blocks) <= MESSAGE_TEXT_BUDGET ? full : cardMessage(hackathon, topic, true);
}

function cardMessage(
  hackathon: Hackathon,
  topic: Topic,
  short: boolean,
): { text: string; blocks: KnownBlock[] } {
  const withdrawn = topic.status === 'withdrawn';
  const icon = topic.emoji ? `${escapeMrkdwn(topic.emoji)} ` : '';
  const title = `#${topic.number} ${icon}${escapeMrkdwn(topic.title)}`;
  const facts = [
    escapeMrkdwn(topic.category),
    topic.issue ? labelledLink(topic.issue.url, issueReference(topic.issue)) : null,
    topic.kind === 'discussion' ? `💬 ${KIND_LABELS.discussion}` : `🛠️ ${KIND_LABELS.hacking}`,
    topic.teamSize ? `👥 ${TEAM_SIZE_LABELS[topic.teamSize]}` : null,
    topic.fastTrack ? '⚡ Fast track' : null,
    topic.status !== 'proposed' && topic.status !== 'withdrawn' ? `*${STATUS_LABELS[topic.status]}*` : null,
    topic.proposedOnGitHubBy
      ? `proposed by ${labelledLink(`https://github.com/${topic.proposedOnGitHubBy}`, `@${topic.proposedOnGitHubBy}`)} on GitHub`
      : `proposed by <@${topic.proposerId}>`,
  ].filter(Boolean);

  const blocks: KnownBlock[] = [
    section(withdrawn ? `~*${title}*~  _withdrawn_` : `*${title}*`),
    context(facts.join('  ·  ')),
  ];
  if (topic.description && !withdrawn)
    blocks.push(section(escapeMrkdwn(clip(topic.description, EXCERPT_MAX))));
  if (topic.links.length > 0)
    blocks.push(...sections(topic.links.map((url) => `🔗 ${slackLink(url)}`).join('\n')));
  const pulls = topic.pullRequests ?? [];
  if (pulls.length > 0 && !withdrawn)
    blocks.push(
      ...sections(
        pulls
          .map(
            (pull) =>
              `${PULL_ICONS[pull.state]} ${labelledLink(pull.url, pullRequestReference(pull))} ${escapeMrkdwn(clip(pull.title, 100))} _${pull.state}_`,
          )
          .join('\n'),
      ),
    );
  if (topic.statusNote && !withdrawn)
    blocks.push(context(`Outcome: ${escapeMrkdwn(clip(topic.statusNote, 300))}`));
  const members = topic.members ?? [];
  if (members.length > 0 && !withdrawn) {
    const team = members.map((id) => `<@${id}>`).join(', ');
    blocks.push(
      context(
        `👥 Team (${members.length}): ${clip(team, short ? SHORT_TEAM_MAX : SLACK_LIMITS.sectionText - 20)}`,
      ),
    );
  }
  if (topic.checkIn && !withdrawn) {
    const line = checkInLine(topic.checkIn);
    blocks.push(context(short ? clip(line, SHORT_CHECK_IN_MAX) : line));
  }
  if (short && !withdrawn)
    blocks.push(
      context(
        '_Shortened to fit one Slack message: the daily summary shows the check-in in full, the board the whole team._',
      ),
    );
  if (topic.outcome && !withdrawn) {
    const highlight = topic.outcome.highlight || topic.outcome.achievements || topic.outcome.outcome;
    blocks.push(
      context(`🏁 *Outcome:* ${escapeMrkdwn(clip(highlight, 300))} (by <@${topic.outcome.updatedBy}>)`),
    );
  }
  if (!withdrawn) {
    const after = [presenterLine(topic), reviewLine(topic), followUpLine(topic), carriedHistoryLine(topic)]
      .filter(Boolean)
      .join('\n');
    if (after) blocks.push(context(after));
  }
  if (withdrawn) {
    blocks.push(
      context(`Withdrawn by <@${topic.updatedBy}>. It stays on record; votes on it no longer count.`),
    );
  } else {
    const hidden = resultsHidden(hackathon);
    blocks.push(
      context(
        hidden
          ? '🙈 Vote counts stay hidden until voting closes; the ranking then shows them all at once.\n' +
              `Vote in private with *Vote in private* or \`/htg vote\`. A reaction (:${hackathon.voteEmoji}: to vote, :${hackathon.workEmoji}: if you would work on it) counts too, but Slack shows it to everyone.`
          : `:${hackathon.voteEmoji}: ${topic.voteCount} ${topic.voteCount === 1 ? 'vote' : 'votes'}  ·  :${hackathon.workEmoji}: ${topic.interestCount} would work on it${interested(topic)}\n` +
              `React with :${hackathon.voteEmoji}: to vote, :${hackathon.workEmoji}: if you would work on it`,
      ),
      {
        type: 'actions',
        block_id: 'topic_actions',
        elements: [
          ...(hidden
            ? [
                {
                  type: 'button' as const,
                  action_id: TOPIC_ACTIONS.ballot,
                  style: 'primary' as const,
                  text: { type: 'plain_text' as const, text: 'Vote in private' },
                  value: topicActionValue(topic),
                },
              ]
            : []),
          {
            type: 'button',
            action_id: TOPIC_ACTIONS.join,
            text: { type: 'plain_text', text: 'Join team' },
            value: topicActionValue(topic),
          },
          {
            type: 'button',
            action_id: TOPIC_ACTIONS.leave,
            text: { type: 'plain_text', text: 'Leave team' },
            value: topicActionValue(topic),
          },
          ...(members.length > 0 && hasTeamMeetings(hackathon)
            ? [
                {
                  type: 'button' as const,
                  action_id: TOPIC_ACTIONS.presenter,
                  text: { type: 'plain_text' as const, text: 'Presenter' },
                  value: topicActionValue(topic),
                },
              ]
            : []),
          ...(hasWork(topic)
            ? [
                {
                  type: 'button' as const,
                  action_id: TOPIC_ACTIONS.outcome,
                  text: { type: 'plain_text' as const, text: topic.outcome ? 'Edit outcome' : 'Add outcome' },
                  value: topicActionValue(topic),
                },
              ]
            : []),
          {
            type: 'button',
            action_id: TOPIC_ACTIONS.edit,
            text: { type: 'plain_text', text: 'Edit' },
            value: topicActionValue(topic),
          },
          {
            type: 'button',
            action_id: TOPIC_ACTIONS.withdraw,
            style: 'danger',
            text: { type: 'plain_text', text: 'Withdraw' },
            value: topicActionValue(topic),
            confirm: {
              title: { type: 'plain_text', text: `Withdraw #${topic.number}?` },
              text: {
                type: 'mrkdwn',
                text: 'The topic stays on record, marked withdrawn, and leaves the voting.',
              },
              confirm: { type: 'plain_text', text: 'Withdraw' },
              deny: { type: 'plain_text', text: 'Keep it' },
              style: 'danger',
            },
          },
        ],
      },
    );
  }
  const fallback = withdrawn
    ? `#${topic.number} ${topic.title} (withdrawn)`
    : `#${topic.number} ${topic.title}: react with :${hackathon.voteEmoji}: to vote, :${hackathon.workEmoji}: if you would work on it`;
  return { text: escapeMrkdwn(fallback), blocks };
}

const NAMES_SHOWN = 10;

/** ": <@a>, <@b>, …" for the people who would work on the topic. */
function interested(topic: Topic): string {
  const users = topic.interestedUsers ?? [];
  if (users.length === 0) return '';
  const shown = users.slice(0, NAMES_SHOWN).map(person);
  return `: ${shown.join(', ')}${users.length > NAMES_SHOWN ? `, and ${users.length - NAMES_SHOWN} more` : ''}`;
}
