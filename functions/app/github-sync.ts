/**
 * A hackathon linked to a GitHub repository keeps its topics and the repository's labelled issues as one:
 * issues become topics (linking, webhooks, the reconcile), topics proposed in Slack open issues, and a change
 * on either side is carried to the other. Everything here runs off the request path (in the refresher).
 */
import { ConflictError } from '../domain/errors.js';
import { type GitHubLink, type IssueLink, issueReference } from '../domain/github.js';
import { fallbackCategory, type Hackathon, matchCategory } from '../domain/hackathon.js';
import { type IssueSynced, type Topic, type TopicDraft, titleKey } from '../domain/topic.js';
import { issueForTopic, markerIn, topicMarker } from '../markdown/issue-body.js';
import { topicFromIssue } from '../markdown/issue-topic.js';
import { GitHubError, type IssueTracker, type RepoIssue } from './ports/github.js';
import type { GitHubIssueJob, GitHubSyncJob } from './ports/jobs.js';
import type { PeopleDirectory } from './ports/slack.js';
import type {
  HackathonStore,
  IssueLinkStore,
  IssueState,
  LoginStore,
  TopicSeed,
  TopicStore,
  VoteStore,
} from './ports/stores.js';

/** Tells a proposer their topic's issue could not be opened (a direct message), and finds a card's permalink. */
interface GitHubAnnouncer {
  issueNotOpened(hackathon: Hackathon, topic: Topic, failure: GitHubError['failure']): Promise<void>;
  /** Tells the organizer who linked the repository, or asked for the sync, what it did (a direct message). */
  synced(hackathon: Hackathon, userId: string, report: SyncReport): Promise<void>;
  permalink(topic: Topic): Promise<string | null>;
}

export interface GitHubSyncDeps {
  hackathons: HackathonStore;
  topics: TopicStore;
  issueLinks: IssueLinkStore;
  logins: LoginStore;
  votes: VoteStore;
  /** Null when no GitHub App is configured: linked hackathons then wait, and say so in the logs. */
  tracker: IssueTracker | null;
  people: PeopleDirectory;
  gitHubAnnouncer: GitHubAnnouncer;
  clock: () => Date;
  warn(message: string, error?: unknown): void;
}

/**
 * How long one run may take to open a topic's issue before another may try (GitHub's answer within the
 * client's retries and waits: two minutes covers them).
 */
const OPENING_LEASE_MS = 2 * 60_000;

/** At most this many topics are made in one transaction (each with the claim on its issue: two items). */
const CREATE_BATCH = 50;

/** A topic as its issue says it should be. */
interface IssueView {
  draft: TopicDraft;
  difficulty: string | null;
  status: IssueState['status'];
  author: string | null;
  issue: IssueLink;
  /** The issue's areas when none of them is a category of the hackathon (its topic took the fallback). */
  unknownAreas: string[];
}

/** What the issue says, read into the hackathon's terms; null when the issue is no topic of it. */
function issueView(hackathon: Hackathon, link: GitHubLink, issue: RepoIssue): IssueView | null {
  const read = topicFromIssue(
    {
      number: issue.number,
      title: issue.title,
      body: issue.body,
      html_url: issue.htmlUrl,
      labels: issue.labels,
    },
    link.eventLabel,
  );
  if (!read || issue.isPullRequest) return null;
  const known = read.areas.map((area) => categoryForArea(hackathon.categories, area)).find(Boolean);
  const category = known ?? fallbackCategory(hackathon.categories);
  const closed = issue.state === 'closed';
  return {
    draft: {
      title: read.title.slice(0, 150),
      category,
      kind: read.kind,
      teamSize: read.teamSize,
      fastTrack: read.fastTrack,
      description: read.description.slice(0, 3000),
      links: read.links.slice(0, 10),
      emoji: null,
    },
    difficulty: read.difficulty,
    status: closed
      ? issue.stateReason === 'completed' && link.closedMeans === 'done'
        ? 'done'
        : 'withdrawn'
      : null,
    author: issue.author,
    issue: { repo: link.repo, number: issue.number, url: issue.htmlUrl },
    unknownAreas: known ? [] : read.areas,
  };
}

/** The hackathon's category an `/area` identifier (`control-plane`) or label names, if any. */
function categoryForArea(categories: readonly string[], area: string): string | undefined {
  const slug = (text: string) => titleKey(text).replace(/ /g, '-');
  return matchCategory(categories, area) ?? categories.find((category) => slug(category) === slug(area));
}

