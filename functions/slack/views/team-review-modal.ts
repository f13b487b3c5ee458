import type { TeamReview } from '../../app/team-review.js';
import type { RankedTopic } from '../../domain/assignment.js';
import {
  clip,
  context,
  type KnownBlock,
  type ModalView,
  plainText,
  SLACK_LIMITS,
  section,
} from './blocks.js';
import { boldName, escapeMrkdwn, mentions } from './mrkdwn.js';

export const TEAM_REVIEW_CALLBACK = 'team_review';

/** Blocks around the teams: the introduction, and the closing note about people and topics not shown. */
const FRAME_BLOCKS = 3;

/**
 * The organizers' review of the proposed teams: one people picker per hacking topic, most votes first,
 * prefilled with the proposal (people already in a team stay there). Moving someone is taking them off one
 * team and putting them on another; a team left empty is published as not picked. Under each team, who would
 * work on it and any warning (one company, below the smallest team) where the modal has room for it.
 */
export function teamReviewModal(review: TeamReview): ModalView {
  const { hackathon, proposal } = review;
  const hacking = proposal.ranking.filter((row) => row.kind === 'hacking');
  const room = SLACK_LIMITS.blocksPerModal - FRAME_BLOCKS;
  const shown = hacking.slice(0, room);
  const withContext = hacking.length * 2 <= room;
  const blocks: KnownBlock[] = [
    section(
      `Teams for ${boldName(hackathon.name)}, most votes first. Each person is on the highest-voted topic they marked that had room. ` +
        'Move people by taking them off one team and adding them to another; a team left empty is published as 🙅 not picked. ' +
        '*Publish* updates the cards, posts the teams in the ranking message and tells everyone placed or moved.',
    ),
  ];
  for (const row of shown) {
    blocks.push(teamInput(row));
    if (withContext) blocks.push(context(teamNotes(row, review.interested.get(row.number) ?? [])));
  }
  const notes = [
    hacking.length > shown.length
      ? `${hacking.length - shown.length} lower-ranked topics do not fit in this form; their teams stay as they are.`
      : '',
    proposal.unplaced.length ? `Not placed (their topics were full): ${mentions(proposal.unplaced)}.` : '',
    proposal.notAttending.length
      ? `Marked topics but are not on the attendee list: ${mentions(proposal.notAttending)}.`
      : '',
    proposal.withoutInterest.length ? `Marked no topic: ${mentions(proposal.withoutInterest)}.` : '',
  ].filter(Boolean);
  if (notes.length > 0) blocks.push(context(notes.join('\n')));
  if (hacking.length === 0) blocks.push(section('There are no hacking topics to form teams for.'));
  return {
    type: 'modal',
    callback_id: TEAM_REVIEW_CALLBACK,
    title: plainText('Review teams', SLACK_LIMITS.modalTitle),
    submit: plainText('Publish'),
    close: plainText('Cancel'),
    private_metadata: JSON.stringify({ h: hackathon.id, v: review.version }),
    blocks,
  };
}

/** The block of a topic's team input; inline errors and the submitted teams are found by it. */
export const teamBlockId = (number: number) => `team_${number}`;

/** The topic number of a team input's block, or null for any other block. */
export function teamNumberOf(blockId: string | undefined): number | null {
  const match = /^team_(\d{1,5})$/.exec(blockId ?? '');
  return match ? Number(match[1]) : null;
}

function teamInput(row: RankedTopic): KnownBlock {
  return {
    type: 'input',
    block_id: teamBlockId(row.number),
    optional: true,
    label: plainText(`${row.rank}. #${row.number} ${row.title}`, 150),
    hint: plainText(`${row.votes} ${row.votes === 1 ? 'vote' : 'votes'} · room for ${row.cap}`),
    element: {
      type: 'multi_users_select',
      action_id: 'members',
      placeholder: plainText('Nobody: not picked'),
      // Never below who is on the team already (a cap lowered in the settings later), or Slack refuses the form.
      max_selected_items: Math.max(row.cap, row.team.length),
      ...(row.team.length > 0 ? { initial_users: row.team } : {}),
    },
  } as KnownBlock;
}

function teamNotes(row: RankedTopic, interested: readonly string[]): string {
  const warnings = [
    row.singleCompany ? `⚠️ everyone is from ${escapeMrkdwn(row.singleCompany)}` : '',
    row.belowMinimum ? '⚠️ below the smallest team' : '',
  ].filter(Boolean);
  return clip(
    [interested.length ? `Would work on it: ${mentions(interested)}` : 'Nobody marked it.', ...warnings].join(
      ' · ',
    ),
    SLACK_LIMITS.sectionText,
  );
}
