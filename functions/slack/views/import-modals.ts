import type { ImportPreview } from '../../app/topic-import.js';
import type { Hackathon } from '../../domain/hackathon.js';
import type { Topic } from '../../domain/topic.js';
import { context, type KnownBlock, type ModalView, plainText, SLACK_LIMITS, section } from './blocks.js';
import { chunkLines } from './chunk-lines.js';
import { escapeMrkdwn } from './mrkdwn.js';

export const IMPORT_CALLBACKS = { paste: 'topic_import', confirm: 'topic_import_confirm' } as const;
/** Slack caps a text input at 3,000 characters; longer lists continue in the next boxes. */
export const IMPORT_PARTS = ['markdown', 'markdown2', 'markdown3', 'markdown4'] as const;

/** `/htg import`: paste a Markdown topic list. */
export function importModal(hackathon: Hackathon): ModalView {
  const blocks = IMPORT_PARTS.map((blockId, i) => ({
    type: 'input',
    block_id: blockId,
    optional: i > 0,
    label: plainText(i === 0 ? 'Topic list (Markdown)' : `Continued (part ${i + 1})`),
    ...(i === 0
      ? {
          hint: plainText(
            'A board with "### Category" headings and "- topic" bullets (nested bullets become details), or a list of "## 🌱 Title ([#12](link))" headings. Longer than 3,000 characters? Continue in the next box, split at a line break.',
            2000,
          ),
        }
      : {}),
    element: { type: 'plain_text_input', action_id: 'value', multiline: true, max_length: 3000 },
  })) as KnownBlock[];
  return {
    type: 'modal',
    callback_id: IMPORT_CALLBACKS.paste,
    private_metadata: JSON.stringify({ hackathonId: hackathon.id }),
    title: plainText('Import topics', 24),
    submit: plainText('Preview'),
    close: plainText('Cancel'),
    blocks,
  };
}

/** What the import would do, by category, before anything is created. */
export function importPreviewModal(preview: ImportPreview): ModalView {
  const creating = preview.items.filter((item) => item.duplicateOf === null);
  const skipping = preview.items.length - creating.length;
  const byCategory = new Map<string, string[]>();
  for (const item of preview.items) {
    const heading = `*${escapeMrkdwn(item.draft.category)}*${item.newCategory ? ' _(new category)_' : ''}`;
    const line =
      item.duplicateOf === null
        ? `• ${item.draft.emoji ? `${escapeMrkdwn(item.draft.emoji)} ` : ''}${escapeMrkdwn(item.draft.title)}${item.draft.links.length ? ` (${item.draft.links.length} ${item.draft.links.length === 1 ? 'link' : 'links'})` : ''}`
        : `• ~${escapeMrkdwn(item.draft.title)}~ _already present: ${escapeMrkdwn(item.duplicateOf)}_`;
    byCategory.set(heading, [...(byCategory.get(heading) ?? []), line]);
  }
  const lines = [...byCategory].flatMap(([heading, items]) => [heading, ...items]);
  const sections = chunkLines(lines).map(section);
  const room = SLACK_LIMITS.blocksPerModal - 3;
  const blocks: KnownBlock[] = [
    section(
      `Found *${preview.items.length}* ${preview.items.length === 1 ? 'topic' : 'topics'}: *${creating.length}* to import` +
        (skipping ? `, ${skipping} already present (skipped)` : '') +
        '.',
    ),
    ...sections.slice(0, room),
    context(
      'Nothing is created until you press Import. Each imported topic gets a number and a card in the channel.',
    ),
  ];
  return {
    type: 'modal',
    callback_id: IMPORT_CALLBACKS.confirm,
    private_metadata: JSON.stringify({ hackathonId: preview.hackathon.id, draftId: preview.draftId }),
    title: plainText('Import topics', 24),
    ...(creating.length > 0 ? { submit: plainText(`Import ${creating.length}`) } : {}),
    close: plainText(creating.length > 0 ? 'Cancel' : 'Close'),
    blocks,
  };
}

/** The text shown once an import is done. */
export function importDoneText(hackathon: Hackathon, created: readonly Topic[], skipped: number): string {
  const numbers = created.map((topic) => topic.number);
  const range = numbers.length > 1 ? `#${numbers[0]}–#${numbers[numbers.length - 1]}` : `#${numbers[0]}`;
  return (
    (created.length > 0
      ? `Imported *${created.length}* ${created.length === 1 ? 'topic' : 'topics'} (${range}) into *${escapeMrkdwn(hackathon.name)}*. Their cards are being posted in <#${hackathon.channelId}>.`
      : 'Nothing to import.') +
    (skipped > 0 ? ` ${skipped} already present ${skipped === 1 ? 'was' : 'were'} skipped.` : '')
  );
}
