import type { Hackathon } from '../../domain/hackathon.js';
import {
  type AgendaPost,
  type AgendaSlot,
  duration,
  MEETING_LABELS,
  type MeetingKind,
} from '../../domain/meetings.js';
import type { Topic } from '../../domain/topic.js';
import { toLocal } from '../../domain/zoned-time.js';
import type { Notice } from '../messages.js';
import { context, type KnownBlock, type ModalView, plainText, section } from './blocks.js';
import { chunkLines } from './chunk-lines.js';
import { escapeMrkdwn } from './mrkdwn.js';
import { paginate } from './paginate.js';
import { formatWhen } from './when.js';

/** The organizers' button under an agenda: starts the meeting, then moves it on slot by slot. */
export const AGENDA_NEXT_ACTION = 'agenda_next';

/** The button's value: the hackathon, the meeting, and the slot the agenda was at when the button was drawn. */
function agendaNextValue(hackathonId: string, kind: MeetingKind, current: number): string {
  return JSON.stringify({ h: hackathonId, k: kind, i: current });
}

/** Why the slots come in this order (the topic collection's as the community's presentation-order.sh says it). */
const ORDER_TEXT: Record<MeetingKind, string> = {
  'topic-collection':
    'Grouped by proposer, each presenting theirs in a row: most topics first, ties by the lowest topic number.',
  'mid-week': 'One slot per team, by topic number; discussion topics at the end.',
  final: 'One slot per team, by topic number; discussion topics at the end.',
};

/**
 * A meeting's agenda in the channel: when and how long, the order and why, the slot under way and the
 * organizers' **Start** / **Next** button, then each slot with its local start, its time box, its topic and
 * presenter (a blank line between proposers in the topic collection). A long agenda continues in the thread;
 * the first page (what **Next** updates) always holds the button.
 */
export function agendaMessage(
  hackathon: Hackathon,
  post: AgendaPost,
): { text: string; pages: KnownBlock[][] } {
  const { agenda } = post;
  const label = MEETING_LABELS[agenda.kind];
  const text = `${label} of ${hackathon.name}: the agenda`;
  const start = new Date(agenda.startsAt);
  const lines: string[] = [];
  agenda.slots.forEach((slot, i) => {
    const previous = agenda.slots[i - 1];
    if (previous && slot.group !== null && slot.group !== previous.group) lines.push('');
    lines.push(
      `${localTime(slot.startsAt, hackathon.timeZone)} · ${duration(slot.seconds)} · ${slotName(slot)}`,
    );
  });
  const lead: KnownBlock[] = [
    section(
      `🗓️ *${escapeMrkdwn(text)}*, ${formatWhen(start, hackathon.timeZone)} (${hackathon.timeZone}), ${agenda.minutes} min: ` +
        `${count(agenda.slots.length, agenda.kind === 'topic-collection' ? 'topic' : 'team')}.`,
    ),
    context(
      ORDER_TEXT[agenda.kind] +
        (agenda.overrunSeconds > 0
          ? ` ⚠️ Every slot gets at least a minute, so this runs ${duration(agenda.overrunSeconds)} over.`
          : ''),
    ),
    section(progressText(post)),
  ];
  const next = nextButton(hackathon, post);
  if (next) lead.push(next);
  const body =
    lines.length > 0
      ? chunkLines(lines).map((chunk) => section(chunk))
      : [context('Nothing to present yet: no topic is in this meeting.')];
  return {
    text,
    pages: paginate(body, {
      lead,
      more: (n) => context(`The agenda continues in the thread (${count(n, 'more message')}).`),
      continued: (page, total) => context(`Agenda, continued (${page}/${total})`),
    }),
  };
}

/** After a click on **Next**, in the agenda's thread: who presents now and who is next, or that it is over. */
export function agendaNowText(post: AgendaPost): string {
  const now = post.agenda.slots[post.current];
  if (!now)
    return `🏁 That was the last slot of the ${MEETING_LABELS[post.agenda.kind].toLowerCase()}. Thank you!`;
  const next = post.agenda.slots[post.current + 1];
  return (
    `▶️ *Now:* ${slotName(now)} (${duration(now.seconds)})` +
    (next ? `\n⏭️ *Next up:* ${slotName(next)}` : '\n🏁 This is the last slot.')
  );
}

