import type { GitHubFailure } from '../../app/ports/github.js';
import type { GitHubLink } from '../../domain/github.js';
import type { ChannelRefusal, Hackathon } from '../../domain/hackathon.js';
import type { Topic } from '../../domain/topic.js';
import { boldName, escapeMrkdwn, inlineCode, mentions } from './mrkdwn.js';

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

/**
 * The direct message to a proposer whose topic's GitHub issue could not be opened because GitHub refuses for
 * good: the App is not installed on the repository, or may not write its issues. (GitHub being down or limiting
 * is not told: the next sync opens the issue.)
 */
export function issueNotOpenedText(hackathon: Hackathon, topic: Topic, failure: GitHubFailure): string {
  const repo = hackathon.github?.repo ?? 'its repository';
  const why =
    failure === 'not-installed'
      ? `the htg GitHub App is not installed on ${repo}`
      : `GitHub refused it (the htg GitHub App may lack the "Issues: read and write" permission on ${repo})`;
  return (
    `Your topic *#${topic.number} ${escapeMrkdwn(topic.title)}* in ${boldName(hackathon.name)} is saved and its card is in <#${hackathon.channelId}>, ` +
    `but I could not open its GitHub issue: ${why}. ` +
    `Ask an organizer (${mentions(hackathon.organizers)}) to fix that; the issue is opened at the next sync (\`/htg sync\`).`
  );
}

/** The answer to `/htg sync`: what is brought in line, and that the cards follow. */
export function syncRequestedText(hackathon: Pick<Hackathon, 'name'> & { github: GitHubLink }): string {
  return (
    `Syncing ${boldName(hackathon.name)} with ${escapeMrkdwn(hackathon.github.repo)}: open issues labelled ` +
    `${inlineCode(hackathon.github.eventLabel, 50)} become topics, topics follow their issues, and topics without one get one. ` +
    'The cards follow in a moment.'
  );
}
