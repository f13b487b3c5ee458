/**
 * The wrap-up published on the community website as a pull request (issue 19): the page the wrap-up posts in
 * Slack, byte for byte, and the event's row in the landing page's events table, in one commit on a branch of the
 * website repository (or of a fork, when htg may not push there), and the pull request from it. Runs off the
 * request path (the refresher), after the wrap-up and whenever an outcome is saved late.
 */
import { createHash } from 'node:crypto';
import type { Hackathon } from '../domain/hackathon.js';
import { isSlackUserId } from '../domain/outcome.js';
import type { Topic } from '../domain/topic.js';
import {
  lateOutcomesUntil,
  type WebsiteLink,
  type WebsiteProblem,
  type WebsitePull,
  wrapUpPageName,
} from '../domain/website.js';
import { markdownBlock } from '../markdown/escape.js';
import { withEventRow } from '../markdown/website-index.js';
import { dateRange } from '../markdown/wrapup-from-hackathon.js';
import { requireHackathon } from './hackathons.js';
import {
  GitHubError,
  type OpenedPullRequest,
  type RepoFile,
  type WebsiteRepository,
} from './ports/github.js';
import type { WebsitePullJob } from './ports/jobs.js';
import type { PeopleDirectory } from './ports/slack.js';
import type { HackathonStore, LoginStore, TopicStore, VoteStore } from './ports/stores.js';
import { wrappedTopics } from './wrap-up.js';
import { wrapUpPage } from './wrap-up-jobs.js';

/** Tells people about the pull request: its link in the wrap-up thread and to each organizer, and failures. */
interface WebsiteAnnouncer {
  /** The pull request is open for review (once per pull request). */
  opened(hackathon: Hackathon, pull: WebsitePull, to: { thread: boolean; userId?: string }): Promise<void>;
  /** Why it could not be opened or updated, to one organizer. */
  failed(hackathon: Hackathon, userId: string, problem: WebsiteProblem): Promise<void>;
}

export interface WebsitePullDeps {
  hackathons: HackathonStore;
  topics: TopicStore;
  votes: Pick<VoteStore, 'firstNotice'>;
  logins: Pick<LoginStore, 'loginsOf'>;
  people: PeopleDirectory;
  /** Null when no GitHub App is configured: the wrap-up stays in Slack, and the logs say why. */
  website: WebsiteRepository | null;
  websiteAnnouncer: WebsiteAnnouncer;
  clock: () => Date;
  warn(message: string, error?: unknown): void;
}

/** What one attempt came to (the tests and the rehearsal read it). */
export type WebsitePullOutcome =
  | { result: 'opened' | 'updated' | 'unchanged'; pull: WebsitePull }
  | { result: 'failed'; problem: WebsiteProblem }
  | { result: 'not-published'; why: 'no-website' | 'not-ended' | 'no-github-app' | 'late-window-closed' };

/**
 * Opens the wrap-up's pull request, or brings the open one in line with the wrap-up as it is now (a force-moved
 * branch holding one commit on top of the default branch); once it is merged, outcomes saved later go into a
 * follow-up pull request. A re-run with nothing new writes nothing. GitHub failing is recorded on the hackathon
 * and told to the organizers (once per kind of failure); the next run (the next late outcome, `/htg publish`, or
 * the schedule that retries while the late-outcome window is open) tries again.
 */