/** The fields both sides carry, as one string: what "changed" means for a topic and its issue. */
function fingerprint(fields: {
  title: string;
  description: string;
  category: string;
  kind: string;
  teamSize: string | null;
  fastTrack: boolean;
  open: boolean;
}): string {
  return JSON.stringify([
    fields.title.trim(),
    fields.description.replace(/\s+/g, ' ').trim(),
    fields.category,
    fields.kind,
    fields.teamSize,
    fields.fastTrack,
    fields.open,
  ]);
}

const topicFingerprint = (topic: Topic) => fingerprint({ ...topic, open: topic.status !== 'withdrawn' });
const viewFingerprint = (view: IssueView) => fingerprint({ ...view.draft, open: view.status === null });

/**
 * The Slack user an issue's author is: by the attendee list's logins, else by the logins people gave themselves
 * (`/htg github`); null when nobody in Slack has it.
 */
async function userWithLogin(
  deps: GitHubSyncDeps,
  hackathon: Hackathon,
  login: string | null,
): Promise<string | null> {
  if (!login) return null;
  const lower = login.toLowerCase();
  const attendee = hackathon.attendees?.find((a) => a.githubLogin?.toLowerCase() === lower)?.userId;
  return attendee ?? (await deps.logins.userWithLogin(login));
}

async function seedFrom(deps: GitHubSyncDeps, hackathon: Hackathon, view: IssueView): Promise<TopicSeed> {
  const proposer = await userWithLogin(deps, hackathon, view.author);
  const seed: TopicSeed = {
    ...view.draft,
    // Nobody in Slack has the author's login: the topic is the organizer's to look after, and the card names the author.
    proposerId: proposer ?? hackathon.createdBy,
    proposedOnGitHubBy: proposer ? null : view.author,
    difficulty: view.difficulty,
    issue: view.issue,
  };
  const fp = viewFingerprint(view);
  return { ...seed, issueSynced: { topic: fp, issue: fp } };
}

/** The hackathon and its link, when it is linked, active and GitHub is configured; null otherwise. */
export async function linkedHackathon(
  deps: GitHubSyncDeps,
  hackathonId: string,
): Promise<{ hackathon: Hackathon; link: GitHubLink; tracker: IssueTracker } | null> {
  const hackathon = await deps.hackathons.get(hackathonId);
  if (!hackathon?.github || hackathon.status !== 'active') return null;
  if (!deps.tracker) {
    deps.warn(
      `Hackathon ${hackathonId} is linked to ${hackathon.github.repo}, but no GitHub App is configured`,
    );
    return null;
  }
  return { hackathon, link: hackathon.github, tracker: deps.tracker };
}

/** What a sync did, for the logs and the tests. */
export interface SyncReport {
  created: number[];
  updated: number[];
  opened: number[];
  /** Areas of new topics' issues that are no category of the hackathon, with those issues; their topics took `fallback`. */
  unknownAreas: Array<{ area: string; issues: IssueLink[] }>;
  fallback: string;
}

/**
 * Brings a linked hackathon in line with its repository: every open issue with the event label that is not a
 * topic yet becomes one, topics whose issue changed since they were last in line follow it, and topics proposed
 * in Slack without an issue get one. The link's pointer (which webhooks find the hackathon by) is written too.
 * Run when a repository is linked, by `/htg sync` and on a schedule: whatever a missed webhook left, this repairs.
 */
