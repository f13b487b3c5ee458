/**
 * The wrap-up's work off the request path (the refresher): posting the highlights, the thread and the files,
 * and sending exports. Kept apart from `wrap-up.ts` so the ingress never loads the Markdown writer.
 */
import type { Hackathon } from '../domain/hackathon.js';
import { MEETING_KINDS } from '../domain/meetings.js';
import { isSlackUserId, isWrappedUp } from '../domain/outcome.js';
import type { Topic } from '../domain/topic.js';
import { agendaMarkdown } from '../markdown/agenda.js';
import { boardMarkdown } from '../markdown/board.js';
import { wrapUpPageFromHackathon } from '../markdown/wrapup-from-hackathon.js';
import { renderWrapUpPage } from '../markdown/wrapup-page.js';
import { type ChannelWaitDeps, isChannelUnavailable, waitForInvitation } from './channel-access.js';
import { requireHackathon } from './hackathons.js';
import type { ExportJob, WrapUpJob } from './ports/jobs.js';
import type { PostedPartsStore } from './ports/posted-parts.js';
import type { MarkdownFile, PeopleDirectory, WrapUpPublisher } from './ports/slack.js';
import { postedParts, withPrefix } from './posted-parts.js';
import { type WrapUpDeps, wrappedTopics } from './wrap-up.js';

/** The names of everyone the wrap-up's files mention: organizers, teams and contributors. */
async function namesInWrapUp(
  people: PeopleDirectory,
  hackathon: Hackathon,
  topics: readonly Topic[],
): Promise<Map<string, string>> {
  const ids = new Set<string>(hackathon.organizers);
  for (const topic of topics) {
    for (const id of [...(topic.members ?? []), ...(topic.outcome?.contributors ?? [])]) {
      if (isSlackUserId(id)) ids.add(id);
    }
  }
  // The agendas' presenters (a proposer presenting at the topic collection need be on no team).
  for (const kind of MEETING_KINDS)
    for (const slot of hackathon.agendas?.[kind]?.agenda.slots ?? [])
      if ('userId' in slot.presenter && isSlackUserId(slot.presenter.userId)) ids.add(slot.presenter.userId);
  return people.names([...ids]);
}

/**
 * The wrap-up page in the gardener/documentation format: the file the wrap-up posts in Slack and the one its
 * pull request on the website adds, byte for byte.
 */
export async function wrapUpPage(
  people: PeopleDirectory,
  hackathon: Hackathon,
  topics: readonly Topic[],
): Promise<string> {
  const names = await namesInWrapUp(people, hackathon, topics);
  return renderWrapUpPage(wrapUpPageFromHackathon(hackathon, topics, names));
}

/** The two Markdown files: the wrap-up page (gardener/documentation format) and the topic board. */
async function markdownFiles(
  people: PeopleDirectory,
  hackathon: Hackathon,
  topics: readonly Topic[],
): Promise<MarkdownFile[]> {
  const names = await namesInWrapUp(people, hackathon, topics);
  const slug = hackathon.name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60);
  return [
    {
      name: `${slug || 'hackathon'}-wrap-up.md`,
      title: `${hackathon.name}: wrap-up`,
      content: renderWrapUpPage(wrapUpPageFromHackathon(hackathon, topics, names)),
    },
    {
      name: `${slug || 'hackathon'}-topics.md`,
      title: `${hackathon.name}: topics`,
      content: boardMarkdown(hackathon, topics, names),
    },
    ...agendasFile(hackathon, names, slug || 'hackathon'),
  ];
}

/**
 * The agendas posted so far, as the community's tables, in the order they were posted in Slack (the export
 * shows what was posted, not a new order); none when no agenda was posted.
 */
function agendasFile(hackathon: Hackathon, names: ReadonlyMap<string, string>, slug: string): MarkdownFile[] {
  const posted = MEETING_KINDS.flatMap((kind) => {
    const post = hackathon.agendas?.[kind];
    return post ? [post.agenda] : [];
  });
  if (posted.length === 0) return [];
  const name = (userId: string) => names.get(userId) ?? userId;
  return [
    {
      name: `${slug}-agendas.md`,
      title: `${hackathon.name}: agendas`,
      content: `# ${hackathon.name} - Agendas\n\n${posted
        .map((agenda) => agendaMarkdown(agenda, { timeZone: hackathon.timeZone, name }))
        .join('\n\n')}\n`,
    },
  ];
}

export interface WrapUpJobDeps extends WrapUpDeps, ChannelWaitDeps {
  archive: { export(hackathonId: string, now: Date): Promise<unknown> };
  wrapUps: WrapUpPublisher;
  people: PeopleDirectory;
  /** Where the pages of the highlights and of each reply are recorded as they go. */
  runs: PostedPartsStore;
}

/** The wrap-up's parts are recorded under this name (beside the hackathon's scheduled executions). */
const WRAP_UP_PARTS = 'wrap-up';

/**
 * The wrap-up job: the highlights message (once), a thread reply per topic (each page once: a retry or a
 * continuation goes on where the last attempt stopped), the Markdown files in the thread (once), then the
 * organizer is told. A channel that refuses the app makes the wrap-up wait for it to be invited.
 */
