import { readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type GitHubStandIn, startGitHubStandIn } from '../../functions/local/dev/github-stand-in.js';
import type { SlackSim } from '../../functions/local/dev/slack-sim.js';
import { withEventRow } from '../../functions/markdown/website-index.js';
import { setUpHackathon } from '../helpers/hackathon-setup.js';
import {
  expectNoSecretsLogged,
  expectWithinGrants,
  type IngressHarness,
  startIngressSuite,
} from '../helpers/ingress-harness.js';
import { parseWrapUpPage } from '../helpers/wrapup-page-parser.js';

/**
 * The wrap-up published on the community website, end to end: signed Slack requests to the real ingress,
 * DynamoDB Local, the refresher, and the GitHub stand-in (every call checked against GitHub's OpenAPI
 * description) holding a copy of gardener/documentation's landing page.
 */
let harness: IngressHarness;
let slack: SlackSim;
let github: GitHubStandIn;

const ORGANIZER = 'U0ORGANIZE';
/** One person per topic (each joins one team). */
const TEAM = ['U0ANNA', 'U0BOB', 'U0CARL'];
const FOLDER = 'website/community/hackathons';
const FIXTURES = new URL(
  '../fixtures/hackathons/gardener-documentation/website/community/hackathons/',
  import.meta.url,
);
const INDEX = readFileSync(new URL('_index.md', FIXTURES), 'utf8');
/** The community's 2026-03 page: its first topics, as the teams wrote them, are written again in Slack here. */
const SOFIA = parseWrapUpPage(readFileSync(new URL('2026-03.md', FIXTURES), 'utf8'));
type Json = Record<string, unknown>;

const sectionOf = (topic: (typeof SOFIA.topics)[number], key: string) =>
  topic.sections.find((section) => section.key === key)?.text ?? '';
const trackingUrl = (topic: (typeof SOFIA.topics)[number]) =>
  /\((https:[^)]+)\)/.exec(topic.tracking ?? '')?.[1];

/**
 * A hackathon whose three topics are the first three of the 2026-03 page (title, tracking issue, problem,
 * achievements, next steps), each with a team, done, and an outcome saved from its card; `website` answers
 * on top of the settings.
 */
async function hackathonWithOutcomes(repo: string, website: Record<string, string> = {}) {
  const picked = SOFIA.topics.slice(0, 3);
  const { channel } = await setUpHackathon(slack, ORGANIZER, {
    answers: {
      name: 'Hack The Garden 11/2026',
      location: '[Schlosshof Freizeitheim, Schelklingen](https://www.schlosshof-info.de/)',
      websiteRepo: repo,
      websiteOrganizer: 'x-cellent',
      ...website,
    },
    topics: picked.map((topic) => topic.title),
  });
  const hackathonId = String((await harness.hackathonIn(channel))?.id);
  for (const [i, topic] of picked.entries()) {
    const n = i + 1;
    await slack.command(TEAM[i] as string, channel, `join #${n}`);
    await slack.command(ORGANIZER, channel, `link #${n} ${trackingUrl(topic)}`);
    await slack.command(ORGANIZER, channel, `status #${n} done`);
  }
  await harness.refresh();
  for (const [i, topic] of picked.entries())
    await saveOutcome(channel, hackathonId, i + 1, TEAM[i] as string, {
      emoji: topic.emoji ?? '',
      problem: sectionOf(topic, 'problem'),
      achievements: sectionOf(topic, 'achievements'),
      nextSteps: sectionOf(topic, 'nextSteps'),
      outcome: sectionOf(topic, 'outcome'),
    });
  return { channel, hackathonId };
}

async function saveOutcome(channel: string, hackathonId: string, n: number, user: string, fields: Json) {
  const card = (await harness.topicOf(hackathonId, n))?.card as { ts: string };
  await slack.click(user, channel, card.ts, 'topic_outcome', JSON.stringify({ h: hackathonId, n }));
  const { reply } = await slack.submit(user, slack.lastOpenedView(), fields);
  expect(JSON.stringify(reply), `outcome of #${n}`).toContain('Outcome saved');
}