export async function syncRepository(deps: GitHubSyncDeps, job: GitHubSyncJob): Promise<SyncReport> {
  const linked = await linkedHackathon(deps, job.hackathonId);
  const report: SyncReport = {
    created: [],
    updated: [],
    opened: [],
    unknownAreas: [],
    fallback: linked ? fallbackCategory(linked.hackathon.categories) : '',
  };
  if (!linked) return report;
  const { hackathon, link, tracker } = linked;
  await deps.issueLinks.linkRepository(hackathon, link.repo);
  const issues = await tracker.listIssues(link.repo, link.eventLabel, 'all');
  const claimed = await deps.issueLinks.topicsOfIssues(hackathon.id);
  const topics = new Map((await deps.topics.list(hackathon.id)).map((topic) => [topic.number, topic]));
  const byMarker = new Map(
    [...topics.values()].map((topic) => [topicMarker(topic.hackathonId, topic.number), topic]),
  );

  const fresh: IssueView[] = [];
  for (const issue of issues) {
    const view = issueView(hackathon, link, issue);
    if (!view) continue;
    const number = claimed.get(`${link.repo.toLowerCase()}#${issue.number}`);
    const topic = number === undefined ? opensFor(byMarker, issue) : topics.get(number);
    if (topic) {
      const attached = topic.issue ? topic : await attach(deps, topic, view);
      if (attached && (await followIssue(deps, attached, view))) report.updated.push(topic.number);
    } else if (view.status === null) fresh.push(view);
  }
  // Topics whose issue is not among the labelled ones any more: the label was taken off, or the issue deleted or
  // moved, while htg missed the delivery. Each is read once to tell which.
  const listed = new Set(issues.map((issue) => issue.number));
  for (const topic of topics.values()) {
    if (!topic.issue || topic.status === 'withdrawn' || listed.has(topic.issue.number)) continue;
    if (topic.issue.repo.toLowerCase() !== link.repo.toLowerCase()) continue;
    const now = await tracker.getIssue(link.repo, topic.issue.number);
    if (!now) await deps.issueLinks.detachIssue(topic, deps.clock().toISOString());
    else await withdrawUnlabelled(deps, topic, deps.clock().toISOString());
    report.updated.push(topic.number);
  }
  // Oldest issue first: topic numbers follow the order people proposed in.
  fresh.sort((a, b) => a.issue.number - b.issue.number);
  for (let i = 0; i < fresh.length; i += CREATE_BATCH) {
    const seeds: TopicSeed[] = [];
    for (const view of fresh.slice(i, i + CREATE_BATCH)) seeds.push(await seedFrom(deps, hackathon, view));
    const created = await deps.topics
      .createMany(hackathon.id, seeds, hackathon.createdBy, deps.clock().toISOString())
      .catch((error: unknown) => {
        // A webhook made some of them topics meanwhile: the next sync finds them claimed.
        if (error instanceof ConflictError) return [];
        throw error;
      });
    report.created.push(...created.map((topic) => topic.number));
  }
  const unknown = new Map<string, IssueLink[]>();
  for (const view of fresh)
    for (const area of view.unknownAreas) unknown.set(area, [...(unknown.get(area) ?? []), view.issue]);
  report.unknownAreas = [...unknown].map(([area, issues]) => ({ area, issues }));
  for (const topic of topics.values()) {
    if (
      !topic.issue &&
      topic.status !== 'withdrawn' &&
      (await openIssue(deps, hackathon, link, tracker, topic, issues))
    )
      report.opened.push(topic.number);
  }
  // The organizer who linked the repository, or asked, is told what came in (once per request).
  const told =
    job.reason === 'asked' ? job.requestedBy : job.reason === 'linked' ? hackathon.createdBy : null;
  const worthTelling = job.reason === 'asked' || report.created.length > 0 || report.unknownAreas.length > 0;
  if (
    told &&
    worthTelling &&
    (await deps.votes.firstNotice(
      hackathon.id,
      told,
      job.reason === 'linked'
        ? `github-linked-${link.repo.toLowerCase()}#${link.eventLabel}`
        : `github-sync-${job.requestedAt}`,
    ))
  )
    await deps.gitHubAnnouncer.synced(hackathon, told, report);
  return report;
}

/** The topic an issue was opened for by htg (its hidden marker), when the claim on it was never written. */
function opensFor(byMarker: Map<string, Topic>, issue: RepoIssue): Topic | undefined {
  const marker = markerIn(issue.body);
  return marker ? byMarker.get(marker) : undefined;
}

async function attach(deps: GitHubSyncDeps, topic: Topic, view: IssueView): Promise<Topic | null> {
  const synced = { topic: topicFingerprint(topic), issue: viewFingerprint(view) };
  return deps.issueLinks.attachIssue(topic, view.issue, synced);
}

/**
 * Brings a topic in line with what its issue says, if the issue changed since they were last in line; true if
 * it did. A change on the Slack side only (the issue as last seen) is left for `pushToIssue`.
 */
async function followIssue(deps: GitHubSyncDeps, topic: Topic, view: IssueView): Promise<boolean> {
  const issueNow = viewFingerprint(view);
  if (topic.issueSynced?.issue === issueNow) return false;
  // Reopened: a topic its issue's closing had withdrawn or marked done is proposed again.
  const reopened = view.status === null && wasClosed(topic.issueSynced);
  const status =
    view.status ??
    (reopened && (topic.status === 'withdrawn' || topic.status === 'done') ? 'proposed' : null);
  const keepsStatus = status === null || status === topic.status;
  const draft = { ...view.draft, emoji: topic.emoji, links: mergeLinks(topic.links, view.draft.links) };
  // What the topic will say, fingerprinted in the same write: the change is GitHub's, and is not sent back.
  const topicAfter = fingerprint({ ...draft, open: (keepsStatus ? topic.status : status) !== 'withdrawn' });
  await deps.issueLinks.applyIssue(
    topic,
    {
      draft,
      difficulty: view.difficulty,
      status: keepsStatus ? null : status,
      issue: view.issue,
      synced: { topic: topicAfter, issue: issueNow },
    },
    deps.clock().toISOString(),
  );
  return true;
}