export async function postWrapUp(deps: WrapUpJobDeps, job: WrapUpJob): Promise<void> {
  const before = await requireHackathon(deps.hackathons, job.hackathonId);
  let posted: { hackathon: Hackathon; topics: Topic[] };
  try {
    posted = await postWrapUpMessages(deps, before);
  } catch (error) {
    if (!isChannelUnavailable(error)) throw error;
    await waitForInvitation(deps, before, error);
    return;
  }
  const { hackathon, topics } = posted;
  // Told by direct message: only a person (a job carried on by htg itself names nobody to tell).
  if (!isSlackUserId(job.requestedBy)) return;
  if (!(await deps.votes.firstNotice(hackathon.id, job.requestedBy, 'wrapped-up'))) return;
  await deps.wrapUps.done(job.requestedBy, hackathon, topics.length);
}

/** The highlights, the replies and the files, each not yet posted; returns the hackathon after, and its topics. */
async function postWrapUpMessages(
  deps: WrapUpJobDeps,
  hackathon: Hackathon,
): Promise<{ hackathon: Hackathon; topics: Topic[] }> {
  const all = await deps.topics.list(hackathon.id);
  const topics = wrappedTopics(all);
  const parts = await postedParts(deps.runs, hackathon.id, WRAP_UP_PARTS);
  let now = hackathon;
  if (!now.wrapUp) {
    const posted = await deps.wrapUps.highlights(now, topics, withPrefix(parts, 'highlights#'));
    await deps.hackathons.setWrapUpMessage(now.id, posted);
    now = await requireHackathon(deps.hackathons, now.id);
  }
  const wrap = now.wrapUp as NonNullable<Hackathon['wrapUp']>;
  const thread = { channelId: wrap.channelId, ts: wrap.ts };
  for (const topic of topics) {
    if (wrap.replies[String(topic.number)]) continue;
    const ts = await deps.wrapUps.topicReply(now, thread, topic, withPrefix(parts, `reply#${topic.number}#`));
    await deps.hackathons.addWrapUpReply(now.id, topic.number, ts);
  }
  if (!wrap.files) {
    await deps.wrapUps.files(
      { channelId: wrap.channelId, threadTs: wrap.ts },
      await markdownFiles(deps.people, now, all),
      { kind: 'wrap-up', hackathon: now.name },
    );
    await deps.hackathons.setWrapUpFiles(now.id);
    // The page goes to the community website too, off this job: GitHub failing never holds the wrap-up.
    if (now.website)
      await deps.hackathons.addJob({
        kind: 'website-pull',
        reason: 'wrapped-up',
        hackathonId: now.id,
        requestedBy: 'htg',
        channelId: now.channelId,
        requestedAt: deps.clock().toISOString(),
      });
  }
  return { hackathon: now, topics };
}

/**
 * Outcomes saved after the wrap-up (within the late-outcome days): each topic's replies in the wrap-up thread
 * are brought in line (a topic that had none gets its reply). Returns false when the hackathon has not been
 * wrapped up (an outcome during the week changes nothing here).
 */
export async function followLateOutcomes(
  deps: Pick<WrapUpJobDeps, 'hackathons' | 'topics' | 'wrapUps' | 'runs'>,
  hackathonId: string,
  numbers: readonly number[],
): Promise<boolean> {
  const hackathon = await requireHackathon(deps.hackathons, hackathonId);
  const wrap = hackathon.wrapUp;
  if (hackathon.status === 'active' || !wrap) return false;
  const parts = await postedParts(deps.runs, hackathon.id, WRAP_UP_PARTS);
  const thread = { channelId: wrap.channelId, ts: wrap.ts };
  for (const number of numbers) {
    const topic = await deps.topics.get(hackathon.id, number);
    if (!topic || !isWrappedUp(topic)) continue;
    const replyParts = withPrefix(parts, `reply#${number}#`);
    if (wrap.replies[String(number)]) {
      await deps.wrapUps.updateTopicReply(hackathon, thread, topic, replyParts);
    } else {
      const ts = await deps.wrapUps.topicReply(hackathon, thread, topic, replyParts);
      await deps.hackathons.addWrapUpReply(hackathon.id, number, ts);
    }
  }
  return true;
}

/**
 * The export job: the same files, to the person who asked; organizers also get the hackathon's complete data as
 * JSON (every topic, vote, team, status change and outcome), which `npm run restore` writes back into a table.
 */
export async function sendExport(deps: WrapUpJobDeps, job: ExportJob): Promise<void> {
  const hackathon = await requireHackathon(deps.hackathons, job.hackathonId);
  const files = await markdownFiles(deps.people, hackathon, await deps.topics.list(hackathon.id));
  const organizer = hackathon.organizers.includes(job.requestedBy);
  if (organizer) {
    const [first] = files;
    files.push({
      name: (first?.name ?? 'hackathon-wrap-up.md').replace(/-wrap-up\.md$/, '-data.json'),
      title: `${hackathon.name}: complete data (JSON)`,
      content: JSON.stringify(await deps.archive.export(hackathon.id, new Date(job.requestedAt)), null, 2),
    });
  }
  await deps.wrapUps.files({ userId: job.requestedBy }, files, {
    kind: 'export',
    hackathon: hackathon.name,
    withData: organizer,
  });
}
