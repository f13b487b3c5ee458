import type { Hackathon } from '../../domain/hackathon.js';
import { context, type KnownBlock, type ModalView, plainText, section } from './blocks.js';
import { boldName } from './mrkdwn.js';

export const ATTENDEES_CALLBACK = 'hackathon_attendees';

/** `/htg attendees`: one line per person, an @mention and optionally their company and GitHub login. */
export function attendeesModal(hackathon: Hackathon): ModalView {
  const attendees = hackathon.attendees ?? [];
  const initial = attendees.length
    ? {
        initial_value: {
          type: 'rich_text',
          elements: [
            {
              type: 'rich_text_section',
              elements: attendees.flatMap((a) => [
                { type: 'user', user_id: a.userId },
                { type: 'text', text: `${attendeeDetails(a)}\n` },
              ]),
            },
          ],
        },
      }
    : {};
  const blocks = [
    section(
      `Who takes part in ${boldName(hackathon.name)}: one line per person, @mention first, then their company if you want teams to mix companies, and \`github:<login>\` if they have one.`,
    ),
    {
      type: 'input',
      block_id: 'attendees',
      optional: true,
      label: plainText('Attendees'),
      element: {
        type: 'rich_text_input',
        action_id: 'value',
        ...initial,
        placeholder: plainText('@Alice SAP github:alice'),
      },
    },
    context(
      `${attendees.length} ${attendees.length === 1 ? 'attendee' : 'attendees'} so far. Team proposals at voting close use this list.`,
    ),
  ] as KnownBlock[];
  return {
    type: 'modal',
    callback_id: ATTENDEES_CALLBACK,
    private_metadata: JSON.stringify({ hackathonId: hackathon.id }),
    title: plainText('Attendees', 24),
    submit: plainText('Save'),
    close: plainText('Cancel'),
    blocks,
  };
}

/** What follows a person's mention on their line: " SAP github:alice", as the organizer wrote it. */
function attendeeDetails(attendee: NonNullable<Hackathon['attendees']>[number]): string {
  const parts = [attendee.company, attendee.githubLogin ? `github:${attendee.githubLogin}` : null];
  return parts.flatMap((part) => (part ? [` ${part}`] : [])).join('');
}
