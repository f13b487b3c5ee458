import { randomUUID } from 'node:crypto';
import type { SlackSim } from './slack-sim.js';

/** A channel id no other test uses. */
export const newChannel = () => `C${randomUUID().replace(/-/g, '').slice(0, 9).toUpperCase()}`;

/**
 * Runs `/htg setup` in a fresh channel as `organizer` and submits the form (a valid hackathon, with `answers`
 * on top), then proposes one topic per title in category Core. Returns the channel and the setup's reply.
 */
export async function setUpHackathon(
  slack: SlackSim,
  organizer: string,
  { answers = {}, topics = [] }: { answers?: Record<string, unknown>; topics?: readonly string[] } = {},
) {
  const channel = newChannel();
  await slack.command(organizer, channel, 'setup');
  const { reply } = await slack.submit(organizer, slack.lastOpenedView(), {
    name: 'Hack The Garden 11/2026',
    startDate: '2026-11-23',
    endDate: '2026-11-27',
    timeZone: 'Europe/Berlin',
    ...answers,
  });
  for (const title of topics) {
    await slack.command(organizer, channel, 'propose');
    await slack.submit(organizer, slack.lastOpenedView(), { title, category: 'Core' });
  }
  return { channel, reply };
}
