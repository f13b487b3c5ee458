import type { FilesAbout } from '../../app/ports/slack.js';
import { withFoundPullRequests } from '../../domain/github.js';
import type { Hackathon } from '../../domain/hackathon.js';
import { isSlackUserId, OUTCOME_SECTIONS } from '../../domain/outcome.js';
import type { Topic } from '../../domain/topic.js';
import type { WebsiteLink } from '../../domain/website.js';
import { clip, context, type KnownBlock, section } from './blocks.js';
import { chunkLines } from './chunk-lines.js';
import { boldName, escapeMrkdwn, labelledLink, slackLink } from './mrkdwn.js';
import { paginate } from './paginate.js';
import { STATUS_LABELS } from './topic-list-message.js';

const emojiOf = (topic: Topic) => topic.outcome?.emoji ?? topic.emoji ?? '🔹';
const person = (entry: string) => (isSlackUserId(entry) ? `<@${entry}>` : escapeMrkdwn(entry));
/** A highlights line without a one-line highlight shows the start of the outcome; the thread has all of it. */
const SUMMARY_MAX = 300;

/** A part of a topic's wrap-up reply that its outcome, saved again shorter, no longer needs. */
export function replacedReplyMessage(topic: Topic): { text: string; blocks: KnownBlock[] } {
  const text = `↑ The outcome of #${topic.number} above was updated after the wrap-up.`;
  return { text, blocks: [context(text)] };
}

/** A message of several parts: the first where it belongs, the others as replies continuing it. */
export interface MessagePages {
  text: string;
  pages: KnownBlock[][];
}

/**
 * The wrap-up's highlights message, like the community's highlights post: a numbered list, one line per topic
 * with its emoji, title and one-line highlight (or what is known: the start of the outcome, the status). A list
 * too long for one message continues in its thread, before the topics' details.
 */
export function highlightsMessage(hackathon: Hackathon, topics: readonly Topic[]): MessagePages {
  const text = `Highlights of ${hackathon.name}`;
  const lines = topics.map((topic, index) => {
    const summary =
      topic.outcome?.highlight ||
      topic.outcome?.outcome ||
      (topic.status === 'dropped' && topic.statusNote
        ? `dropped: ${topic.statusNote}`
        : STATUS_LABELS[topic.status]);
    return `${index + 1}. ${escapeMrkdwn(emojiOf(topic))} *${escapeMrkdwn(topic.title)}*: ${escapeMrkdwn(clip(summary.replace(/\s+/g, ' ').trim(), SUMMARY_MAX))}`;
  });
  const intro = `🎉 *Highlights of ${escapeMrkdwn(hackathon.name)}*\n${topics.length} ${topics.length === 1 ? 'topic' : 'topics'}; the details of each are in the thread, with the wrap-up page and the topic board as Markdown.`;
  const body = chunkLines(lines.length ? lines : ['No topic was worked on.']).map((c) => section(c));
  return {
    text,
    pages: paginate(body, {
      lead: [section(intro)],
      more: () => context('The list continues in the thread.'),
      continued: (page, total) => context(`Highlights, continued (${page}/${total})`),
    }),
  };
}

/**
 * One topic's details in the wrap-up thread, like the wrap-up pages: its sections, code and contributors, all of
 * them; details too long for one message are several replies.
 */
