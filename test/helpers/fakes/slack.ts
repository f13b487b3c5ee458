/**
 * Recording fakes of the Slack-facing ports. Each keeps `said`: one line per message, naming where it went (a
 * channel, a thread, a person's direct message) and what it said, so a test can assert who was told what, and
 * how often. Posting fakes can be told to refuse their channel (ChannelUnavailableError, as the adapters throw
 * for `not_in_channel`) or to fail after some posts (Slack answering 500 halfway through a job).
 */
import { ChannelUnavailableError } from '../../../functions/app/channel-access.js';
import { OutOfTimeError } from '../../../functions/app/deadline.js';
import type { PostedParts } from '../../../functions/app/ports/posted-parts.js';
import type {
  CardPublisher,
  CarryOverAnnouncer,
  ChannelAnnouncer,
  PeopleDirectory,
  ReactionReader,
  TeamAnnouncer,
  WrapUpPublisher,
} from '../../../functions/app/ports/slack.js';
import type { ChannelRefusal } from '../../../functions/domain/hackathon.js';
import type { CardRef, Topic } from '../../../functions/domain/topic.js';
import { wrappedUpText } from '../../../functions/slack/views/wrapup-messages.js';

let sequence = 0;
/** A message ts, unique in the test run (Slack's are unique per channel). */
export const nextTs = () => `1714000000.${String(++sequence).padStart(6, '0')}`;

const dm = (userId: string) => `DM ${userId}`;

/** Whether a fake's channel refuses it, switchable by the test. */
function channelGate() {
  let refusal: ChannelRefusal | null = null;
  return {
    refuse(reason: ChannelRefusal | null) {
      refusal = reason;
    },
    check(channelId: string) {
      if (refusal) throw new ChannelUnavailableError(channelId, refusal);
    },
  };
}

/** Topic cards: each post a new message, updates by fingerprint, deletions of duplicates. */
export function recordingCardPublisher() {
  const said: string[] = [];
  const gate = channelGate();
  const fingerprint = (topic: Topic) =>
    `${topic.status} ${topic.voteCount}v ${topic.interestCount}i [${(topic.members ?? []).join(' ')}]`;
  const cards: CardPublisher = {
    async post(hackathon, topic) {
      gate.check(hackathon.channelId);
      const ts = nextTs();
      said.push(`${hackathon.channelId}: card #${topic.number} (${ts}) ${fingerprint(topic)}`);
      return { channelId: hackathon.channelId, ts };
    },
    async update(hackathon, topic) {
      gate.check(hackathon.channelId);
      said.push(`${hackathon.channelId}: card #${topic.number} updated to ${fingerprint(topic)}`);
    },
    async remove(card) {
      said.push(`${card.channelId}: card ${card.ts} deleted`);
    },
    fingerprint: (_hackathon, topic) => fingerprint(topic),
    turn: async () => undefined,
  };
  return { cards, said, refuse: gate.refuse };
}

/** The ranking message and the direct messages of a team publication; asks for an invitation when refused. */
export function recordingTeamAnnouncer() {
  const said: string[] = [];
  const gate = channelGate();
  const announcer: TeamAnnouncer & Pick<ChannelAnnouncer, 'askForInvite'> = {
    async ranking(hackathon, rows, published, existing) {
      gate.check(hackathon.channelId);
      const ref = existing ?? { channelId: hackathon.channelId, ts: nextTs() };
      const lines = rows.map((row) => `${row.rank}.#${row.number}:${row.votes}v[${row.team.join(' ')}]`);
      said.push(
        `${ref.channelId}: ranking ${existing ? 'updated' : 'posted'}${published ? ' with teams' : ''} ${lines.join(' ')}`,
      );
      return ref;
    },
    removeRanking: async (ref) => void said.push(`${ref.channelId}: ranking ${ref.ts} deleted`),
    placed: async (_h, userId, topic) => void said.push(`${dm(userId)}: you are on #${topic.number}`),
    removed: async (_h, userId, topic) => void said.push(`${dm(userId)}: you are off #${topic.number}`),
    notPicked: async (_h, topic) =>
      void said.push(`${dm(topic.proposerId)}: #${topic.number} was not picked`),
    published: async (_h, job, summary) =>
      void said.push(
        `${dm(job.requestedBy)}: published v${job.version}, ${summary.teams} teams, ${summary.people} people, not picked [${summary.notPicked.join(' ')}]`,
      ),
    askForInvite: async (hackathon, reason) =>
      void said.push(`${dm(hackathon.createdBy)}: invite the app into ${hackathon.channelId} (${reason})`),
  };
  return { announcer, said, refuse: gate.refuse };
}

/** The setup announcement and the invitation request. */
export function recordingChannelAnnouncer() {
  const said: string[] = [];
  const gate = channelGate();
  const announcer: ChannelAnnouncer = {
    async hackathonSetUp(hackathon) {
      gate.check(hackathon.channelId);
      const ts = nextTs();
      said.push(`${hackathon.channelId}: ${hackathon.name} is set up (${ts})`);
      return { channelId: hackathon.channelId, ts };
    },
    removeAnnouncement: async (ref) => void said.push(`${ref.channelId}: announcement ${ref.ts} deleted`),
    askForInvite: async (hackathon, reason) =>
      void said.push(`${dm(hackathon.createdBy)}: invite the app into ${hackathon.channelId} (${reason})`),
  };
  return { announcer, said, refuse: gate.refuse };
}