export async function publishWebsitePull(
  deps: WebsitePullDeps,
  job: Pick<WebsitePullJob, 'hackathonId' | 'reason'>,
): Promise<WebsitePullOutcome> {
  const hackathon = await requireHackathon(deps.hackathons, job.hackathonId);
  const website = hackathon.website;
  if (!website) return { result: 'not-published', why: 'no-website' };
  if (hackathon.status === 'active' || !hackathon.endedAt)
    return { result: 'not-published', why: 'not-ended' };
  if (!deps.website) {
    deps.warn(`Hackathon ${hackathon.id} publishes to ${website.repo}, but no GitHub App is configured`);
    return { result: 'not-published', why: 'no-github-app' };
  }
  const now = deps.clock();
  const until = lateOutcomesUntil(hackathon);
  // Scheduled retries stop with the window; what organizers ask for, or the wrap-up itself, always runs.
  if (job.reason === 'scheduled' && hackathon.websitePull && until && Date.parse(until) < now.getTime())
    return { result: 'not-published', why: 'late-window-closed' };

  const all = await deps.topics.list(hackathon.id);
  const page = await wrapUpPage(deps.people, hackathon, all);
  const body = await pullBody(deps, hackathon, all, until);
  const row = {
    startDate: hackathon.startDate,
    endDate: hackathon.endDate,
    location: hackathon.location ? markdownBlock(hackathon.location) : '',
    organizer: await organizerCell(deps, hackathon, website),
    page: wrapUpPageName(hackathon.startDate),
  };
  const sent = fingerprint([page, JSON.stringify(row), body]);
  const previous = hackathon.websitePull ?? null;
  if (previous && previous.sent === sent && previous.state === 'open' && !hackathon.websiteProblem)
    return { result: 'unchanged', pull: previous };

  try {
    const result = await pushAndOpen(deps.website, hackathon, website, {
      asked: job.reason === 'asked',
      previous,
      page,
      row,
      body,
      sent,
    });
    await deps.hackathons.recordWebsitePull(hackathon.id, result.pull, null);
    if (result.result === 'opened') await announce(deps, hackathon, result.pull);
    return result;
  } catch (error) {
    if (!(error instanceof GitHubError || error instanceof NoFork || error instanceof PullClosed))
      throw error;
    const problem: WebsiteProblem = {
      failure: error instanceof NoFork ? 'no-fork' : error instanceof PullClosed ? 'closed' : error.failure,
      message: error.message,
      at: now.toISOString(),
    };
    deps.warn(`The wrap-up of hackathon ${hackathon.id} could not go to ${website.repo}: ${problem.message}`);
    await deps.hackathons.recordWebsitePull(hackathon.id, previous, problem);
    for (const organizer of hackathon.organizers)
      if (await deps.votes.firstNotice(hackathon.id, organizer, `website-failed:${problem.failure}`))
        await deps.websiteAnnouncer.failed(hackathon, organizer, problem);
    return { result: 'failed', problem };
  }
}

/** The App may not push to the website repository, and no fork account is set. */
class NoFork extends Error {}
/** The pull request was closed without being merged: someone decided against it, htg does not reopen it. */
class PullClosed extends Error {}

interface Attempt {
  /** An organizer asked (`/htg publish`): a pull request closed unmerged is followed by a new one. */
  asked: boolean;
  previous: WebsitePull | null;
  page: string;
  row: Parameters<typeof withEventRow>[1];
  body: string;
  sent: string;
}

