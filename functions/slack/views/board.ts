import { rankTopics } from '../../domain/assignment.js';
import { type BoardChange, type BoardSnapshot, changesSince, groupBoard } from '../../domain/board.js';
import type { Hackathon } from '../../domain/hackathon.js';
import { MEETING_KINDS, MEETING_LABELS } from '../../domain/meetings.js';
import type { Topic, TopicStatus } from '../../domain/topic.js';
import { resultsHidden } from '../../domain/vote.js';
import { clip, context, type KnownBlock, plainText, SLACK_LIMITS, section } from './blocks.js';
import { chunkLines } from './chunk-lines.js';
import { escapeMrkdwn, mentions, slackLink } from './mrkdwn.js';
import { paginate as pages } from './paginate.js';
import { STATUS_LABELS } from './topic-list-message.js';
import { formatWhen } from './when.js';

/**
 * A message too big for one Slack message: `pages[0]` is the main message, later pages are thread replies
 * continuing it. Every page keeps Slack's limits (50 blocks, 10,000 characters of text in all, 3,000 per section,
 * 150 per header).
 */
export interface BoardPages {
  /** The notification fallback: a short sentence. */
  text: string;
  pages: KnownBlock[][];
}

const HEADER_MAX = 150;
const LINK_LABEL_MAX = 50;
const CHECK_IN_MAX = 200;
const STATUS_NOTE_MAX = 200;
const LEADERBOARD_SIZE = 10;
const LOOK_SIZE = 10;
const INDENT = '      ';

const STATUS_MARK: Partial<Record<TopicStatus, string>> = {
  in_progress: '🚧',
  done: '✅',
  paused: '⏸️',
  not_picked: '🙅',
};

const GROUP_TITLES = {
  discussion: 'Discussion topics',
  teams: 'Topics with teams',
  fastTrack: 'Fast track',
  more: 'More topics to pick up',
} as const;

/** The living board of a hackathon: its topics in groups, like the board the community wrote by hand. */
export function renderBoard(hackathon: Hackathon, topics: readonly Topic[], now: Date): BoardPages {
  return boardPages(hackathon, topics, now, `${hackathon.name} – Topics`);
}

/** The board once the hackathon is over: the same groups, as the results. */
export function finalBoard(hackathon: Hackathon, topics: readonly Topic[], now: Date): BoardPages {
  return boardPages(hackathon, topics, now, `Results: ${hackathon.name}`);
}

function boardPages(hackathon: Hackathon, topics: readonly Topic[], now: Date, title: string): BoardPages {
  const live = topics.filter((topic) => topic.status !== 'withdrawn');
  const teams = live.filter((topic) => topic.kind === 'hacking' && (topic.members ?? []).length > 0).length;
  const facts = [
    datesText(hackathon),
    hackathon.location ? `📍 ${escapeMrkdwn(hackathon.location)}` : null,
    `${count(live.length, 'topic')}, ${count(teams, 'team')}`,
    `updated ${formatWhen(now, hackathon.timeZone)}`,
  ].filter(Boolean);
  const agendas = agendaLines(hackathon);
  return {
    text: `${escapeMrkdwn(title)}: ${count(live.length, 'topic')}, ${count(teams, 'team')}`,
    pages: paginate(
      [header(title), context(facts.join('  ·  ')), ...(agendas ? [context(agendas)] : [])],
      sections(boardEntries(topics, { hidden: resultsHidden(hackathon) })),
      (page, total) => context(`${escapeMrkdwn(title)}, continued (${page}/${total})`),
    ),
  };
}

/**
 * The meetings whose agenda is posted and not over, in the agenda's order (the same as in the channel and the
 * Markdown export): "🗓️ Mid-week update, Wed 25 Nov, 10:00: `#1` → `#3` → `#2`".
 */
function agendaLines(hackathon: Hackathon): string | null {
  const lines = MEETING_KINDS.flatMap((kind) => {
    const post = hackathon.agendas?.[kind];
    if (!post || post.current >= post.agenda.slots.length || post.agenda.slots.length === 0) return [];
    const order = post.agenda.slots.map((slot) => `\`#${slot.number}\``).join(' → ');
    return [
      `🗓️ ${MEETING_LABELS[kind]}, ${formatWhen(new Date(post.agenda.startsAt), hackathon.timeZone)}: ${order}`,
    ];
  });
  return lines.length > 0 ? clip(lines.join('\n'), SLACK_LIMITS.sectionText - 100) : null;
}

