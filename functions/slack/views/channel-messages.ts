import type { ChannelRefusal, Hackathon } from '../../domain/hackathon.js';
import { boldName, mentions } from './mrkdwn.js';

/** The announcement in the channel that a hackathon is set up there. */
export function setupAnnouncementText(hackathon: Hackathon): string {
  return (
    `📣 ${boldName(hackathon.name)} is set up in this channel, organized by ${mentions(hackathon.organizers)}. ` +
    `Propose topics with \`/htg propose\`; vote on a topic card with :${hackathon.voteEmoji}:, and react with :${hackathon.workEmoji}: if you would work on it.`
  );
}

/**
 * The direct message to a hackathon's creator when Slack refuses htg's posts in its channel: what waits, and
 * what brings it (an invitation; for an archived channel, unarchiving it first).
 */
export function inviteRequestText(hackathon: Hackathon, reason: ChannelRefusal): string {
  const waiting = `The announcement of ${boldName(hackathon.name)}, its topic cards and the board wait`;
  const then = 'everything that waited appears there then, once.';
  switch (reason) {
    case 'archived':
      return `<#${hackathon.channelId}> is archived, so I cannot post there. ${waiting}: unarchive the channel and invite me with \`/invite @htg\`; ${then}`;
    case 'channel-not-found':
      return `I cannot see <#${hackathon.channelId}> (a private channel I am not in?), so I cannot post there. ${waiting}: invite me with \`/invite @htg\` in the channel; ${then}`;
    case 'not-in-channel':
      return `I am not in <#${hackathon.channelId}> yet, so I cannot post there. ${waiting}: invite me with \`/invite @htg\` in the channel; ${then}`;
  }
}