/**
 * In a topic's card thread, before its slot: the presenter is told that the topic is next (or opens the
 * meeting), with its time box.
 */
export function agendaReminderText(
  hackathon: Hackathon,
  kind: MeetingKind,
  slot: AgendaSlot,
  first: boolean,
): string {
  const meeting = MEETING_LABELS[kind].toLowerCase();
  const who = presenterName(slot);
  return first
    ? `🗓️ ${who}: \`#${slot.number}\` opens the ${meeting} at ${localTime(slot.startsAt, hackathon.timeZone)} (${duration(slot.seconds)}). The agenda is pinned in the channel.`
    : `⏭️ ${who}: \`#${slot.number}\` is up next in the ${meeting} (${duration(slot.seconds)}).`;
}

function progressText(post: AgendaPost): string {
  const { slots } = post.agenda;
  if (slots.length === 0) return '_No slots._';
  if (post.current < 0) return '⏸️ Not started yet: an organizer clicks *Start* when the meeting begins.';
  const now = slots[post.current];
  if (!now) return '🏁 The meeting is over.';
  return `▶️ *Now (${post.current + 1}/${slots.length}):* ${slotName(now)}`;
}

function nextButton(hackathon: Hackathon, post: AgendaPost): KnownBlock | null {
  const { slots } = post.agenda;
  if (post.current >= slots.length || slots.length === 0) return null;
  const label = post.current < 0 ? 'Start' : post.current === slots.length - 1 ? 'End meeting' : 'Next';
  return {
    type: 'actions',
    block_id: 'agenda_actions',
    elements: [
      {
        type: 'button',
        action_id: AGENDA_NEXT_ACTION,
        style: 'primary',
        text: { type: 'plain_text', text: label },
        value: agendaNextValue(hackathon.id, post.agenda.kind, post.current),
      },
    ],
  } as KnownBlock;
}

/** "`#3` Title · <@U…>" (a presenter known only on GitHub by their login). */
function slotName(slot: AgendaSlot): string {
  return `\`#${slot.number}\` ${escapeMrkdwn(slot.title)} · ${presenterName(slot)}`;
}

function presenterName(slot: AgendaSlot): string {
  return 'userId' in slot.presenter
    ? `<@${slot.presenter.userId}>`
    : `@${escapeMrkdwn(slot.presenter.githubLogin)} (GitHub)`;
}

/** "10:05" on the hackathon's clock. */
function localTime(iso: string, timeZone: string): string {
  return toLocal(new Date(iso), timeZone).time.slice(0, 5);
}

function count(n: number, noun: string): string {
  return `${n} ${n === 1 ? noun : `${noun}s`}`;
}

export const PRESENTER_CALLBACK = 'topic_presenter';

/** **Presenter** on a team's card: who presents the topic at the mid-week update and the final presentations. */
export function presenterModal(topic: Topic, presenter: string | null): ModalView {
  return {
    type: 'modal',
    callback_id: PRESENTER_CALLBACK,
    private_metadata: JSON.stringify({ h: topic.hackathonId, n: topic.number }),
    title: plainText('Presenter', 24),
    submit: plainText('Save'),
    close: plainText('Cancel'),
    blocks: [
      section(
        `Who presents \`#${topic.number}\` *${escapeMrkdwn(topic.title)}* at the mid-week update and the final presentations? ` +
          'Without a choice, the proposer presents when on the team, else its first member.',
      ),
      {
        type: 'input',
        block_id: 'presenter',
        optional: true,
        label: plainText('Presenter'),
        element: {
          type: 'users_select',
          action_id: 'value',
          ...(presenter ? { initial_user: presenter } : {}),
        },
      } as KnownBlock,
    ],
  };
}

/** After the presenter is saved: whom the agendas will name. */
export function presenterSavedNotice(topic: Topic): Notice {
  return {
    title: 'Saved',
    text: topic.presenter
      ? `<@${topic.presenter}> presents \`#${topic.number}\` at the team meetings.`
      : `\`#${topic.number}\` is presented by its proposer when on the team, else by its first member.`,
  };
}

/** The card's line for a chosen presenter; null when the default applies. */
export function presenterLine(topic: Topic): string | null {
  return topic.presenter ? `🎤 Presents it at the team meetings: <@${topic.presenter}>` : null;
}
