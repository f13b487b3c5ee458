import type { Hackathon } from '../../domain/hackathon.js';
import {
  KIND_LABELS,
  TEAM_SIZE_LABELS,
  type TeamSize,
  TITLE_MAX,
  type Topic,
  type TopicKind,
} from '../../domain/topic.js';
import { clip, type KnownBlock, type ModalView, plainText } from './blocks.js';
import { lineListInputs, TEXT_INPUT_MAX } from './text-input.js';

export const TOPIC_CALLBACKS = { propose: 'topic_propose', edit: 'topic_edit' } as const;

interface TopicModalMetadata {
  hackathonId: string;
  number?: number;
  updatedAt?: string;
}

export interface TopicModalPrefill {
  title?: string;
  category?: string;
  kind?: TopicKind;
  teamSize?: TeamSize | null;
  fastTrack?: boolean;
  description?: string;
  links?: string[];
}

const option = (value: string, text: string) => ({ value, text: plainText(text, 75) });

/** `/htg propose` (new topic) and "Edit" on a card: the proposal form, prefilled where known. */
export function topicModal(hackathon: Hackathon, prefill: TopicModalPrefill, existing?: Topic): ModalView {
  const categories =
    existing && !hackathon.categories.includes(existing.category)
      ? [...hackathon.categories, existing.category]
      : hackathon.categories;
  const category = prefill.category ?? existing?.category;
  const kind = prefill.kind ?? 'hacking';
  const teamSize = prefill.teamSize ?? null;
  // A title typed after `/htg propose` that is longer than a title may be is not cut away: the title field gets
  // its start, and the description (when empty) the whole text, for the proposer to shorten as they like. A saved
  // description is at most 3,000 characters (DESCRIPTION_MAX), like the field.
  const typed = prefill.title ?? '';
  const title = typed.length > TITLE_MAX ? clip(typed, TITLE_MAX) : typed;
  const description = prefill.description || (typed.length > TITLE_MAX ? clip(typed, TEXT_INPUT_MAX) : '');
  const blocks = [
    {
      type: 'input',
      block_id: 'title',
      label: plainText('Title'),
      element: {
        type: 'plain_text_input',
        action_id: 'value',
        max_length: TITLE_MAX,
        ...(title ? { initial_value: title } : {}),
        placeholder: plainText('Replace OpenVPN with WireGuard'),
      },
    },
    {
      type: 'input',
      block_id: 'category',
      label: plainText('Category'),
      element: {
        type: 'static_select',
        action_id: 'value',
        options: categories.slice(0, 100).map((c) => option(c, c)),
        ...(category && categories.includes(category) ? { initial_option: option(category, category) } : {}),
      },
    },
    {
      type: 'input',
      block_id: 'kind',
      label: plainText('Kind'),
      element: {
        type: 'radio_buttons',
        action_id: 'value',
        options: (Object.keys(KIND_LABELS) as TopicKind[]).map((k) => option(k, KIND_LABELS[k])),
        initial_option: option(kind, KIND_LABELS[kind]),
      },
    },
    {
      type: 'input',
      block_id: 'teamSize',
      optional: true,
      label: plainText('Ideal team size'),
      element: {
        type: 'static_select',
        action_id: 'value',
        options: (Object.keys(TEAM_SIZE_LABELS) as TeamSize[]).map((s) => option(s, TEAM_SIZE_LABELS[s])),
        ...(teamSize ? { initial_option: option(teamSize, TEAM_SIZE_LABELS[teamSize]) } : {}),
      },
    },
    {
      type: 'input',
      block_id: 'fastTrack',
      optional: true,
      label: plainText('Fast track'),
      element: {
        type: 'checkboxes',
        action_id: 'value',
        options: [option('yes', 'Small enough to finish quickly, alongside another topic')],
        ...(prefill.fastTrack
          ? { initial_options: [option('yes', 'Small enough to finish quickly, alongside another topic')] }
          : {}),
      },
    },
    {
      type: 'input',
      block_id: 'description',
      optional: true,
      label: plainText('Description'),
      hint: plainText(
        'The problem statement and the motivation: what is wrong today, and what it would bring.',
      ),
      element: {
        type: 'plain_text_input',
        action_id: 'value',
        multiline: true,
        max_length: TEXT_INPUT_MAX,
        ...(description ? { initial_value: description } : {}),
      },
    },
    ...lineListInputs('links', 'Links', prefill.links ?? [], {
      hint: 'Issues, pull requests, documents: full https:// links, one per line.',
    }),
  ] as KnownBlock[];
  const metadata: TopicModalMetadata = existing
    ? { hackathonId: hackathon.id, number: existing.number, updatedAt: existing.updatedAt }
    : { hackathonId: hackathon.id };
  return {
    type: 'modal',
    callback_id: existing ? TOPIC_CALLBACKS.edit : TOPIC_CALLBACKS.propose,
    private_metadata: JSON.stringify(metadata),
    title: plainText(existing ? `Edit #${existing.number}` : 'Propose a topic', 24),
    submit: plainText(existing ? 'Save' : 'Propose'),
    close: plainText('Cancel'),
    blocks,
  };
}

/** The form prefilled with a topic as it is, for editing. */
export function prefillFromTopic(topic: Topic): TopicModalPrefill {
  return {
    title: topic.title,
    category: topic.category,
    kind: topic.kind,
    teamSize: topic.teamSize,
    fastTrack: topic.fastTrack,
    description: topic.description,
    links: topic.links,
  };
}