/**
 * While voting runs: the leaderboard, topics that could use a look, how to vote and how long voting stays open.
 * While counts are hidden there is no leaderboard and no count: the topics by number, and how to vote in private.
 */
export function votingSummary(hackathon: Hackathon, topics: readonly Topic[], now: Date): BoardPages {
  const title = `Voting summary: ${hackathon.name}`;
  const hidden = resultsHidden(hackathon);
  const ranked = rankTopics(topics);
  const votes = ranked.reduce((sum, { topic }) => sum + topic.voteCount, 0);
  const closing = closingText(hackathon, now);
  const tally = hidden
    ? count(ranked.length, 'topic')
    : `${count(ranked.length, 'topic')}, ${count(votes, 'vote')}`;

  const entries: string[][] = [];
  if (ranked.length === 0) entries.push(['No topics yet. Propose one with `/htg propose`.']);
  else if (hidden) {
    entries.push(
      ['🙈 Vote counts stay hidden until voting closes: the ranking then shows them all at once.'],
      ['', '*Topics*'],
      ...[...ranked]
        .sort((a, b) => a.topic.number - b.topic.number)
        .map(({ topic }) => [`• ${topicLine(topic, true)}`]),
    );
  } else {
    const top = ranked.slice(0, LEADERBOARD_SIZE);
    entries.push(['*Leaderboard*'], ...top.map(({ rank, topic }) => [`${rank}. ${topicLine(topic)}`]));
    const shown = new Set(top.map(({ topic }) => topic.number));
    const look = ranked
      .map(({ topic }) => topic)
      .filter((topic) => !shown.has(topic.number) && isOpen(topic) && topic.voteCount <= 1)
      .sort((a, b) => a.voteCount - b.voteCount || a.number - b.number)
      .slice(0, LOOK_SIZE);
    if (look.length > 0)
      entries.push(['', '*Could use a look*'], ...look.map((topic) => [`• ${topicLine(topic)}`]));
  }
  entries.push(
    [''],
    [
      (hidden
        ? `*How to vote:* in private with \`/htg vote\` or a card's *Vote in private*; reacting with :${hackathon.voteEmoji}: (vote) or :${hackathon.workEmoji}: (would work on it) counts too, but shows to everyone.`
        : `*How to vote:* react with :${hackathon.voteEmoji}: on a topic's card to vote, :${hackathon.workEmoji}: if you would work on it, or use \`/htg vote\`.`) +
        (hackathon.votesPerPerson === null
          ? ''
          : ` Everyone has ${count(hackathon.votesPerPerson, 'vote')}.`),
    ],
    [`⏳ ${closing}`],
  );

  return {
    text: `${escapeMrkdwn(title)}: ${tally}. ${closing}`,
    pages: paginate(
      [header(title), context(`${tally}  ·  updated ${formatWhen(now, hackathon.timeZone)}`)],
      sections(entries),
      (page, total) => context(`${escapeMrkdwn(title)}, continued (${page}/${total})`),
    ),
  };
}

/**
 * While the hackathon runs: what changed since the last summary (left out when there is no last summary),
 * then the board.
 */
export function hackathonSummary(
  hackathon: Hackathon,
  topics: readonly Topic[],
  previous: BoardSnapshot | null,
  now: Date,
): BoardPages {
  const title = `Daily summary: ${hackathon.name}`;
  const changes = changesSince(previous, topics);
  const byNumber = new Map(topics.map((topic) => [topic.number, topic]));

  const body: KnownBlock[] = [];
  if (previous !== null) {
    const perTopic = new Map<number, string[]>();
    for (const change of changes) {
      const lines = perTopic.get(change.number) ?? [];
      lines.push(changeLine(change, byNumber.get(change.number)));
      perTopic.set(change.number, lines);
    }
    const entries =
      perTopic.size === 0
        ? [['*Since the last summary*'], ['No changes since the last summary.']]
        : [['*Since the last summary*'], ...perTopic.values()];
    body.push(...sections(entries));
  }
  // The daily summary is where the week's check-ins are read: they appear in full (the living board shortens them).
  body.push(...sections(boardEntries(topics, { fullCheckIns: true, hidden: resultsHidden(hackathon) })));

  const summary = previous === null ? '' : ` ${count(changes.length, 'change')} since the last summary.`;
  return {
    text: `${escapeMrkdwn(title)}.${summary}`,
    pages: paginate(
      [header(title), context(`${datesText(hackathon)}  ·  updated ${formatWhen(now, hackathon.timeZone)}`)],
      body,
      (page, total) => context(`${escapeMrkdwn(title)}, continued (${page}/${total})`),
    ),
  };
}