/** Wraps up by command and runs the refresher until the wrap-up and the website's job are done. */
async function wrapUp(channel: string) {
  await slack.command(ORGANIZER, channel, 'wrapup');
  for (let i = 0; i < 3; i++) expect(await harness.refresh()).toEqual({ batchItemFailures: [] });
}

const uploadedPage = (from: number) =>
  harness.slack.calls
    .slice(from)
    .filter((c) => c.method === 'upload')
    .map((c) => c.body)
    .find((body) => body.startsWith('---'));
const directMessages = (user: string, from = 0) =>
  harness.slack.calls
    .slice(from)
    .filter((c) => c.method === 'chat.postMessage' && c.args.channel === user)
    .map((c) => String(c.args.text));

beforeAll(async () => {
  github = await startGitHubStandIn();
  ({ harness, slack } = await startIngressSuite('e2e-website', { github }));
});
afterEach(() => {
  expect(github.contractViolations).toEqual([]);
});
afterAll(async () => {
  if (harness) {
    expectWithinGrants(harness);
    expectNoSecretsLogged(harness);
  }
  await harness?.close();
  await github?.close();
});

describe('the wrap-up as a pull request on the website', () => {
  const repo = 'gardener/documentation';
  let channel: string;
  let hackathonId: string;
  let mainBefore: string;

  beforeAll(async () => {
    github.install(repo, { contents: 'write', pullRequests: 'write' });
    mainBefore = github.addFiles(repo, {
      [`${FOLDER}/_index.md`]: INDEX,
      [`${FOLDER}/2026-03.md`]: readFileSync(new URL('2026-03.md', FIXTURES), 'utf8'),
      'README.md': '# Gardener documentation\n',
    });
  });

  it('opens one pull request, one commit on the default branch: the page as posted in Slack, and the events row', async () => {
    ({ channel, hackathonId } = await hackathonWithOutcomes(repo));
    const from = harness.slack.calls.length;
    await wrapUp(channel);

    const pulls = github.pulls(repo);
    expect(pulls).toHaveLength(1);
    const pull = pulls[0] as Json & { head: Json; base: Json; number: number; html_url: string };
    expect(pull).toMatchObject({ state: 'open', title: 'Add the wrap-up of Hack The Garden 11/2026' });
    expect(pull.head).toMatchObject({ ref: 'htg/hackathon-2026-11' });
    expect(pull.base).toMatchObject({ ref: 'main' });

    // One commit on top of main, changing exactly the page and the landing page.
    const head = github.branch(repo, 'htg/hackathon-2026-11') as string;
    const commit = github.commit(repo, head);
    expect(commit?.parents).toEqual([mainBefore]);
    expect(commit?.changed.sort()).toEqual([`${FOLDER}/2026-11.md`, `${FOLDER}/_index.md`]);

    // The page is the file the wrap-up posted in its thread, byte for byte.
    const page = github.fileAt(repo, head, `${FOLDER}/2026-11.md`);
    expect(page).toBe(uploadedPage(from));
    expect(page).toContain('# Hack The Garden 11/2026 Wrap Up');
    for (const topic of SOFIA.topics.slice(0, 3)) {
      // Each heading without its issue, the issue on the Tracking line once (the community's review rule).
      expect(page).toContain(`> **Tracking:** ${topic.tracking}`);
      expect(page?.split(String(trackingUrl(topic))).length).toBe(2);
      expect(page).toContain(sectionOf(topic, 'achievements').split('\n')[0]);
    }
    // The events table gets the row first (newest first), padded like the rest; nothing else changes.
    const index = github.fileAt(repo, head, `${FOLDER}/_index.md`);
    expect(index).toBe(
      withEventRow(INDEX, {
        startDate: '2026-11-23',
        endDate: '2026-11-27',
        location: '[Schlosshof Freizeitheim, Schelklingen](https://www.schlosshof-info.de/)',
        organizer: 'x-cellent',
        page: '2026-11.md',
      })?.text,
    );
    expect(index?.split('\n').find((line) => line.includes('2026-11.md'))).toBe(
      '| 23.11.2026 – 27.11.2026 | [Schlosshof Freizeitheim, Schelklingen](https://www.schlosshof-info.de/)        | x-cellent | [Summary](./2026-11.md) |',
    );
    expect(github.fileAt(repo, 'main', `${FOLDER}/_index.md`)).toBe(INDEX);

    // The description lists the topics with their teams and links the channel.
    const body = String(pull.body);
    expect(body).toContain('| Topic | Team |');
    expect(body).toMatch(/\| .*Gardener-in-Docker.* \| U0ANNA \|/);
    expect(body).toContain(`https://slack.com/app_redirect?channel=${channel}`);

    // The link in the wrap-up thread and to the organizer, each once.
    const wrap = (await harness.hackathonIn(channel))?.wrapUp as { ts: string };
    const inThread = harness.slack.calls.filter(
      (c) =>
        c.method === 'chat.postMessage' &&
        c.args.thread_ts === wrap.ts &&
        String(c.args.text).includes(pull.html_url),
    );
    expect(inThread).toHaveLength(1);
    expect(directMessages(ORGANIZER, from).filter((text) => text.includes(pull.html_url))).toHaveLength(1);
    expect((await harness.hackathonIn(channel))?.websitePull).toMatchObject({
      number: pull.number,
      state: 'open',
      round: 0,
    });
  });

  it('changes nothing when asked again with nothing new: the same pull request, no commit, no message', async () => {
    const head = github.branch(repo, 'htg/hackathon-2026-11');
    const writes = github.requests.filter((r) => r.method !== 'GET').length;
    const from = harness.slack.calls.length;
    const { reply } = await slack.command(ORGANIZER, channel, 'publish');
    expect(String(reply?.text)).toContain(
      'Publishing the wrap-up of *Hack The Garden 11/2026* on gardener/documentation',
    );
    await harness.refresh();
    await harness.refresh();
    expect(github.pulls(repo)).toHaveLength(1);
    expect(github.branch(repo, 'htg/hackathon-2026-11')).toBe(head);
    expect(github.requests.filter((r) => r.method !== 'GET').length).toBe(writes);
    expect(harness.slack.calls.slice(from).filter((c) => c.method === 'chat.postMessage')).toEqual([]);
    // Only organizers publish.
    expect(String((await slack.command('U0ANNA', channel, 'publish')).reply?.text)).toContain(
      'Only the organizers of *Hack The Garden 11/2026* can publish its wrap-up on the website',
    );
  });

  it('takes an outcome saved after the wrap-up into the thread and the same pull request, still one commit', async () => {
    const wrap = (await harness.hackathonIn(channel))?.wrapUp as {
      ts: string;
      replies: Record<string, string>;
    };
    const from = harness.slack.calls.length;
    await saveOutcome(channel, hackathonId, 2, 'U0BOB', {
      achievements: 'Written up after the week: system pods stay on the control plane nodes.',
    });
    await harness.refresh();
    await harness.refresh();
    // The topic's reply in the thread is edited in place.
    const edited = harness.slack.calls
      .slice(from)
      .filter((c) => c.method === 'chat.update' && c.args.ts === wrap.replies['2']);
    expect(edited).toHaveLength(1);
    expect(String(edited[0]?.args.blocks)).toContain('Written up after the week');
    // The pull request follows: its branch is one new commit on main with the new text.
    expect(github.pulls(repo)).toHaveLength(1);
    const head = github.branch(repo, 'htg/hackathon-2026-11') as string;
    expect(github.commit(repo, head)?.parents).toEqual([mainBefore]);
    expect(github.fileAt(repo, head, `${FOLDER}/2026-11.md`)).toContain('Written up after the week');
  });

  it('puts outcomes saved after the pull request was merged into a follow-up pull request', async () => {
    const [first] = github.pulls(repo) as Array<{ number: number; html_url: string }>;
    github.mergePullRequest(repo, Number(first?.number));
    expect(github.fileAt(repo, 'main', `${FOLDER}/2026-11.md`)).toContain('Written up after the week');
    const from = harness.slack.calls.length;
    await saveOutcome(channel, hackathonId, 3, 'U0CARL', { nextSteps: 'Present it at the review meeting.' });
    await harness.refresh();
    await harness.refresh();

    const pulls = github.pulls(repo) as Array<Json & { number: number; head: Json; html_url: string }>;
    expect(pulls).toHaveLength(2);
    const followUp = pulls[1];
    expect(followUp).toMatchObject({
      state: 'open',
      title: 'Update the wrap-up of Hack The Garden 11/2026 (1)',
    });
    expect(followUp?.head).toMatchObject({ ref: 'htg/hackathon-2026-11-update-1' });
    const head = github.branch(repo, 'htg/hackathon-2026-11-update-1') as string;
    // Only the page: the events row is merged already.
    expect(github.commit(repo, head)?.changed).toEqual([`${FOLDER}/2026-11.md`]);
    expect(github.fileAt(repo, head, `${FOLDER}/2026-11.md`)).toContain('Present it at the review meeting.');
    const wrap = (await harness.hackathonIn(channel))?.wrapUp as { ts: string };
    expect(
      harness.slack.calls
        .slice(from)
        .filter((c) => c.method === 'chat.postMessage' && c.args.thread_ts === wrap.ts)
        .map((c) => String(c.args.text)),
    ).toEqual([expect.stringContaining(String(followUp?.html_url))]);
    expect((await harness.hackathonIn(channel))?.websitePull).toMatchObject({
      number: followUp?.number,
      round: 1,
      earlier: [{ number: first?.number, url: first?.html_url }],
    });
  });
});