/** Whether the issue was closed when topic and issue were last in line (the fingerprint's last field). */
function wasClosed(synced: IssueSynced | null | undefined): boolean {
  try {
    return synced ? (JSON.parse(synced.issue) as unknown[]).at(-1) === false : false;
  } catch {
    return false;
  }
}

function mergeLinks(topicLinks: readonly string[], issueLinks: readonly string[]): string[] {
  return [...new Set([...issueLinks, ...topicLinks])].slice(0, 10);
}

/**
 * Opens the issue of a topic proposed in Slack, once: an issue carrying the topic's marker (opened by an
 * earlier attempt whose answer was lost) is taken instead. When GitHub refuses for good (the App is not
 * installed, or may not write issues) the proposer is told once; when it is down or limiting, the next sync
 * tries again. True when the topic got its issue.
 */
async function openIssue(
  deps: GitHubSyncDeps,
  hackathon: Hackathon,
  link: GitHubLink,
  tracker: IssueTracker,
  topic: Topic,
  /** The repository's labelled issues, when the caller has just read them. */
  known?: readonly RepoIssue[],
): Promise<boolean> {
  // One run at a time opens it: work an invocation left behind may still be at it while its continuation starts.
  if (!(await deps.issueLinks.claimIssueOpening(topic, deps.clock(), OPENING_LEASE_MS))) return false;
  try {
    const marker = topicMarker(topic.hackathonId, topic.number);
    const existing = (known ?? (await tracker.listIssues(link.repo, link.eventLabel, 'all'))).find((issue) =>
      issue.body?.includes(marker),
    );
    let issue = existing;
    if (!issue) {
      const names = await deps.people.names([topic.proposerId]);
      const written = issueForTopic(topic, {
        eventLabel: link.eventLabel,
        proposerName: names.get(topic.proposerId) ?? topic.proposerId,
        permalink: await deps.gitHubAnnouncer.permalink(topic).catch(() => null),
      });
      issue = await tracker.createIssue(link.repo, written);
    }
    const view = issueView(hackathon, link, issue);
    const ref: IssueLink = { repo: link.repo, number: issue.number, url: issue.htmlUrl };
    const synced: IssueSynced = {
      topic: topicFingerprint(topic),
      issue: view ? viewFingerprint(view) : topicFingerprint(topic),
    };
    const attached = await deps.issueLinks.attachIssue(topic, ref, synced);
    return attached !== null;
  } catch (error) {
    await deps.issueLinks.releaseIssueOpening(topic);
    if (!(error instanceof GitHubError)) throw error;
    deps.warn(`Could not open the issue of #${topic.number} in ${link.repo} (${error.failure})`, error);
    if (
      (error.failure === 'not-installed' || error.failure === 'refused') &&
      (await deps.votes.firstNotice(hackathon.id, topic.proposerId, `issue-not-opened-${topic.number}`))
    )
      await deps.gitHubAnnouncer.issueNotOpened(hackathon, topic, error.failure);
    return false;
  }
}

/**
 * Carries a change made in Slack to the topic's issue: the title, the labels htg sets, the body when htg wrote
 * it (an issue someone wrote on GitHub keeps its body), and a withdrawal closes it as not planned. Nothing is
 * sent when the topic is as it was when last in line with its issue (a change that came from GitHub included).
 * For a topic without an issue yet, opens it.
 */
