import type { types } from '@slack/bolt';
import { clip, splitText } from './clip.js';

export { clip };

export type KnownBlock = types.KnownBlock;
export type ModalView = types.ModalView;

/** Slack's limits the builders respect. */
export const SLACK_LIMITS = {
  blocksPerMessage: 50,
  blocksPerModal: 100,
  sectionText: 3000,
  modalTitle: 24,
} as const;

/** A section of short text (clipped to Slack's 3,000 as a safeguard; long text goes through `sections`). */
export function section(text: string): KnownBlock {
  return { type: 'section', text: { type: 'mrkdwn', text: clip(text, SLACK_LIMITS.sectionText) } };
}

/** Sections holding all of a long text, split at line breaks (never inside a link, mention or emoji). */
export function sections(text: string): KnownBlock[] {
  return splitText(text, SLACK_LIMITS.sectionText).map(section);
}

export function context(text: string): KnownBlock {
  return { type: 'context', elements: [{ type: 'mrkdwn', text: clip(text, SLACK_LIMITS.sectionText) }] };
}

export function plainText(text: string, max = 150) {
  return { type: 'plain_text' as const, text: clip(text, max), emoji: true };
}

/** A small modal that only says something (after a submission, or when something could not be done). */
export function noticeModal(title: string, text: string): ModalView {
  return {
    type: 'modal',
    title: plainText(title, SLACK_LIMITS.modalTitle),
    close: plainText('Close'),
    blocks: [section(text)],
  };
}