describe('a pull request closed without being merged', () => {
  it('is left closed, the organizers told; /htg publish then opens a new one', async () => {
    const repo = 'closing-org/website';
    github.install(repo, { contents: 'write', pullRequests: 'write' });
    github.addFiles(repo, { [`${FOLDER}/_index.md`]: INDEX });
    const { channel, hackathonId } = await hackathonWithOutcomes(repo);
    await wrapUp(channel);
    const [first] = github.pulls(repo) as Array<{ number: number }>;
    github.editIssue(repo, Number(first?.number), { state: 'closed' });

    // A late outcome: htg does not reopen it, nor open another on its own, and says so once.
    const from = harness.slack.calls.length;
    await saveOutcome(channel, hackathonId, 1, 'U0ANNA', { nextSteps: 'Ask again in the spring.' });
    await harness.refresh();
    await harness.refresh();
    expect(github.pulls(repo)).toHaveLength(1);
    expect(
      directMessages(ORGANIZER, from).filter((text) => text.includes('closed without being merged')),
    ).toHaveLength(1);

    await slack.command(ORGANIZER, channel, 'publish');
    await harness.refresh();
    await harness.refresh();
    const pulls = github.pulls(repo) as Array<Json & { head: { ref: string } }>;
    expect(pulls).toHaveLength(2);
    expect(pulls[1]).toMatchObject({ state: 'open', title: 'Add the wrap-up of Hack The Garden 11/2026' });
    expect(pulls[1]?.head.ref).toBe('htg/hackathon-2026-11-update-1');
    expect(github.fileAt(repo, pulls[1]?.head.ref as string, `${FOLDER}/2026-11.md`)).toContain(
      'Ask again in the spring.',
    );
    expect((await harness.hackathonIn(channel))?.websiteProblem).toBeNull();
  });
});

