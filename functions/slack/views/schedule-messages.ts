import type { Hackathon } from '../../domain/hackathon.js';
import { type CheckIn, hasWork, type Topic } from '../../domain/topic.js';
import type { Notice } from '../messages.js';
import {
  clip,
  context,
  type KnownBlock,
  type ModalView,
  plainText,
  SLACK_LIMITS,
  section,
} from './blocks.js';
import { chunkLines } from './chunk-lines.js';
import { boldName, escapeMrkdwn, mentions } from './mrkdwn.js';
import { paginate } from './paginate.js';
import { formatWhen } from './when.js';

export const CHECK_IN_ACTION = 'checkin_answer';
export const CHECK_IN_CALLBACK = 'checkin';
const CHECK_IN_TEXT_MAX = 1000;

/** The value of the check-in button: which topic it asks about. */
const checkInValue = (topic: Pick<Topic, 'hackathonId' | 'number'>) =>
  JSON.stringify({ h: topic.hackathonId, n: topic.number });

/** The mid-week check-in question, in a thread on the team's card. */
export function checkInQuestion(hackathon: Hackathon, topic: Topic): { text: string; blocks: KnownBlock[] } {
  const text = `${mentions(topic.members ?? [])} mid-week check-in for \`#${topic.number}\` ${escapeMrkdwn(topic.title)}: what have you achieved so far, and what blocks you?`;
  return {
    text,
    blocks: [
      section(text),
      context(
        `Your answer shows on the card and on the board of ${boldName(hackathon.name)}, and feeds the wrap-up.`,
      ),
      {
        type: 'actions',
        block_id: 'checkin',
        elements: [
          {
            type: 'button',
            action_id: CHECK_IN_ACTION,
            style: 'primary',
            text: plainText('Answer the check-in'),
            value: checkInValue(topic),
          },
        ],
      },
    ],
  };
}

/** The check-in form, prefilled with the team's last answer. */
export function checkInModal(topic: Topic): ModalView {
  const previous: CheckIn | null = topic.checkIn ?? null;
  const box = (
    blockId: 'achieved' | 'blockers',
    label: string,
    initial: string | undefined,
    optional: boolean,
  ) => ({
    type: 'input' as const,
    block_id: blockId,
    optional,
    label: plainText(label),
    element: {
      type: 'plain_text_input' as const,
      action_id: 'value',
      multiline: true,
      max_length: CHECK_IN_TEXT_MAX,
      ...(initial ? { initial_value: initial } : {}),
    },
  });
  return {
    type: 'modal',
    callback_id: CHECK_IN_CALLBACK,
    private_metadata: checkInValue(topic),
    title: plainText('Check-in', SLACK_LIMITS.modalTitle),
    submit: plainText('Save'),
    close: plainText('Cancel'),
    blocks: [
      section(`*\`#${topic.number}\` ${escapeMrkdwn(topic.title)}*`),
      box('achieved', 'What have you achieved so far?', previous?.achieved, false),
      box('blockers', 'What blocks you? (leave empty if nothing)', previous?.blockers, true),
    ],
  };
}

/**
 * Before the wrap-up: teams that have not written their outcome yet are named first and asked to, then every
 * team is asked to bring its status and links up to date. A long list of teams continues in the thread.
 */
export function wrapUpReminderMessage(
  hackathon: Hackathon,
  topics: readonly Topic[],
  wrapUpAt: Date,
): { text: string; pages: KnownBlock[][] } {
  const teams = topics.filter((t) => t.status !== 'withdrawn' && t.kind === 'hacking' && hasWork(t));
  const missing = teams.filter((t) => !t.outcome);
  const text = `The wrap-up of ${hackathon.name} is ${formatWhen(wrapUpAt, hackathon.timeZone)} (${hackathon.timeZone}).`;
  const line = (t: Topic) =>
    `• \`#${t.number}\` ${escapeMrkdwn(t.title)}: ${t.members?.length ? mentions(t.members) : `<@${t.proposerId}>`}`;
  const blocks: KnownBlock[] = [
    section(
      `⏰ *${escapeMrkdwn(text)}* Teams, please bring your topic up to date before then: its status (\`/htg status #N done\`, \`paused\`, \`dropped …\`) and its PRs and issues (\`/htg link #N <url>\`).`,
    ),
  ];
  if (missing.length > 0) {
    blocks.push(
      section(
        `*No outcome yet* — press *Add outcome* on your card (what you achieved, next steps, PRs, a one-line highlight):`,
      ),
      ...chunkLines(missing.map(line)).map((chunk) => section(chunk)),
    );
  } else if (teams.length > 0) {
    blocks.push(section('Every team has written its outcome. Thank you!'));
  }
  return {
    text,
    pages: paginate(blocks.slice(1), {
      lead: blocks.slice(0, 1),
      more: () => context('The list continues in the thread.'),
      continued: (page, total) => context(`Wrap-up reminder, continued (${page}/${total})`),
    }),
  };
}

/** The check-in line shown on a card. */
export function checkInLine(checkIn: CheckIn): string {
  const blockers = checkIn.blockers.trim();
  return clip(
    `📝 *Check-in:* ${escapeMrkdwn(checkIn.achieved)}${blockers ? ` · *blocked by:* ${escapeMrkdwn(blockers)}` : ''}`,
    SLACK_LIMITS.sectionText,
  );
}

/** The check-in form's notice. */
export function checkInSavedNotice(topic: Pick<Topic, 'number' | 'title'>): Notice {
  return {
    title: 'Check-in saved',
    text: `Thanks! The check-in of *#${topic.number} ${escapeMrkdwn(topic.title)}* now shows on its card and on the board.`,
  };
}