async function pushAndOpen(
  github: WebsiteRepository,
  hackathon: Hackathon,
  website: WebsiteLink,
  { asked, previous, page, row, body, sent }: Attempt,
): Promise<{ result: 'opened' | 'updated' | 'unchanged'; pull: WebsitePull }> {
  const upstreamOwner = website.repo.split('/')[0] as string;
  let round = previous?.round ?? 0;
  let earlier = previous?.earlier ?? [];
  let current: OpenedPullRequest | null = null;
  if (previous && previous.repo === website.repo) {
    current = await github.getPullRequest(previous.repo, previous.number);
    if (current?.state === 'merged') {
      if (previous.sent === sent) return { result: 'unchanged', pull: { ...previous, state: 'merged' } };
      // Merged: what changed since goes into a follow-up.
      earlier = [...earlier, { number: previous.number, url: previous.url }];
      round += 1;
      current = null;
    } else if (current?.state === 'closed') {
      // Someone decided against it: left closed, unless an organizer asks again, which opens a new one.
      if (!asked)
        throw new PullClosed(
          `${website.repo}#${previous.number} was closed without being merged; htg leaves it closed`,
        );
      round += 1;
      current = null;
    }
  }
  const base = await github.defaultBranch(website.repo);
  const pagePath = `${website.folder}/${row.page}`;
  const indexPath = `${website.folder}/_index.md`;
  const files: RepoFile[] = [];
  // The page as the website has it (a placeholder before the event, an earlier round merged, or none).
  const published = await github.readFile(website.repo, pagePath, base.sha);
  if (round === 0 || published !== page) files.push({ path: pagePath, content: page });
  const index = await github.readFile(website.repo, indexPath, base.sha);
  const withRow = index === null ? null : withEventRow(index, row);
  if (withRow?.changed) files.push({ path: indexPath, content: withRow.text });
  const branch = branchName(hackathon, round);
  if (files.length === 0 && previous)
    return { result: 'unchanged', pull: { ...previous, sent, round, earlier } };

  const title =
    round === 0 || published === null
      ? `Add the wrap-up of ${hackathon.name}`
      : `Update the wrap-up of ${hackathon.name} (${round})`;
  const message = `${title}\n\nWritten by htg from the hackathon's Slack channel.`;
  // Where the branch lives: the website repository itself, or the fork once htg had to use it.
  const viaFork = previous ? previous.headOwner.toLowerCase() !== upstreamOwner.toLowerCase() : false;
  let headRepo = website.repo;
  let headOwner = upstreamOwner;
  const commitOn = async (repo: string) => {
    const sha = await github.commitFiles(repo, { parent: base.sha, files, message });
    await github.setBranch(repo, branch, sha);
  };
  try {
    if (viaFork) throw new GitHubError('refused', 'the wrap-up goes through the fork');
    await commitOn(website.repo);
  } catch (error) {
    if (!(error instanceof GitHubError) || error.failure !== 'refused') throw error;
    if (!website.forkAccount)
      throw new NoFork(
        `htg may not push to ${website.repo} (GitHub answered: ${error.message}); give it a fork account in the settings, or the "Contents: read and write" permission there`,
      );
    headRepo = await github.fork(website.repo, website.forkAccount);
    headOwner = headRepo.split('/')[0] as string;
    await commitOn(headRepo);
  }

  const existing =
    current ??
    (await github
      .findPullRequest(website.repo, headOwner, branch)
      .then((found) => (found && found.state === 'open' ? found : null)));
  const opened = existing
    ? await github.updatePullRequest(website.repo, existing.number, { title, body })
    : await github.openPullRequest(website.repo, {
        title,
        body,
        headOwner,
        headBranch: branch,
        base: base.branch,
      });
  return {
    result: existing ? 'updated' : 'opened',
    pull: {
      repo: website.repo,
      number: opened.number,
      url: opened.url,
      headOwner,
      branch,
      state: opened.state,
      round,
      sent,
      earlier,
    },
  };
}

/** `htg/hackathon-2026-11`, and `htg/hackathon-2026-11-update-1` for follow-ups: htg's own branches. */
function branchName(hackathon: Pick<Hackathon, 'startDate'>, round: number): string {
  const month = hackathon.startDate.slice(0, 7);
  return round === 0 ? `htg/hackathon-${month}` : `htg/hackathon-${month}-update-${round}`;
}

/** The link in the wrap-up thread, and to each organizer, each once per pull request. */
async function announce(deps: WebsitePullDeps, hackathon: Hackathon, pull: WebsitePull): Promise<void> {
  const notice = `website-pull:${pull.repo}#${pull.number}`;
  if (hackathon.wrapUp && (await deps.votes.firstNotice(hackathon.id, 'thread', notice)))
    await deps.websiteAnnouncer.opened(hackathon, pull, { thread: true });
  for (const organizer of hackathon.organizers)
    if (await deps.votes.firstNotice(hackathon.id, organizer, notice))
      await deps.websiteAnnouncer.opened(hackathon, pull, { thread: false, userId: organizer });
}