/** Tells proposers where their carried-over topics went. */
export function recordingCarryOverAnnouncer() {
  const said: string[] = [];
  const announcer: CarryOverAnnouncer = {
    carriedOver: async (hackathon, topic) =>
      void said.push(
        `${dm(topic.proposerId)}: #${topic.carriedFrom?.number} of ${topic.carriedFrom?.hackathonName} is #${topic.number} of ${hackathon.name}`,
      ),
  };
  return { announcer, said };
}

/**
 * The wrap-up in Slack, page by page as the Slack adapter posts it: the highlights' first page in the channel
 * and the rest in its thread (parts `page#<i>`), each topic's reply pages in the highlights' thread (parts
 * `<i>`), each page recorded in `parts` as soon as it is posted and skipped when recorded before.
 */
export function recordingWrapUpPublisher(
  options: { highlightPages?: number; replyPages?: (topic: Topic) => number } = {},
) {
  const said: string[] = [];
  const gate = channelGate();
  /** Posts left before the next one fails; null: none fails. */
  let postsBeforeFailure: number | null = null;
  const post = (channelId: string, thread: string | null, text: string) => {
    gate.check(channelId);
    if (postsBeforeFailure !== null && postsBeforeFailure-- <= 0) {
      postsBeforeFailure = null;
      throw new Error('Slack answered 500 (internal_error)');
    }
    const ts = nextTs();
    said.push(`${channelId}${thread ? ` thread ${thread}` : ''}: ${text}`);
    return ts;
  };
  /** Posts the pages not recorded yet, recording each; `send` gets the first page's ts (its thread). */
  const pages = async (
    count: number,
    parts: PostedParts,
    name: (i: number) => string,
    send: (i: number, first: string | undefined) => string,
  ) => {
    const posted: string[] = [];
    for (let i = 0; i < count; i++) {
      let ts = parts.ts(name(i));
      if (!ts) {
        ts = send(i, posted[0]);
        await parts.record(name(i), ts);
      }
      posted.push(ts);
    }
    return posted;
  };
  const wrapUps: WrapUpPublisher = {
    async highlights(hackathon, topics, parts) {
      const count = options.highlightPages ?? 1;
      const [first] = await pages(
        count,
        parts,
        (i) => `page#${i}`,
        (i, thread) =>
          post(
            hackathon.channelId,
            thread ?? null,
            `highlights ${i + 1}/${count}: ${topics.map((t) => `#${t.number}`).join(' ')}`,
          ),
      );
      return { channelId: hackathon.channelId, ts: first as string };
    },
    async topicReply(_hackathon, thread, topic, parts) {
      const count = options.replyPages?.(topic) ?? 1;
      const posted = await pages(
        count,
        parts,
        (i) => String(i),
        (i) => post(thread.channelId, thread.ts, `#${topic.number} ${topic.title} ${i + 1}/${count}`),
      );
      return posted[0] as string;
    },
    async updateTopicReply(_hackathon, thread, topic, _parts) {
      gate.check(thread.channelId);
      said.push(`${thread.channelId} thread ${thread.ts}: updated #${topic.number} ${topic.title}`);
    },
    async files(target, files, _about) {
      const where = 'userId' in target ? dm(target.userId) : `${target.channelId} thread ${target.threadTs}`;
      if (!('userId' in target)) gate.check(target.channelId);
      said.push(`${where}: files ${files.map((file) => file.name).join(', ')}`);
    },
    done: async (userId, hackathon, topics) =>
      void said.push(`${dm(userId)}: ${wrappedUpText(hackathon, topics)}`),
  };
  return {
    wrapUps,
    said,
    refuse: gate.refuse,
    /** The post after the next `posts` successful ones fails, once. */
    failAfter(posts: number) {
      postsBeforeFailure = posts;
    },
  };
}

/** reactions.get: what each card shows in Slack now, settable per card; it can run out of time or fail. */
export function reactionsInSlack() {
  const onCards = new Map<string, Array<{ name: string; users: string[] }>>();
  const failing = new Set<string>();
  /** Every card read (its ts), in order. */
  const reads: string[] = [];
  let readsBeforeDeadline: number | null = null;
  const reader: ReactionReader = {
    async reactionsOn(card) {
      if (readsBeforeDeadline !== null && readsBeforeDeadline-- <= 0) {
        readsBeforeDeadline = null;
        // reactions.get is Tier 3: the next read would wait past the invocation's deadline.
        throw new OutOfTimeError('reactions.get', 1_200);
      }
      reads.push(card.ts);
      if (failing.has(card.ts)) throw new Error('Slack answered message_not_found');
      return structuredClone(onCards.get(card.ts) ?? []);
    },
  };
  return {
    reader,
    reads,
    /** The card's reactions, as Slack lists them (emoji name, the people who reacted). */
    show(card: CardRef, reactions: Record<string, string[]>) {
      onCards.set(
        card.ts,
        Object.entries(reactions).map(([name, users]) => ({ name, users })),
      );
    },
    unreadable(card: CardRef) {
      failing.add(card.ts);
    },
    /** The read after the next `reads` ones runs out of the invocation's time, once. */
    outOfTimeAfter(reads: number) {
      readsBeforeDeadline = reads;
    },
  };
}

/** Display names, from a list; anyone else keeps their id (as the Slack directory does for unknown people). */
export const peopleNamed = (names: Record<string, string> = {}): PeopleDirectory => ({
  names: async (ids) => new Map(ids.map((id) => [id, names[id] ?? id])),
});