export async function pushToIssue(deps: GitHubSyncDeps, hackathonId: string, number: number): Promise<void> {
  const linked = await linkedHackathon(deps, hackathonId);
  if (!linked) return;
  const { hackathon, link, tracker } = linked;
  const topic = await deps.topics.get(hackathonId, number);
  if (!topic) return;
  if (!topic.issue) {
    if (topic.status !== 'withdrawn') await openIssue(deps, hackathon, link, tracker, topic);
    return;
  }
  const topicNow = topicFingerprint(topic);
  if (!topic.issueSynced || topic.issueSynced.topic === topicNow) return;
  const { repo, number: issueNumber } = topic.issue;
  try {
    const current = await tracker.getIssue(repo, issueNumber);
    if (!current) return;
    const ours = current.body?.includes(topicMarker(topic.hackathonId, topic.number)) ?? false;
    const written = issueForTopic(topic, { eventLabel: link.eventLabel, proposerName: '', permalink: null });
    const htgLabels = new Set([
      'kind/discussion',
      'teamsize/small',
      'teamsize/medium',
      'teamsize/large',
      'fast-track',
    ]);
    const labels = [
      ...new Set([...current.labels.filter((label) => !htgLabels.has(label)), ...written.labels]),
    ];
    const withdrawn = topic.status === 'withdrawn';
    const updated = await tracker.updateIssue(repo, issueNumber, {
      title: topic.title,
      ...(ours ? { body: keepProvenance(current.body ?? '', written.body) } : {}),
      labels,
      ...(withdrawn && current.state === 'open' ? { state: 'closed', stateReason: 'not_planned' } : {}),
      ...(!withdrawn && current.state === 'closed' ? { state: 'open', stateReason: 'reopened' } : {}),
    });
    const view = issueView(hackathon, link, updated);
    await deps.issueLinks.recordIssueSynced(topic, {
      topic: topicNow,
      issue: view ? viewFingerprint(view) : (topic.issueSynced.issue ?? ''),
    });
  } catch (error) {
    if (!(error instanceof GitHubError)) throw error;
    // Not carried over now: the next change or sync compares again and carries it then.
    deps.warn(
      `Could not update ${issueReference(topic.issue)} for #${topic.number} (${error.failure})`,
      error,
    );
  }
}

/** An htg-written body rewritten from the topic, keeping the line that says who proposed it and where. */
function keepProvenance(current: string, written: string): string {
  const provenance = /^_Proposed by .*_$/m.exec(current)?.[0];
  return provenance ? written.replace(/^_Proposed by .*_$/m, provenance) : written;
}

/**
 * A topic whose issue is no longer labelled for this event (or became a pull request): withdrawn as GitHub's
 * change, its issue left as it is (it is just no topic of this event any more).
 */
async function withdrawUnlabelled(deps: GitHubSyncDeps, topic: Topic, now: string): Promise<void> {
  if (!topic.issue || topic.status === 'withdrawn') return;
  const { title, category, kind, teamSize, fastTrack, description, links, emoji } = topic;
  const draft = { title, category, kind, teamSize, fastTrack, description, links, emoji };
  await deps.issueLinks.applyIssue(
    topic,
    {
      draft,
      difficulty: topic.difficulty ?? null,
      status: 'withdrawn',
      issue: topic.issue,
      // The issue as last seen counts as closed: labelled again, it proposes the topic again (`wasClosed`).
      synced: {
        topic: fingerprint({ ...draft, open: false }),
        issue: JSON.stringify(['not-labelled', false]),
      },
    },
    now,
  );
}

/**
 * A webhook delivery about an issue: its topic follows it, or one is made from it (opened, or labelled with the
 * event). The issue is read again from GitHub where possible, so that deliveries arriving out of order still
 * leave the topic as the issue is now; when GitHub cannot be read, the delivery's copy is used.
 */
export async function applyIssueEvent(deps: GitHubSyncDeps, job: GitHubIssueJob): Promise<void> {
  const linked = await linkedHackathon(deps, job.hackathonId);
  if (!linked || linked.link.repo.toLowerCase() !== job.repo.toLowerCase()) return;
  const { hackathon, link, tracker } = linked;
  const claimed = await deps.issueLinks.topicsOfIssues(hackathon.id);
  const number = claimed.get(`${link.repo.toLowerCase()}#${job.issue.number}`);
  const topic = number === undefined ? null : await deps.topics.get(hackathon.id, number);
  const now = deps.clock().toISOString();

  if (job.action === 'deleted' || job.action === 'transferred') {
    // The issue is gone from the repository: its topic stays on record, withdrawn, without the link.
    if (!topic) return;
    await deps.issueLinks.detachIssue(topic, now);
    return;
  }
  const issue = (await tracker.getIssue(link.repo, job.issue.number).catch(() => job.issue)) ?? job.issue;
  const view = issueView(hackathon, link, issue);
  if (!view) {
    if (topic) await withdrawUnlabelled(deps, topic, now);
    return;
  }
  if (topic) {
    await followIssue(deps, topic, view);
    return;
  }
  const opened = opensFor(
    new Map((await deps.topics.list(hackathon.id)).map((t) => [topicMarker(t.hackathonId, t.number), t])),
    issue,
  );
  if (opened) {
    await attach(deps, opened, view);
    return;
  }
  if (view.status !== null) return;
  await deps.topics
    .createMany(hackathon.id, [await seedFrom(deps, hackathon, view)], hackathon.createdBy, now)
    .catch((error: unknown) => {
      if (!(error instanceof ConflictError)) throw error;
    });
}
