import type { BallotResult } from '../../app/ballot.js';
import type { ReconcileChange, ReconcileReport } from '../../app/close-voting.js';
import type { Hackathon } from '../../domain/hackathon.js';
import type { Topic } from '../../domain/topic.js';
import type { Notice } from '../messages.js';
import type { EphemeralMessage } from './help-message.js';
import { boldName, escapeMrkdwn } from './mrkdwn.js';

const topicLine = (topic: Topic) => `\`#${topic.number}\` ${escapeMrkdwn(topic.title)}`;

function ephemeral(text: string): EphemeralMessage {
  return { response_type: 'ephemeral', text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
}

/** `/htg my-votes`: where the caller's votes and interests are. */
export function myVotesMessage(
  hackathon: Hackathon,
  votes: readonly Topic[],
  interests: readonly Topic[],
): EphemeralMessage {
  const budget =
    hackathon.votesPerPerson === null
      ? `${votes.length} ${votes.length === 1 ? 'vote' : 'votes'} (no limit)`
      : `${votes.length} of your ${hackathon.votesPerPerson} votes`;
  const lines = [
    `In ${boldName(hackathon.name)} you use ${budget}.`,
    '',
    `*:${hackathon.voteEmoji}: Your votes*`,
    ...(votes.length ? votes.map(topicLine) : ['_none yet_']),
    '',
    `*:${hackathon.workEmoji}: You would work on*`,
    ...(interests.length ? interests.map(topicLine) : ['_nothing yet_']),
  ];
  return ephemeral(lines.join('\n').slice(0, 3000));
}

/** Told once when someone reacts on a card after voting closed. */
export function votingClosedText(hackathon: Hackathon, number: number): string {
  return `Voting for ${boldName(hackathon.name)} has closed, so your reaction on #${number} was not counted. Reactions no longer change the results.`;
}

/** Told when a vote would exceed the budget. */
export function overBudgetText(hackathon: Hackathon, number: number, holding: readonly Topic[]): string {
  return (
    `Your vote on #${number} was not counted: you have used all ${hackathon.votesPerPerson} of your votes in ${boldName(hackathon.name)}, on ` +
    `${holding.map(topicLine).join(', ') || 'other topics'}. Remove one of those :${hackathon.voteEmoji}: reactions to free a vote, then vote on #${number} again.`
  );
}

/** What the organizer who closed voting is told once the cards' reactions were re-read. */
export function reconcileReportText(report: ReconcileReport): string {
  const { hackathon } = report;
  const emoji = (change: ReconcileChange) =>
    `:${change.kind === 'vote' ? hackathon.voteEmoji : hackathon.workEmoji}:`;
  const list = (changes: readonly ReconcileChange[]) =>
    changes
      .slice(0, 30)
      .map((c) => `#${c.number} ${emoji(c)} <@${c.userId}>`)
      .join(', ') + (changes.length > 30 ? `, and ${changes.length - 30} more` : '');
  const lines = [
    `Voting for ${boldName(hackathon.name)} is closed. I re-read the reactions on ${report.cards} ${report.cards === 1 ? 'card' : 'cards'}.`,
    report.added.length === 0 && report.removed.length === 0
      ? 'Every reaction was counted already: nothing changed.'
      : '',
    report.added.length
      ? `Counted ${report.added.length} reactions I had missed: ${list(report.added)}.`
      : '',
    report.removed.length
      ? `Removed ${report.removed.length} counted reactions that are no longer on the cards: ${list(report.removed)}.`
      : '',
    report.overBudget.length
      ? `Not counted, the person's votes were used up: ${list(report.overBudget)}.`
      : '',
    report.unreadable.length
      ? `Could not read the reactions of ${report.unreadable.map((n) => `#${n}`).join(', ')}; run \`/htg close-voting\` again to retry.`
      : '',
  ];
  return lines.filter(Boolean).join('\n').slice(0, 3000);
}

/** The ranking (rank · topic · votes · team) and the proposed teams, for the organizers to review. */
export function teamProposalText(report: ReconcileReport): string {
  const { proposal, hackathon } = report;
  const mention = (ids: readonly string[]) => ids.map((id) => `<@${id}>`).join(', ');
  const rows = proposal.ranking.map((row) => {
    const team =
      row.kind === 'discussion'
        ? '💬 discussion'
        : row.notPicked
          ? '🙅 not picked'
          : `${mention(row.team)} (${row.team.length}/${row.cap})` +
            (row.singleCompany ? ` ⚠️ all ${escapeMrkdwn(row.singleCompany)}` : '') +
            (row.belowMinimum ? ' ⚠️ below the smallest team' : '');
    return `${row.rank}. \`#${row.number}\` ${escapeMrkdwn(row.title)} · :${hackathon.voteEmoji}: ${row.votes} · ${team}`;
  });
  const lines = [
    '*Proposed teams* (rank · topic · votes · team), each person on the highest-voted topic they marked that had room:',
    ...rows,
    proposal.unplaced.length ? `Not placed, their topics were full: ${mention(proposal.unplaced)}.` : '',
    proposal.withoutInterest.length ? `Marked no topic: ${mention(proposal.withoutInterest)}.` : '',
    proposal.notAttending.length
      ? `Marked topics but are not on the attendee list: ${mention(proposal.notAttending)}.`
      : '',
    'Nothing is published yet. *Review and publish teams* (or `/htg teams`) lets you move people, then announces the teams.',
  ];
  return lines.filter(Boolean).join('\n').slice(0, 3000);
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** The ballot's notice: what changed, and which ticks were not counted. */
export function ballotSavedNotice(result: Pick<BallotResult, 'added' | 'removed' | 'refused'>): Notice {
  const changes = [
    result.added.vote && `+${plural(result.added.vote, 'vote', 'votes')}`,
    result.removed.vote && `−${plural(result.removed.vote, 'vote', 'votes')}`,
    result.added.interest && `+${result.added.interest} "I'd work on it"`,
    result.removed.interest && `−${result.removed.interest} "I'd work on it"`,
  ].filter(Boolean);
  const refused = result.refused.map((r) => `#${r.number}`).join(', ');
  return {
    title: 'Votes saved',
    text:
      (changes.length ? `Saved: ${changes.join(', ')}.` : 'Nothing changed.') +
      (refused ? ` Not counted (withdrawn meanwhile, or your votes were used up): ${refused}.` : ''),
  };
}

/** `/htg close-voting`'s answer, while the cards' reactions are re-read. */
export function votingClosingText(hackathon: Pick<Hackathon, 'name'>, cards: number): string {
  return `Voting for ${boldName(hackathon.name)} is closed. I am re-reading the reactions on ${cards} ${cards === 1 ? 'card' : 'cards'} and will tell you here what I had missed.`;
}