/**
 * The board's groups as entries: each entry is one topic's lines, the group title leading its first topic. While
 * counts are hidden (`hidden`), no topic shows its votes and each group is by number.
 */
function boardEntries(
  topics: readonly Topic[],
  options: { fullCheckIns?: boolean; hidden?: boolean } = {},
): string[][] {
  const hidden = options.hidden ?? false;
  const groups = groupBoard(topics, { byNumber: hidden });
  const entries: string[][] = [];
  for (const key of ['discussion', 'teams', 'fastTrack', 'more'] as const) {
    const group = groups[key];
    group.forEach((topic, index) => {
      const lines = topicLines(topic, key === 'fastTrack', options.fullCheckIns ?? false, hidden);
      entries.push(
        index === 0 ? [`${entries.length > 0 ? '\n' : ''}*${GROUP_TITLES[key]}*`, ...lines] : lines,
      );
    });
  }
  if (entries.length === 0) entries.push(['No topics yet. Propose one with `/htg propose`.']);
  return entries;
}

/**
 * A topic on the board: its line, then (with a team, or on the fast track) team, links and check-in. The living
 * board shortens a check-in to a glance (the card and the daily summary show it in full).
 */
function topicLines(topic: Topic, showLinks: boolean, fullCheckIn: boolean, hidden: boolean): string[] {
  const members = topic.members ?? [];
  const lines = [topicLine(topic, hidden)];
  if (members.length === 0 && !showLinks) return lines;
  if (members.length > 0) lines.push(`${INDENT}👥 ${mentions(members)}`);
  for (const url of topic.links) lines.push(`${INDENT}🔗 ${boardLink(url)}`);
  if (topic.checkIn) {
    const short = (text: string) => escapeMrkdwn(fullCheckIn ? text : clip(text, CHECK_IN_MAX));
    const achieved = oneLine(topic.checkIn.achieved);
    const blockers = oneLine(topic.checkIn.blockers);
    lines.push(
      `${INDENT}📝 Check-in: achieved ${achieved ? short(achieved) : '—'} · ` +
        (blockers ? `blocked by ${short(blockers)}` : 'nothing blocking'),
    );
  }
  return lines;
}

/** "🚧 `#3` Title (8 votes)" (no votes while `hidden`); a dropped topic struck through with its note. */
function topicLine(topic: Topic, hidden = false): string {
  const icon = topic.emoji ? `${escapeMrkdwn(topic.emoji)} ` : '';
  const name = `\`#${topic.number}\` ${icon}${escapeMrkdwn(topic.title)}`;
  const votes = hidden ? '' : ` (${count(topic.voteCount, 'vote')})`;
  if (topic.status === 'dropped') {
    const note = topic.statusNote ? oneLine(topic.statusNote) : '';
    return `~${name}~${votes} · dropped${note ? `: ${escapeMrkdwn(clip(note, STATUS_NOTE_MAX))}` : ''}`;
  }
  const mark = STATUS_MARK[topic.status];
  return `${mark ? `${mark} ` : ''}${name}${votes}`;
}