/**
 * The Organizer column: what organizers set, else the companies of the organizers (from the attendee list),
 * else their names, as the table names hosts ("SAP", "x-cellent").
 */
async function organizerCell(
  deps: Pick<WebsitePullDeps, 'people'>,
  hackathon: Hackathon,
  website: WebsiteLink,
): Promise<string> {
  if (website.organizer) return markdownBlock(website.organizer);
  const companies = new Set<string>();
  for (const organizer of hackathon.organizers) {
    const company = hackathon.attendees?.find((attendee) => attendee.userId === organizer)?.company;
    if (company) companies.add(company);
  }
  if (companies.size > 0) return markdownBlock([...companies].join(', '));
  const names = await deps.people.names(hackathon.organizers);
  return markdownBlock(hackathon.organizers.map((id) => names.get(id) ?? id).join(', '));
}

/**
 * The pull request's description, in the shape of gardener/documentation's template: what it adds, the topics
 * with their teams, the channel it comes from, and the organizers to review it (their GitHub logins, where
 * known).
 */
async function pullBody(
  deps: Pick<WebsitePullDeps, 'people' | 'logins'>,
  hackathon: Hackathon,
  all: readonly Topic[],
  until: string | null,
): Promise<string> {
  const topics = wrappedTopics(all);
  const people = new Set(hackathon.organizers);
  for (const topic of topics) for (const member of topic.members ?? []) people.add(member);
  const names = await deps.people.names([...people].filter(isSlackUserId));
  const logins = await deps.logins.loginsOf(hackathon.organizers);
  const cell = (text: string) => markdownBlock(text).replace(/\r?\n/g, ' ').replace(/\|/g, '\\|');
  const rows = topics.map((topic) => {
    const issue = topic.issue
      ? ` ([${topic.issue.repo.split('/')[1]}#${topic.issue.number}](${topic.issue.url}))`
      : '';
    const team = (topic.members ?? []).map((id) => names.get(id) ?? id).join(', ');
    return `| ${cell(`${topic.emoji ? `${topic.emoji} ` : ''}${topic.title}`)}${issue} | ${cell(team) || '–'} |`;
  });
  const channel = `https://slack.com/app_redirect?channel=${hackathon.channelId}&team=${hackathon.teamId}`;
  const reviewers = hackathon.organizers.map((id) => {
    const login = logins.get(id);
    return login ? `@${login}` : cell(names.get(id) ?? id);
  });
  const late = until
    ? `Outcomes the teams save in Slack until ${until.slice(0, 10)} update this pull request.`
    : 'Outcomes saved later in Slack update this pull request.';
  return [
    '**How to categorize this PR?**',
    '',
    '/kind enhancement',
    '',
    '**What this PR does / why we need it**:',
    '',
    `Adds the wrap-up of ${cell(hackathon.name)} (${dateRange(hackathon.startDate, hackathon.endDate)}${hackathon.location ? `, ${cell(hackathon.location)}` : ''}) and its row in the events table.`,
    '',
    ...(rows.length > 0 ? ['| Topic | Team |', '|:------|:-----|', ...rows, ''] : []),
    `Written by htg from what the teams recorded in the hackathon's [Slack channel](${channel}). ${late}`,
    '',
    '**Which issue(s) this PR fixes**:',
    '',
    '_n.a._',
    '',
    '**Special notes for your reviewer**:',
    '',
    `/cc ${reviewers.join(' ')}`,
    '',
    '**Release note**:',
    '',
    '```other operator',
    'NONE',
    '```',
    '',
  ].join('\n');
}

function fingerprint(parts: readonly string[]): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part).update('\u0000');
  return hash.digest('base64url').slice(0, 22);
}
