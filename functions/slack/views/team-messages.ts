import type { PublishSummary, RankingRow } from '../../app/ports/slack.js';
import type { JoinOutcome, LeaveOutcome } from '../../app/ports/stores.js';
import type { Hackathon } from '../../domain/hackathon.js';
import type { Topic } from '../../domain/topic.js';
import type { Notice } from '../messages.js';
import { context, type KnownBlock, section } from './blocks.js';
import { chunkLines } from './chunk-lines.js';
import { boldName, escapeMrkdwn, mentions } from './mrkdwn.js';
import { firstPage } from './paginate.js';

export const TEAM_ACTIONS = { review: 'teams_review' } as const;

const STATUS_MARK: Partial<Record<Topic['status'], string>> = {
  in_progress: '🚧',
  done: '✅',
  paused: '⏸️',
  not_picked: '🙅 not picked',
  dropped: 'dropped',
};

/** A topic as messages name it: `#12` Title. */
const topicName = (topic: Pick<Topic, 'number' | 'title'>) =>
  `\`#${topic.number}\` ${escapeMrkdwn(topic.title)}`;

/**
 * The ranking message in the channel: rank · topic · votes · team, one line per topic, most votes first. Before
 * organizers publish the teams it says they are coming. Split into sections of at most 3,000 characters, within
 * one message's 50 blocks and 10,000 characters of text: the message is updated in place when teams are
 * published, so it cannot continue in replies; a ranking too long for it ends with how many topics are not
 * shown and that the board (every topic, its votes and its team) has them.
 */
export function rankingMessage(
  hackathon: Hackathon,
  rows: readonly RankingRow[],
  published: boolean,
): { text: string; blocks: KnownBlock[] } {
  const lines = rows.map((row) => {
    const team =
      row.kind === 'discussion'
        ? '💬 discussion'
        : row.team.length > 0
          ? `${mentions(row.team)}${row.status === 'in_progress' ? '' : ` ${STATUS_MARK[row.status] ?? ''}`.trimEnd()}`
          : published
            ? (STATUS_MARK[row.status] ?? '—')
            : '—';
    return `${row.rank}. ${topicName(row)} · :${hackathon.voteEmoji}: ${row.votes} · ${team}${gitHubOnly(row)}`;
  });
  const text = `Voting results for ${hackathon.name}`;
  const intro = published
    ? `🏁 *Voting results and teams: ${escapeMrkdwn(hackathon.name)}*\nRank · topic · votes · team. Joining a team later: \`/htg join #N\` or the card's button.`
    : `🏁 *Voting results: ${escapeMrkdwn(hackathon.name)}*\nRank · topic · votes · team. Organizers are putting the teams together; they will appear here.`;
  const onGitHub = rows.some((row) => row.kind !== 'discussion' && row.onGitHubOnly.length > 0)
    ? '\n:rocket: *on GitHub*: who said in the voting discussion they would work on a topic, known to htg only by their GitHub login. They are in no team: organizers can place them in the team review once they are in Slack.'
    : '';
  const chunks = chunkLines(lines.length > 0 ? lines : ['No topics were proposed.']);
  const body = chunks.map((chunk) => section(chunk));
  const blocks = firstPage(
    body,
    (left) => {
      const after = chunks
        .slice(chunks.length - left)
        .join('\n')
        .split('\n').length;
      return context(
        `…and ${after} more ${after === 1 ? 'topic' : 'topics'} further down the ranking: the board pinned in this channel shows every topic with its votes and team.`,
      );
    },
    [section(`${intro}${onGitHub}`)],
  );
  return { text, blocks };
}

/** How many people known only on GitHub a ranking line names before "and N more" (a line stays short). */
const GITHUB_ONLY_SHOWN = 3;

/**
 * People who would work on a topic but are known only on GitHub, by login (linked): ` · :rocket: on GitHub:
 * @a, @b and 3 more` (🚀 is the discussion's "I want to work on it", whatever the Slack emoji). They are in no
 * team (htg cannot tell who they are in Slack), so organizers see whom to ask.
 */
function gitHubOnly(row: RankingRow): string {
  if (row.kind === 'discussion' || row.onGitHubOnly.length === 0) return '';
  const shown = mentions(row.onGitHubOnly.slice(0, GITHUB_ONLY_SHOWN));
  const more = row.onGitHubOnly.length - GITHUB_ONLY_SHOWN;
  return ` · :rocket: on GitHub: ${shown}${more > 0 ? ` and ${more} more` : ''}`;
}