describe('when htg may not push to the website', () => {
  it('pushes to a fork in the account given and opens the pull request from there; without one, tells the organizers how to fix it', async () => {
    const repo = 'gardener-fork-test/website';
    github.install(repo, { contents: 'read', pullRequests: 'write' });
    github.install('htg-bot', { contents: 'write', administration: 'write' });
    const main = github.addFiles(repo, { [`${FOLDER}/_index.md`]: INDEX });

    // Without a fork account: the wrap-up stays in Slack, and the organizer learns why and what to do.
    const first = await hackathonWithOutcomes(repo);
    const from = harness.slack.calls.length;
    await wrapUp(first.channel);
    expect(github.pulls(repo)).toEqual([]);
    expect(uploadedPage(from)).toContain('# Hack The Garden 11/2026 Wrap Up');
    const told = directMessages(ORGANIZER, from).filter((text) =>
      text.includes('could not go to the website'),
    );
    expect(told).toHaveLength(1);
    expect(told[0]).toContain('/htg publish <account>');
    expect((await harness.hackathonIn(first.channel))?.websiteProblem).toMatchObject({ failure: 'no-fork' });

    // The organizer names the fork account: the pull request comes from htg-bot's fork.
    const { reply } = await slack.command(ORGANIZER, first.channel, 'publish htg-bot');
    expect(String(reply?.text)).toContain('through a fork in htg-bot');
    await harness.refresh();
    await harness.refresh();
    const pulls = github.pulls(repo) as Array<Json & { head: { ref: string; repo: { full_name: string } } }>;
    expect(pulls).toHaveLength(1);
    expect(pulls[0]?.head.repo.full_name).toBe('htg-bot/website');
    expect(pulls[0]?.head.ref).toBe('htg/hackathon-2026-11');
    const head = github.branch('htg-bot/website', 'htg/hackathon-2026-11') as string;
    expect(github.commit('htg-bot/website', head)?.parents).toEqual([main]);
    // Nothing was pushed to the website repository itself.
    expect(github.branch(repo, 'htg/hackathon-2026-11')).toBeUndefined();
    expect((await harness.hackathonIn(first.channel))?.websiteProblem).toBeNull();
  });
});

