import type { LoginChange } from '../../app/attendees.js';
import type { SyncReport } from '../../app/github-sync.js';
import type { GitHubFailure } from '../../app/ports/github.js';
import { type GitHubLink, issueReference } from '../../domain/github.js';
import type { ChannelRefusal, Hackathon } from '../../domain/hackathon.js';
import type { Topic } from '../../domain/topic.js';
import { lateOutcomesUntil, type WebsiteProblem, type WebsitePull } from '../../domain/website.js';
import { boldName, escapeMrkdwn, inlineCode, labelledLink, mentions } from './mrkdwn.js';

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

/** The answer to `/htg github`: the login as it is now, and what it is for. */
export function gitHubLoginText(change: LoginChange): string {
  const use =
    'In hackathons linked to a GitHub repository, the teams you are in assign you on their issues, and the issues you open count as your topics.';
  if (!change.changed)
    return change.login
      ? `Your GitHub login in htg is *@${escapeMrkdwn(change.login)}*. ${use} Change it with \`/htg github <login>\`, forget it with \`/htg github none\`.`
      : `htg knows no GitHub login of yours. Give it with \`/htg github <login>\`. ${use}`;
  if (!change.login)
    return change.previous
      ? `Forgot your GitHub login (@${escapeMrkdwn(change.previous)}). Teams stop assigning you on GitHub; the assignments already made stay until your team changes.`
      : 'htg knew no GitHub login of yours: nothing to forget.';
  return `Your GitHub login in htg is now *@${escapeMrkdwn(change.login)}*. ${use}`;
}

/** The organizer's report of a sync they asked for (or of linking the repository): what came in, what to check. */
export function gitHubSyncedText(hackathon: Hackathon, report: SyncReport): string {
  const repo = escapeMrkdwn(hackathon.github?.repo ?? 'its repository');
  const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  const numbers = (list: readonly number[]) =>
    list.length > 0
      ? ` (${list
          .slice(0, 20)
          .map((n) => `#${n}`)
          .join(', ')}${list.length > 20 ? ', …' : ''})`
      : '';
  const lines = [
    `Synced ${boldName(hackathon.name)} with ${repo}: ${count(report.created.length, 'new topic', 'new topics')} from issues${numbers(report.created)}, ` +
      `${count(report.updated.length, 'topic', 'topics')} brought in line with ${report.updated.length === 1 ? 'its issue' : 'their issues'}, ` +
      `${count(report.opened.length, 'issue', 'issues')} opened for topics proposed in Slack.`,
  ];
  if (report.unknownAreas.length > 0) {
    const shown = report.unknownAreas.slice(0, 15).map(
      ({ area, issues }) =>
        `• ${inlineCode(area, 60)}: ${issues
          .slice(0, 10)
          .map((issue) => `<${issue.url}|${escapeMrkdwn(issueReference(issue))}>`)
          .join(', ')}${issues.length > 10 ? ', …' : ''}`,
    );
    lines.push(
      `These issues name an area that is no category of ${boldName(hackathon.name)}, so their topics are in *${escapeMrkdwn(report.fallback)}*. ` +
        'Add the category in `/htg settings` and run `/htg sync`, or move a topic with its card’s Edit button:',
      ...shown,
    );
    if (report.unknownAreas.length > 15) lines.push(`…and ${report.unknownAreas.length - 15} more areas.`);
  }
  return lines.join('\n');
}

/**
 * The wrap-up's pull request on the website, in the wrap-up thread (for everyone) or to an organizer (who reviews
 * it, and can fix what fails).
 */
export function websitePullText(hackathon: Hackathon, pull: WebsitePull, to: 'thread' | 'organizer'): string {
  const link = labelledLink(pull.url, `${pull.repo}#${pull.number}`);
  const what =
    pull.round === 0
      ? 'The wrap-up'
      : `An update of the wrap-up (outcomes saved after #${pull.earlier.at(-1)?.number ?? ''} was merged)`;
  const until = lateOutcomesUntil(hackathon);
  const late = until
    ? ` Outcomes saved until <!date^${Math.floor(Date.parse(until) / 1000)}^{date_long_pretty}|${until.slice(0, 10)}> update it.`
    : '';
  return to === 'thread'
    ? `📝 ${what} is up for review on the community website: ${link}.${late}`
    : `📝 ${what} of ${boldName(hackathon.name)} is up for review: ${link}. Review and merge it there.${late}`;
}

/** Why the wrap-up could not go to the website (a direct message to each organizer, once per kind of failure). */
export function websiteFailedText(hackathon: Hackathon, problem: WebsiteProblem): string {
  const repo = escapeMrkdwn(hackathon.website?.repo ?? 'the website repository');
  const why: Record<WebsiteProblem['failure'], string> = {
    'not-installed': `the htg GitHub App is not installed on ${repo}`,
    'not-found': `${repo} (or its events page) is not there for the htg GitHub App`,
    refused: `GitHub refused it (${escapeMrkdwn(problem.message)})`,
    'rate-limited': 'GitHub is limiting htg for now',
    unavailable: 'GitHub did not answer',
    'no-fork': `htg may not push to ${repo}: grant the App "Contents: read and write" there, or name an organization the App is installed on as the fork account (\`/htg publish <account>\`)`,
    closed: `its pull request was closed without being merged (${escapeMrkdwn(problem.message)})`,
  };
  const retry =
    problem.failure === 'closed'
      ? 'htg leaves it closed; `/htg publish` opens a new one.'
      : 'The page is in the wrap-up thread as a file meanwhile; htg tries again every six hours while outcomes are taken, and `/htg publish` tries at once.';
  return `The wrap-up of ${boldName(hackathon.name)} could not go to the website: ${why[problem.failure]}. ${retry}`;
}
