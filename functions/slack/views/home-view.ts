import type { HomeEntry, Phase } from '../../app/home.js';
import type { Hackathon } from '../../domain/hackathon.js';
import { hasWork, type Topic } from '../../domain/topic.js';
import { clip, context, type KnownBlock, plainText, SLACK_LIMITS, section, sections } from './blocks.js';
import { escapeMrkdwn, mentions } from './mrkdwn.js';
import { outcomeActionId, topicActionValue } from './topic-card.js';
import { STATUS_LABELS } from './topic-list-message.js';
import { formatWhen } from './when.js';

export const HOME_ACTIONS = { propose: 'home_propose', vote: 'home_vote' } as const;

const topicName = (t: Topic) => `\`#${t.number}\` ${escapeMrkdwn(clip(t.title, 80))}`;

/** The Home tab for one person: their hackathons, each with phase, votes, team and topics looking for people. */
export function homeView(entries: readonly HomeEntry[], now: Date): { type: 'home'; blocks: KnownBlock[] } {
  const blocks: KnownBlock[] = [{ type: 'header', text: plainText('Your hackathons') }];
  if (entries.length === 0) {
    blocks.push(
      section(
        'No hackathon is running in your channels yet. An organizer sets one up in a channel with `/htg setup`; then topics, votes and teams live there, and this page shows where you stand.',
      ),
    );
  }
  for (const entry of entries) blocks.push({ type: 'divider' }, ...hackathonBlocks(entry, now));
  blocks.push(context('Refreshed each time you open this tab. `/htg help` lists everything htg does.'));
  return { type: 'home', blocks: blocks.slice(0, SLACK_LIMITS.blocksPerModal) };
}

function hackathonBlocks(entry: HomeEntry, now: Date): KnownBlock[] {
  const { hackathon } = entry;
  const blocks: KnownBlock[] = [
    section(
      `*${escapeMrkdwn(hackathon.name)}* in <#${hackathon.channelId}>\n${phaseText(hackathon, entry.phase, now)}`,
    ),
  ];
  const lines: string[] = [];
  if (entry.phase.kind === 'proposals' || entry.phase.kind === 'voting') {
    lines.push(
      entry.votes.length > 0
        ? `🗳️ Your votes: ${entry.votes.map(topicName).join(', ')}` +
            (entry.votesLeft === null ? '' : ` · ${entry.votesLeft} left`)
        : `🗳️ You have not voted yet${entry.votesLeft === null ? '' : ` (${entry.votesLeft} votes to give)`}.`,
    );
  }
  lines.push(
    entry.teams.length > 0
      ? entry.teams
          .map((t) => {
            const others = (t.members ?? []).length;
            return `👥 Your team: ${topicName(t)} · ${STATUS_LABELS[t.status]} · ${others} ${others === 1 ? 'person' : 'people'}${t.outcome ? ' · outcome written' : ''}`;
          })
          .join('\n')
      : '👥 You are not in a team yet.',
  );
  if (entry.lookingForPeople.length > 0) {
    lines.push(
      `🙋 Looking for people: ${entry.lookingForPeople
        .map((t) => `${topicName(t)}${t.members?.length ? ` (${mentions(t.members)})` : ''}`)
        .join(', ')}`,
    );
  }
  blocks.push(...sections(lines.join('\n')));
  const buttons: Array<Record<string, unknown>> = [];
  if (entry.phase.kind === 'proposals' || entry.phase.kind === 'voting')
    buttons.push(button(HOME_ACTIONS.propose, 'Propose a topic', hackathon.id));
  if (entry.phase.kind === 'voting' || entry.phase.kind === 'proposals')
    buttons.push(button(HOME_ACTIONS.vote, 'Vote', hackathon.id));
  for (const topic of entry.teams.filter(hasWork).slice(0, 3)) {
    buttons.push({
      type: 'button',
      // One per topic in the same actions block: each needs its own action id.
      action_id: outcomeActionId(topic.number),
      text: plainText(clip(`${topic.outcome ? 'Edit' : 'Add'} outcome #${topic.number}`, 75)),
      value: topicActionValue(topic),
    });
  }
  if (buttons.length > 0) blocks.push({ type: 'actions', elements: buttons } as unknown as KnownBlock);
  return blocks;
}

function button(actionId: string, text: string, hackathonId: string) {
  return { type: 'button', action_id: actionId, text: plainText(text), value: hackathonId };
}

function phaseText(hackathon: Hackathon, phase: Phase, now: Date): string {
  const when = (iso: string | null) =>
    iso ? `${formatWhen(new Date(iso), hackathon.timeZone)} (${hackathon.timeZone})` : '';
  const left = (iso: string | null) => {
    if (!iso) return '';
    const hours = Math.max(0, Math.round((Date.parse(iso) - now.getTime()) / 3_600_000));
    return hours >= 48 ? `${Math.round(hours / 24)} days left` : `${hours} hours left`;
  };
  switch (phase.kind) {
    case 'proposals':
      return `📝 Proposals are open until ${when(phase.until)}, ${left(phase.until)}.`;
    case 'voting':
      return phase.until
        ? `🗳️ Voting is open until ${when(phase.until)}, ${left(phase.until)}.`
        : '🗳️ Voting is open.';
    case 'teams':
      return `👥 Voting has closed; teams are forming. The hackathon starts ${hackathon.startDate}.`;
    case 'running':
      return `🚧 The hackathon is running until ${hackathon.endDate}; wrap-up ${when(phase.until)}, ${left(phase.until)}.`;
    case 'ended':
      return '🏁 Wrapped up.';
  }
}
