import type { types } from '@slack/bolt';

export type KnownBlock = types.KnownBlock;
export type ModalView = types.ModalView;

/** Slack's limits the builders respect. */
export const SLACK_LIMITS = {
  blocksPerMessage: 50,
  blocksPerModal: 100,
  sectionText: 3000,
  modalTitle: 24,
} as const;

export function section(text: string): KnownBlock {
  return { type: 'section', text: { type: 'mrkdwn', text: clip(text, SLACK_LIMITS.sectionText) } };
}

export function context(text: string): KnownBlock {
  return { type: 'context', elements: [{ type: 'mrkdwn', text: clip(text, SLACK_LIMITS.sectionText) }] };
}

export function plainText(text: string, max = 150) {
  return { type: 'plain_text' as const, text: clip(text, max), emoji: true };
}

/** Shortens text to `max` characters with an ellipsis. */
export function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
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