/** The organizer's report at voting close gets a button to review and publish the proposed teams. */
export function reviewButton(hackathonId: string): KnownBlock {
  return {
    type: 'actions',
    block_id: 'team_review',
    elements: [
      {
        type: 'button',
        action_id: TEAM_ACTIONS.review,
        style: 'primary',
        text: { type: 'plain_text', text: 'Review and publish teams' },
        value: hackathonId,
      },
    ],
  };
}

export function placedText(hackathon: Hackathon, userId: string, topic: Topic): string {
  const others = (topic.members ?? []).filter((id) => id !== userId);
  return (
    `You are in the team of *${topicName(topic)}* at ${boldName(hackathon.name)}` +
    (others.length ? `, with ${mentions(others)}` : '') +
    `. The topic and its team are in <#${hackathon.channelId}>; \`/htg leave #${topic.number}\` there if you cannot make it.`
  );
}

export function removedText(hackathon: Hackathon, topic: Topic): string {
  return `Organizers of ${boldName(hackathon.name)} moved you off the team of *${topicName(topic)}*. \`/htg list\` in <#${hackathon.channelId}> shows where you are now.`;
}

export function notPickedText(hackathon: Hackathon, topic: Topic): string {
  return `Your topic *${topicName(topic)}* was not picked at ${boldName(hackathon.name)}: nobody could take it on this time. Organizers can carry it over to the next hackathon with \`/htg carry-over\`.`;
}

export function publishedText(hackathon: Hackathon, summary: PublishSummary): string {
  return (
    `Teams for ${boldName(hackathon.name)} are published: ${summary.teams} ${summary.teams === 1 ? 'team' : 'teams'} with ${summary.people} ${summary.people === 1 ? 'person' : 'people'}` +
    (summary.notPicked.length ? `; not picked: ${summary.notPicked.map((n) => `#${n}`).join(', ')}` : '') +
    '. The ranking message and the cards show them, and everyone placed or moved was told.'
  );
}

export function carriedOverText(hackathon: Hackathon, topic: Topic): string {
  const from = topic.carriedFrom;
  return `Your topic *${escapeMrkdwn(topic.title)}*${from ? `, not picked at ${boldName(from.hackathonName)},` : ''} was carried over to ${boldName(hackathon.name)} as \`#${topic.number}\`. Its card is in <#${hackathon.channelId}>, open for votes.`;
}

// Replies to the person who joined, left, published teams or carried topics over.

/** `/htg join` or `/htg leave` without a topic number. */
export function topicNumberNeededText(command: 'join' | 'leave'): string {
  return `Say which topic: \`/htg ${command} #12\`.`;
}

/** `/htg join #N` or the card's button: joined, or in the team already. */
export function joinedText(topic: Pick<Topic, 'number' | 'title'>, outcome: JoinOutcome): string {
  return outcome === 'already-member'
    ? `You are in the team of #${topic.number} already.`
    : `You joined the team of *#${topic.number} ${escapeMrkdwn(topic.title)}*.`;
}

/** `/htg leave #N` or the card's button: left, or not in the team. */
export function leftText(topic: Pick<Topic, 'number' | 'title'>, outcome: LeaveOutcome): string {
  return outcome === 'not-member'
    ? `You are not in the team of #${topic.number}.`
    : `You left the team of *#${topic.number} ${escapeMrkdwn(topic.title)}*.`;
}

/** `/htg carry-over` when no earlier hackathon has a topic to bring here. */
export function nothingToCarryOverText(): string {
  return 'No earlier hackathon in this workspace has topics that were not picked (and not carried over already).';
}

/** The team review form's notice: what is being published. */
export function publishingTeamsNotice(summary: PublishSummary): Notice {
  return {
    title: 'Publishing teams',
    text:
      `${summary.teams} ${summary.teams === 1 ? 'team' : 'teams'} with ${summary.people} ${summary.people === 1 ? 'person' : 'people'}` +
      (summary.notPicked.length ? `; not picked: ${summary.notPicked.map((n) => `#${n}`).join(', ')}` : '') +
      '. The cards and the ranking message follow in a moment, and everyone placed or moved is told.',
  };
}

/** The carry-over form's notice: the numbers the carried topics got here. */
export function carriedOverNotice(carried: ReadonlyArray<Pick<Topic, 'number'>>): Notice {
  return {
    title: 'Topics carried over',
    text: `Carried over ${carried.length} ${carried.length === 1 ? 'topic' : 'topics'} as ${carried.map((t) => `#${t.number}`).join(', ')}. Their cards are posted here and their proposers told.`,
  };
}