describe('GitHub failing during the wrap-up', () => {
  it('never loses the wrap-up: the files are posted, the organizers told, the pull request opened once GitHub answers', async () => {
    const repo = 'outage-org/website';
    github.install(repo, { contents: 'write', pullRequests: 'write' });
    github.addFiles(repo, { [`${FOLDER}/_index.md`]: INDEX });
    const { channel, hackathonId } = await hackathonWithOutcomes(repo);
    const from = harness.slack.calls.length;
    // GitHub answers 503 to the first call and its two retries: the attempt fails as 'unavailable'.
    github.failNext(3, 503);
    await wrapUp(channel);
    expect(uploadedPage(from)).toContain('# Hack The Garden 11/2026 Wrap Up');
    expect(github.pulls(repo)).toEqual([]);
    expect(
      directMessages(ORGANIZER, from).filter((text) => text.includes('GitHub did not answer')),
    ).toHaveLength(1);
    expect((await harness.hackathonIn(channel))?.websiteProblem).toMatchObject({ failure: 'unavailable' });
    // The schedule that outlives the wrap-up retries, every six hours while late outcomes are taken.
    // (Beside the follow-ups, test/e2e/follow-ups.test.ts.)
    const slots = (harness.scheduler.schedules.get(hackathonId) ?? [])
      .filter((s) => !s.kind.startsWith('follow-up'))
      .map((s) => s.slot);
    expect(slots).toEqual([
      'website-sync-0317',
      'website-sync-0917',
      'website-sync-1517',
      'website-sync-2117',
    ]);
    for (const slot of ['website-sync-0917', 'website-sync-1517']) {
      const run = await harness.scheduled({
        hackathonId,
        kind: 'website-sync',
        slot,
        scheduledTime: new Date().toISOString(),
      });
      expect(run.result).toBe('done');
      await harness.refresh();
      await harness.refresh();
    }
    expect(github.pulls(repo)).toHaveLength(1);
    expect((await harness.hackathonIn(channel))?.websiteProblem).toBeNull();
  });
});