export function topicReplyMessage(topic: Topic): MessagePages {
  const outcome = topic.outcome;
  const title = `${escapeMrkdwn(emojiOf(topic))} *#${topic.number} ${escapeMrkdwn(topic.title)}* · ${STATUS_LABELS[topic.status]}`;
  const lines: string[] = [title];
  if (!outcome) {
    lines.push(
      topic.status === 'dropped' && topic.statusNote
        ? `*Outcome:* ${escapeMrkdwn(topic.statusNote)}`
        : '_No outcome was written._',
    );
    const links = withFoundPullRequests(topic.links, topic.pullRequests);
    if (links.length) lines.push(...links.map((url) => `🔗 ${slackLink(url)}`));
    if (topic.members?.length) lines.push(`*Team:* ${topic.members.map(person).join(', ')}`);
  } else {
    for (const { key, heading } of OUTCOME_SECTIONS) {
      if (key === 'code') {
        const code = withFoundPullRequests(outcome.code, topic.pullRequests);
        if (code.length) lines.push(`*${heading}*`, ...code.map((url) => `• ${slackLink(url)}`));
        continue;
      }
      const body = outcome[key].trim();
      if (body) lines.push(`*${heading}*`, ...escapeMrkdwn(body).split('\n'));
    }
    const contributors = outcome.contributors.length ? outcome.contributors : (topic.members ?? []);
    if (contributors.length) lines.push(`*Contributors:* ${contributors.map(person).join(', ')}`);
  }
  const blocks = chunkLines(lines).map((chunk) => section(chunk));
  const name = `#${topic.number} ${escapeMrkdwn(topic.title)}`;
  return {
    text: `#${topic.number} ${topic.title}`,
    pages: paginate(blocks, {
      more: (following) =>
        context(`${name} continues in the next ${following === 1 ? 'reply' : `${following} replies`}.`),
      continued: (page, total) => context(`${name}, continued (${page}/${total})`),
    }),
  };
}

/** The direct message to whoever asked for the wrap-up, once it is all posted. */
export function wrappedUpText(hackathon: Hackathon, topics: number): string {
  return `${boldName(hackathon.name)} is wrapped up: the highlights and ${topics} ${topics === 1 ? 'topic' : 'topics'} are in the channel, with the Markdown files in the thread. The hackathon is read-only now.`;
}

/** The comment on a set of Markdown files: the wrap-up's in its thread, or an export sent to one person. */
export function filesComment(about: FilesAbout): string {
  const name = escapeMrkdwn(about.hackathon);
  return about.kind === 'wrap-up'
    ? `The wrap-up of ${name} as Markdown: the page for the community website and the topic board.`
    : `${name} as Markdown, as of now: the wrap-up page and the topic board` +
        (about.withData ? ', and its complete data as JSON (organizers only).' : '.');
}

/** `/htg wrapup` for a hackathon that is wrapped up already. */
export function wrappedUpAlreadyText(hackathon: Pick<Hackathon, 'name'>): string {
  return `${boldName(hackathon.name)} is wrapped up already; it is read-only. \`/htg export\` gives you its Markdown files again.`;
}

/** `/htg wrapup`'s answer while the wrap-up is posted: how many topics, how many without an outcome. */
export function wrappingUpText(
  hackathon: Pick<Hackathon, 'name'>,
  topics: number,
  withoutOutcome: number,
): string {
  return (
    `Wrapping up ${boldName(hackathon.name)}: the highlights of ${topics} ${topics === 1 ? 'topic' : 'topics'} and their details follow in the channel in a moment, with the Markdown files.` +
    (withoutOutcome > 0
      ? ` ${withoutOutcome} of them had no outcome written; they appear with their status.`
      : '') +
    ' The hackathon is read-only from now on.'
  );
}

/** `/htg export`'s answer while the files are made. */
/** The answer to `/htg publish`: where it goes, what it is now, and that the link follows. */
export function publishingText(hackathon: Hackathon & { website: WebsiteLink }): string {
  const pull = hackathon.websitePull;
  const now = pull
    ? ` Its pull request is ${labelledLink(pull.url, `${pull.repo}#${pull.number}`)} (${pull.state}).`
    : '';
  const problem = hackathon.websiteProblem
    ? ` The last attempt failed: ${escapeMrkdwn(hackathon.websiteProblem.message)}.`
    : '';
  const fork = hackathon.website.forkAccount
    ? ` through a fork in ${escapeMrkdwn(hackathon.website.forkAccount)}`
    : '';
  const next = pull
    ? 'It follows the wrap-up as it is now in a moment.'
    : 'The organizers get its link in a direct message once it is open.';
  return `Publishing the wrap-up of ${boldName(hackathon.name)} on ${escapeMrkdwn(hackathon.website.repo)}${fork}.${now}${problem} ${next}`;
}

export function exportingText(hackathon: Pick<Hackathon, 'name'>): string {
  return `I am putting ${boldName(hackathon.name)} into Markdown (the wrap-up page and the topic board) and will send you the files in a direct message.`;
}