function changeLine(change: BoardChange, topic: Topic | undefined): string {
  const name = `\`#${change.number}\` ${escapeMrkdwn(change.title)}`;
  switch (change.kind) {
    case 'new': {
      const status = change.detail[0] as TopicStatus | undefined;
      return `🆕 new topic ${name}${status && status !== 'proposed' ? ` (${statusLabel(status)})` : ''}`;
    }
    case 'status': {
      const [from, to] = change.detail as [TopicStatus, TopicStatus];
      const note = to === 'dropped' && topic?.statusNote ? oneLine(topic.statusNote) : '';
      return `${name}: ${statusLabel(from)} → ${statusLabel(to)}${note ? ` (${escapeMrkdwn(clip(note, STATUS_NOTE_MAX))})` : ''}`;
    }
    case 'joined':
      return `${mentions(change.detail)} joined ${name}`;
    case 'left':
      return `${mentions(change.detail)} left ${name}`;
    case 'link':
      return `🔗 new ${change.detail.length === 1 ? 'link' : 'links'} on ${name}: ${change.detail.map(boardLink).join(', ')}`;
    case 'check-in':
      return `📝 ${name} checked in${change.detail[0] ? ` (${mentions([change.detail[0]])})` : ''}`;
    case 'withdrawn':
      return `${name} was withdrawn`;
  }
}

function statusLabel(status: TopicStatus): string {
  return STATUS_LABELS[status] ?? status;
}

function isOpen(topic: Topic): boolean {
  return topic.status === 'proposed' || topic.status === 'in_progress' || topic.status === 'paused';
}

/**
 * Section blocks of at most 3,000 characters each. A topic's lines stay together in one section; only an entry
 * longer than a whole section is split, at its line breaks.
 */
function sections(entries: readonly string[][]): KnownBlock[] {
  const units = entries.flatMap((lines) => {
    const joined = lines.join('\n');
    return joined.length <= SLACK_LIMITS.sectionText ? [joined] : lines;
  });
  return chunkLines(units, SLACK_LIMITS.sectionText).map((text) => section(text));
}

/** The board's pages: at most 50 blocks and 10,000 characters of text each, later ones continuing in the thread. */
function paginate(
  lead: readonly KnownBlock[],
  body: readonly KnownBlock[],
  continued: (page: number, total: number) => KnownBlock,
): KnownBlock[][] {
  return pages(body, {
    lead,
    continued,
    more: (following) => context(`Continued in the thread (${count(following, 'more message')}).`),
  });
}

function header(text: string): KnownBlock {
  return { type: 'header', text: plainText(text, HEADER_MAX) };
}

/** `<url|host/path>` with the label clipped to the board's width. */
function boardLink(url: string): string {
  return slackLink(url, LINK_LABEL_MAX);
}

/** "Voting closes in 2 days 3 hours (Fri 27 Nov, 17:00 Europe/Berlin)". */
function closingText(hackathon: Hackathon, now: Date): string {
  if (!hackathon.votingClosesAt) return 'Voting has no closing time yet.';
  const closes = new Date(hackathon.votingClosesAt);
  const when = `${formatWhen(closes, hackathon.timeZone)} ${hackathon.timeZone}`;
  const left = closes.getTime() - now.getTime();
  if (left <= 0) return `Voting closed (${when}).`;
  return `Voting closes in ${duration(left)} (${when}).`;
}

/** "2 days 3 hours", "5 hours 20 minutes", "12 minutes", "less than a minute". */
function duration(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  if (days > 0) return [count(days, 'day'), hours ? count(hours, 'hour') : null].filter(Boolean).join(' ');
  if (hours > 0) return [count(hours, 'hour'), mins ? count(mins, 'minute') : null].filter(Boolean).join(' ');
  return mins > 0 ? count(mins, 'minute') : 'less than a minute';
}

/** "📅 Mon 4 May – Fri 8 May 2026" from the hackathon's calendar dates. */
function datesText(hackathon: Hackathon): string {
  const day = (date: string, year: boolean) => {
    const parsed = new Date(`${date}T12:00:00Z`);
    if (Number.isNaN(parsed.getTime())) return escapeMrkdwn(date);
    const part = Object.fromEntries(
      new Intl.DateTimeFormat('en-GB', {
        timeZone: 'UTC',
        weekday: 'short',
        day: 'numeric',
        month: 'short',
        year: 'numeric',
      })
        .formatToParts(parsed)
        .map((p) => [p.type, p.value]),
    );
    return `${part.weekday} ${part.day} ${part.month}${year ? ` ${part.year}` : ''}`;
  };
  return hackathon.startDate === hackathon.endDate
    ? `📅 ${day(hackathon.startDate, true)}`
    : `📅 ${day(hackathon.startDate, false)} – ${day(hackathon.endDate, true)}`;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function count(n: number, noun: string): string {
  return `${n} ${n === 1 ? noun : `${noun}s`}`;
}
