import { readFileSync } from 'node:fs';

/**
 * Real Slack payloads (slackapi/java-slack-sdk's test fixtures; see ATTRIBUTION.md) that the simulator fills in:
 * an Events API envelope, a slash command body, a view submission and a block action.
 */
const SLACK_PAYLOADS = {
  event: 'SlackApiFunctionTest__L23.json',
  command: 'SlashCommandPayloadTest__body1_L18.txt',
  viewSubmission: 'ViewSubmissionPayloadTest__json_L24.json',
  blockAction: 'BlockActionPayloadTest__jsonWithState_L171.json',
} as const;

type PayloadName = keyof typeof SLACK_PAYLOADS;

/** A payload's text as Slack sent it. */
export function slackPayloadText(name: PayloadName): string {
  return readFileSync(new URL(`slack-payloads/${SLACK_PAYLOADS[name]}`, import.meta.url), 'utf8');
}

/** A JSON payload, parsed. */
export function slackPayloadJson<T = Record<string, unknown>>(name: PayloadName): T {
  return JSON.parse(slackPayloadText(name)) as T;
}
