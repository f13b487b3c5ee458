import { openModal } from '../../../adapters/slack/replies.js';
import { requireActive, requireOrganizer } from '../../../app/hackathons.js';
import { defaultSettings } from '../../../domain/hackathon.js';
import { channelRunsHackathonText } from '../../messages.js';
import { attendeesModal } from '../../views/attendees-modal.js';
import { hackathonModal } from '../../views/hackathon-modal.js';
import { ephemeral, type Subcommand, withChannelHackathon } from './subcommands.js';

const setup: Subcommand = {
  name: 'setup',
  usage: 'setup',
  summary: 'set up a hackathon in this channel (you become its organizer)',
  async run(request, { deps, client }) {
    // By channel alone: someone from a partner organisation in a Slack Connect channel finds the same hackathon.
    const existing = await deps.hackathons.findActiveByChannel(request.channelId);
    if (existing?.status === 'active') {
      return ephemeral(channelRunsHackathonText(existing));
    }
    await openModal(
      client,
      request.triggerId,
      hackathonModal('setup', defaultSettings(request.userId), { channelId: request.channelId }),
    );
    return null;
  },
};

const settings: Subcommand = {
  name: 'settings',
  usage: 'settings',
  summary: "change this channel's hackathon (organizers)",
  run: withChannelHackathon(async (request, { client }, hackathon) => {
    requireOrganizer(hackathon, request.userId, 'settings');
    requireActive(hackathon);
    await openModal(
      client,
      request.triggerId,
      hackathonModal('settings', hackathon, {
        channelId: hackathon.channelId,
        hackathonId: hackathon.id,
        updatedAt: hackathon.updatedAt,
      }),
    );
    return null;
  }),
};

const attendees: Subcommand = {
  name: 'attendees',
  usage: 'attendees',
  summary: 'keep the attendee list, with companies (organizers)',
  run: withChannelHackathon(async (request, { client }, hackathon) => {
    requireOrganizer(hackathon, request.userId, 'attendees');
    requireActive(hackathon);
    await openModal(client, request.triggerId, attendeesModal(hackathon));
    return null;
  }),
};

export const hackathonSubcommands: readonly Subcommand[] = [setup, settings, attendees];
