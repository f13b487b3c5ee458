import { groupBoard } from '../domain/board.js';
import type { Hackathon } from '../domain/hackathon.js';
import type { Topic, TopicStatus } from '../domain/topic.js';
import { safeInput } from './escape.js';
import { resolveNumbers } from './topic-references.js';

const BOARD_MARK: Partial<Record<TopicStatus, string>> = {
  in_progress: '🚧',
  done: '✅',
  paused: '⏸️',
  not_picked: '🙅‍♂️',
};

/**
 * The topic board in the layout of the community's HackMD board (Hack The Garden 11/2023): the voting groups
 * with status markers, votes, team members by name and links, then every proposal by category. A dropped
 * topic is struck through with its note, as on the living board in Slack.
 */
export function boardMarkdown(
  rawHackathon: Pick<Hackathon, 'name' | 'categories'>,
  rawTopics: readonly Topic[],
  rawNames: ReadonlyMap<string, string>,
): string {
  const { hackathon, topics, names } = safeInput(rawHackathon, rawTopics, rawNames);
  const groups = groupBoard(topics);
  const byNumber = new Map(topics.map((topic) => [topic.number, topic]));
  const entry = (topic: Topic): string => {
    const votes = `(${votesText(topic.voteCount)})`;
    const note = topic.statusNote
      ? `: ${resolveNumbers(oneLine(topic.statusNote), byNumber, (other) => `"${other.title}"`)}`
      : '';
    const mark = BOARD_MARK[topic.status];
    const line =
      topic.status === 'dropped'
        ? `- ~~${topic.title}~~ ${votes} · dropped${note}`
        : `- ${mark ? `${mark} ` : ''}${topic.title} ${votes}`;
    const nested = [...(topic.members ?? []).map((id) => names.get(id) ?? id), ...topic.links].map(
      (item) => `    - ${item}`,
    );
    return [line, ...nested].join('\n');
  };
  const blocks = [`# ${hackathon.name} - Topics`, '## Votings', 'See all proposals [here](#all-proposals).'];
  const group = (heading: string, list: Topic[]) => {
    if (list.length > 0) blocks.push(`### ${heading}`, list.map(entry).join('\n'));
  };
  group('Discussion Topics (probably no hacking)', groups.discussion);
  group('Initial Assignment / First Topics', groups.teams);
  group('Fast Track', groups.fastTrack);
  group('More Topics To Pick Up', groups.more);

  blocks.push('## All Proposals');
  const live = topics.filter((topic) => topic.status !== 'withdrawn').sort((a, b) => a.number - b.number);
  const categories = [...hackathon.categories];
  for (const topic of live) if (!categories.includes(topic.category)) categories.push(topic.category);
  for (const category of categories) {
    const list = live.filter((topic) => topic.category === category);
    if (list.length > 0)
      blocks.push(`### ${category}`, list.map((t) => `- ${t.title} (${votesText(t.voteCount)})`).join('\n'));
  }
  return `${blocks.join('\n\n')}\n`;
}

function votesText(votes: number): string {
  return votes === 0 ? 'not voted' : `${votes} ${votes === 1 ? 'vote' : 'votes'}`;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
