import { readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type GitHubStandIn, startGitHubStandIn } from '../../functions/local/dev/github-stand-in.js';
import type { SlackSim } from '../../functions/local/dev/slack-sim.js';
import type { FunctionUrlResponse } from '../../functions/slack/ingress-handler.js';
import { setUpHackathon } from '../helpers/hackathon-setup.js';
import {
  expectNoSecretsLogged,
  expectWithinGrants,
  type IngressHarness,
  startIngressSuite,
} from '../helpers/ingress-harness.js';

/**
 * A hackathon linked to a GitHub repository, end to end: signed Slack requests and signed GitHub webhooks to the
 * real ingress, DynamoDB Local, the refresher, and the GitHub stand-in checking every call against GitHub's
 * OpenAPI description.
 */
let harness: IngressHarness;
let slack: SlackSim;
let github: GitHubStandIn;
let deliver: (delivery: { headers: Record<string, string>; body: string }) => Promise<FunctionUrlResponse>;

const ORGANIZER = 'U0ORGANIZE';
const ALICE = 'U0ALICE00';
const LABEL = 'Q4/2026';
const TEMPLATES = new URL(
  '../fixtures/hackathons/gardener-hackathon-repo/.github/ISSUE_TEMPLATE/',
  import.meta.url,
);
const template = (name: string) =>
  readFileSync(new URL(name, TEMPLATES), 'utf8').replace(/^---\n[\s\S]*?\n---\n/, '');

/** An issue as a proposer writes it from the Markdown topic template (its real text, TODOs filled in). */
function markdownTopic(area: string, size: 'small' | 'medium' | 'large', about: string): string {
  return template('hackathon-topic.md')
    .replace('/area TODO', `/area ${area}`)
    .replace('/kind TODO', '/kind enhancement')
    .replace('/label teamsize/TODO', `/label teamsize/${size}`)
    .replace('**What is the topic about?**:', `**What is the topic about?**: ${about}`);
}

/** An issue as the discussion template leaves it. */
function markdownDiscussion(about: string): string {
  return template('hackathon-discussion.md').replace(
    /\*\*What is the discussion about\?\*\*:?/,
    (q) => `${q} ${about}`,
  );
}

/** An issue as GitHub renders the issue form (hackathon-topic.yml): a heading per field. */
function formTopic(description: string, difficulty: string, teamSize: string): string {
  return [
    '### Description',
    '',
    description,
    '',
    '### Estimated Difficulty',
    '',
    difficulty,
    '',
    '### Ideal Team Size',
    '',
    teamSize,
    '',
    '### Resources & References',
    '',
    '_No response_',
  ].join('\n');
}

/** The ts of a topic's card (as stored). */
const cardTs = (topic: Record<string, unknown> | undefined) =>
  String((topic?.card as { ts?: string } | undefined)?.ts);

const topicsOf = async (hackathonId: string) =>
  (await harness.entities('topic'))
    .filter((t) => t.hackathonId === hackathonId)
    .sort((a, b) => Number(a.number) - Number(b.number));

/** Sets up a hackathon linked to `repo` (the App installed there), and runs the refresher: the import. */
async function linkedHackathon(repo: string) {
  const { channel } = await setUpHackathon(slack, ORGANIZER, {
    answers: {
      githubRepo: repo,
      githubLabel: LABEL,
      // Ahead of today: its schedules (the GitHub sync among them) are kept.
      startDate: '2027-05-03',
      endDate: '2027-05-07',
      categories: 'Networking\nSecurity\nControl Plane\nOther',
    },
  });
  await harness.refresh();
  await harness.refresh();
  const hackathonId = String((await harness.hackathonIn(channel))?.id);
  return { channel, hackathonId };
}

beforeAll(async () => {
  github = await startGitHubStandIn();
  ({ harness, slack, deliver } = await startIngressSuite('e2e-github', { github }));
});
afterEach(() => {
  expect(github.contractViolations).toEqual([]);
});
afterAll(async () => {
  // The GitHub work (webhooks in the ingress, the sync in the refresher) stays within the Lambdas' grants.
  if (harness) expectWithinGrants(harness);
  await harness?.close();
  await github?.close();
});

describe('linking a repository', () => {
  it('imports every open issue with the event label from both templates, once, and the cards cite them', async () => {
    const repo = 'gardener-community/hackathon';
    github.install(repo);
    for (let i = 1; i <= 12; i++)
      github.addIssue(repo, {
        title: `Markdown topic ${i}`,
        body: markdownTopic(
          i === 5 || i === 7 ? 'ipv6' : i % 2 ? 'networking' : 'security',
          'medium',
          `What topic ${i} is about.`,
        ),
        labels: [LABEL, 'lifecycle/frozen', ...(i === 3 ? ['fast-track'] : [])],
        author: i === 1 ? 'alice' : 'somebody',
      });
    for (let i = 1; i <= 5; i++)
      github.addIssue(repo, {
        title: `Discussion ${i}`,
        body: markdownDiscussion(`Discuss ${i}.`),
        labels: [LABEL, 'kind/discussion'],
      });
    for (let i = 1; i <= 8; i++)
      github.addIssue(repo, {
        title: `Form topic ${i}`,
        body: formTopic(`Form description ${i}.`, 'Medium', '2-4'),
        labels: [LABEL],
      });
    // Not topics: pull requests, issues of another event, closed issues.
    github.addIssue(repo, { title: 'A PR', labels: [LABEL], pullRequest: {} });
    github.addIssue(repo, {
      title: 'Last event',
      body: markdownTopic('cost', 'small', 'Old.'),
      labels: ['Q2/2026'],
    });
    github.addIssue(repo, { title: 'Closed', labels: [LABEL], state: 'closed', stateReason: 'not_planned' });

    const { channel, hackathonId } = await linkedHackathon(repo);
    const topics = await topicsOf(hackathonId);
    expect(topics).toHaveLength(25);
    expect(topics.filter((t) => t.kind === 'discussion')).toHaveLength(5);
    const first = topics.find((t) => t.title === 'Markdown topic 1');
    expect(first).toMatchObject({
      category: 'Networking',
      teamSize: 'medium',
      description: 'What topic 1 is about.',
      issue: { repo, number: 1, url: `https://github.com/${repo}/issues/1` },
      proposedOnGitHubBy: 'alice',
      proposerId: ORGANIZER,
    });
    expect(topics.find((t) => t.title === 'Markdown topic 3')?.fastTrack).toBe(true);
    expect(topics.find((t) => t.title === 'Form topic 1')).toMatchObject({
      difficulty: 'Medium',
      teamSize: 'medium',
    });

    // Every topic's card is in the channel, citing its issue.
    const cards = harness.slack
      .cardCallsTo('chat.postMessage')
      .filter((c) => c.args.channel === channel && String(c.args.blocks ?? '').includes('proposed by'));
    expect(cards).toHaveLength(25);
    // Cards are posted side by side: find #1's (the oldest issue is the first topic).
    const firstCard = String(
      cards.find((c) => String(c.args.blocks).includes('*#1 Markdown topic 1*'))?.args.blocks,
    );
    expect(firstCard).toContain(`<https://github.com/${repo}/issues/1|hackathon#1>`);
    expect(firstCard).toContain('proposed by <https://github.com/alice|@alice> on GitHub');

    // The organizer is told what came in, and which areas are no category (those topics are in Other).
    const dms = () =>
      harness.slack
        .callsTo('chat.postMessage')
        .filter((c) => c.args.channel === ORGANIZER && String(c.args.text).startsWith('Synced'))
        .map((c) => String(c.args.text));
    expect(dms()).toHaveLength(1);
    expect(dms()[0]).toContain(`with ${repo}: 25 new topics from issues (#1, #2,`);
    expect(dms()[0]).toContain('so their topics are in *Other*');
    expect(dms()[0]).toContain(
      `• \`ipv6\`: <https://github.com/${repo}/issues/5|hackathon#5>, <https://github.com/${repo}/issues/7|hackathon#7>`,
    );
    expect(topics.find((t) => t.title === 'Markdown topic 5')?.category).toBe('Other');

    // Syncing again (as /htg sync does) adds nothing and writes nothing to GitHub.
    const writes = github.requests.filter((r) => r.method !== 'GET').length;
    const { reply } = await slack.command(ORGANIZER, channel, 'sync');
    expect(String(reply?.text)).toContain(`Syncing *Hack The Garden 11/2026* with ${repo}`);
    await harness.refresh();
    expect(await topicsOf(hackathonId)).toHaveLength(25);
    expect(github.requests.filter((r) => r.method !== 'GET').length).toBe(writes);
    expect(dms()).toHaveLength(2);
    expect(dms()[1]).toContain('0 new topics from issues, 0 topics brought in line');
    expectNoSecretsLogged(harness);
    expect(harness.logLines.join('\n')).not.toContain(github.app.privateKey.split('\n')[1]);
  });
});

describe('a hackathon linked to GitHub', () => {
  const repo = 'community/hack-week';
  let channel: string;
  let hackathonId: string;
  beforeAll(async () => {
    github.install(repo);
    github.addIssue(repo, {
      title: 'From GitHub',
      body: markdownTopic('networking', 'small', 'Seeded.'),
      labels: [LABEL],
    });
    ({ channel, hackathonId } = await linkedHackathon(repo));
  });

  it('opens the issue of a topic proposed in Slack, once, with the template, the labels and the card’s link', async () => {
    await slack.command(ALICE, channel, 'propose');
    await slack.submit(ALICE, slack.lastOpenedView(), {
      title: 'Proposed in Slack',
      category: 'Security',
      teamSize: 'large',
      description: 'Harden the seed.',
    });
    await harness.refresh();
    await harness.refresh();
    const topic = (await topicsOf(hackathonId)).find((t) => t.title === 'Proposed in Slack');
    const issueNumber = (topic?.issue as { number: number } | undefined)?.number;
    expect(issueNumber).toBe(2);
    const issue = github.issue(repo, 2) as unknown as {
      title: string;
      body: string;
      labels: Array<{ name: string }>;
    };
    expect(issue.title).toBe('Proposed in Slack');
    expect(issue.body).toContain(`<!-- htg:topic ${hackathonId}/${topic?.number} -->`);
    expect(issue.body).toContain('/area security');
    expect(issue.body).toMatch(/_Proposed by .+ \[in Slack\]\(https:\/\/.+\)\._/);
    expect(issue.labels.map((l) => l.name).sort()).toEqual([LABEL, 'teamsize/large'].sort());
    // The card cites the issue.
    await harness.refresh();
    const card = harness.slack
      .cardCallsTo('chat.update')
      .filter((c) => c.args.ts === cardTs(topic))
      .at(-1);
    expect(String(card?.args.blocks)).toContain(`|hack-week#2>`);

    // Refreshing again opens no second issue.
    await harness.refresh();
    expect(github.issues(repo)).toHaveLength(2);
  });

  it('carries an edit in Slack to the issue, and an edit on GitHub to the topic, neither echoing back', async () => {
    const topic = (await topicsOf(hackathonId)).find((t) => t.title === 'Proposed in Slack');
    const value = JSON.stringify({ h: hackathonId, n: topic?.number });
    await slack.click(ALICE, channel, cardTs(topic), 'topic_edit', value);
    await slack.submit(ALICE, slack.lastOpenedView(), { title: 'Edited in Slack' });
    await harness.refresh();
    expect((github.issue(repo, 2) as { title: string }).title).toBe('Edited in Slack');
    const patches = () => github.requests.filter((r) => r.method === 'PATCH').length;
    const before = patches();

    github.editIssue(repo, 1, { title: 'Edited on GitHub' });
    const delivery = github.delivery('issues', 'edited', repo, 1, {
      changes: { title: { from: 'From GitHub' } },
    });
    expect((await deliver(delivery)).statusCode).toBe(202);
    await harness.refresh();
    await harness.refresh();
    const fromGitHub = (await topicsOf(hackathonId)).find(
      (t) => (t.issue as { number: number } | null)?.number === 1,
    );
    expect(fromGitHub?.title).toBe('Edited on GitHub');
    const card = harness.slack
      .cardCallsTo('chat.update')
      .filter((c) => c.args.ts === cardTs(fromGitHub))
      .at(-1);
    expect(String(card?.args.blocks)).toContain('Edited on GitHub');
    expect(patches()).toBe(before);
  });

  it('follows issues opened, closed and reopened on GitHub; a missed delivery is repaired by the sync', async () => {
    const opened = github.addIssue(repo, {
      title: 'Opened later',
      body: formTopic('Late.', 'Easy (good for newcomers)', '1'),
      labels: [LABEL],
    }) as { number: number };
    expect((await deliver(github.delivery('issues', 'opened', repo, opened.number))).statusCode).toBe(202);
    await harness.refresh();
    const late = (await topicsOf(hackathonId)).find((t) => t.title === 'Opened later');
    expect(late).toMatchObject({ teamSize: 'small', status: 'proposed' });

    github.editIssue(repo, opened.number, { state: 'closed', stateReason: 'not_planned' });
    await deliver(github.delivery('issues', 'closed', repo, opened.number));
    await harness.refresh();
    expect((await harness.topicOf(hackathonId, Number(late?.number)))?.status).toBe('withdrawn');
    // Withdrawn because GitHub closed it: the issue is not written to.
    expect(
      github.requests.filter((r) => r.method === 'PATCH' && r.path.endsWith(`/issues/${opened.number}`)),
    ).toEqual([]);

    // Reopened on GitHub while htg missed the delivery: the scheduled sync (every six hours) repairs it.
    github.editIssue(repo, opened.number, { state: 'open', stateReason: null });
    const slots = (harness.scheduler.schedules.get(hackathonId) ?? []).filter(
      (s) => s.kind === 'github-sync',
    );
    expect(slots.map((s) => s.slot)).toEqual([
      'github-sync-0317',
      'github-sync-0917',
      'github-sync-1517',
      'github-sync-2117',
    ]);
    const run = await harness.scheduled({
      hackathonId,
      kind: 'github-sync',
      slot: 'github-sync-0917',
      scheduledTime: new Date().toISOString(),
    });
    expect(run.result).toBe('done');
    await harness.refresh();
    expect((await harness.topicOf(hackathonId, Number(late?.number)))?.status).toBe('proposed');
  });

  it('closes the issue as not planned when its topic is withdrawn in Slack', async () => {
    const topic = (await topicsOf(hackathonId)).find((t) => t.title === 'Edited in Slack');
    const value = JSON.stringify({ h: hackathonId, n: topic?.number });
    await slack.click(ALICE, channel, cardTs(topic), 'topic_withdraw', value);
    await harness.refresh();
    expect(github.issue(repo, 2)).toMatchObject({ state: 'closed', state_reason: 'not_planned' });
  });

  it('repairs a label taken off and an issue deleted while their deliveries were missed', async () => {
    const body = markdownTopic('networking', 'small', 'Short-lived.');
    const unlabelled = github.addIssue(repo, { title: 'Soon unlabelled', body, labels: [LABEL] }) as {
      number: number;
    };
    const deleted = github.addIssue(repo, { title: 'Soon deleted', body, labels: [LABEL] }) as {
      number: number;
    };
    const sync = async () => {
      await slack.command(ORGANIZER, channel, 'sync');
      await harness.refresh();
      await harness.refresh();
    };
    const byIssue = async (number: number) =>
      (await topicsOf(hackathonId)).find((t) => (t.issue as { number: number } | null)?.number === number);
    await sync();
    expect((await byIssue(unlabelled.number))?.status).toBe('proposed');
    const doomed = await byIssue(deleted.number);
    expect(doomed?.status).toBe('proposed');

    // On GitHub, with no delivery reaching htg: the label comes off one, the other is deleted.
    github.editIssue(repo, unlabelled.number, { labels: [] });
    github.deleteIssue(repo, deleted.number);
    await sync();
    expect((await byIssue(unlabelled.number))?.status).toBe('withdrawn');
    // The issue itself is left alone: it is only no topic of this event any more.
    expect(github.issue(repo, unlabelled.number)).toMatchObject({ state: 'open' });
    expect(await harness.topicOf(hackathonId, Number(doomed?.number))).toMatchObject({
      status: 'withdrawn',
      issue: null,
    });
  });

  it('refuses forged, replayed and malformed deliveries, writing nothing', async () => {
    const jobs = async () => (await harness.entities('job')).length;
    const deliveries = async () => (await harness.entities('webhookDelivery')).length;
    const [jobsBefore, deliveriesBefore] = [await jobs(), await deliveries()];

    const genuine = github.delivery('issues', 'edited', repo, 1);
    const forged = {
      ...genuine,
      headers: { ...genuine.headers, 'x-hub-signature-256': `sha256=${'0'.repeat(64)}` },
    };
    expect((await deliver(forged)).statusCode).toBe(401);
    const tampered = { ...genuine, body: genuine.body.replace('"edited"', '"deleted"') };
    expect((await deliver(tampered)).statusCode).toBe(401);
    const unsigned = { ...genuine, headers: { ...genuine.headers } };
    delete unsigned.headers['x-hub-signature-256'];
    expect((await deliver(unsigned)).statusCode).toBe(401);
    expect([await jobs(), await deliveries()]).toEqual([jobsBefore, deliveriesBefore]);

    expect((await deliver(genuine)).statusCode).toBe(202);
    expect((await deliver(genuine)).statusCode).toBe(401);
    expect([await jobs(), await deliveries()]).toEqual([jobsBefore + 1, deliveriesBefore + 1]);

    // Signed, but not an issues payload.
    const { sign } = await import('@octokit/webhooks-methods');
    const body = JSON.stringify({ action: 'edited', issue: { title: 3 } });
    const malformed = {
      body,
      headers: {
        ...genuine.headers,
        'x-github-delivery': '11111111-2222-4333-8444-555555555555',
        'x-hub-signature-256': await sign(github.app.webhookSecret, body),
      },
    };
    expect((await deliver(malformed)).statusCode).toBe(400);
    expect([await jobs(), await deliveries()]).toEqual([jobsBefore + 1, deliveriesBefore + 1]);
  });

  it('saves a proposal and posts its card while GitHub is down; the next sync opens its issue once', async () => {
    // GitHub answers 503 to the issue's creation and to both of its retries.
    github.failNext(3, 503, 'issues/create');
    await slack.command(ALICE, channel, 'propose');
    await slack.submit(ALICE, slack.lastOpenedView(), {
      title: 'While GitHub is down',
      category: 'Networking',
    });
    const batch = await harness.refresh();
    expect(batch.batchItemFailures).toEqual([]);
    const topic = (await topicsOf(hackathonId)).find((t) => t.title === 'While GitHub is down');
    expect(topic?.card).toBeTruthy();
    expect(topic?.issue ?? null).toBeNull();
    expect(github.issues(repo).filter((i) => i.title === 'While GitHub is down')).toHaveLength(0);

    await slack.command(ORGANIZER, channel, 'sync');
    await harness.refresh();
    await harness.refresh();
    const synced = await harness.topicOf(hackathonId, Number(topic?.number));
    expect((synced?.issue as { number: number } | null)?.number).toBeGreaterThan(0);
    expect(github.issues(repo).filter((i) => i.title === 'While GitHub is down')).toHaveLength(1);
  });

  it('tells the proposer when the App is not installed on the repository', async () => {
    const { channel: other } = await setUpHackathon(slack, ORGANIZER, {
      answers: { githubRepo: 'elsewhere/not-installed', githubLabel: LABEL },
    });
    await harness.refresh();
    await slack.command(ALICE, other, 'propose');
    await slack.submit(ALICE, slack.lastOpenedView(), { title: 'Nowhere to go', category: 'Core' });
    await harness.refresh();
    await harness.refresh();
    const dm = harness.slack
      .callsTo('chat.postMessage')
      .filter((c) => String(c.args.text).includes('could not open its GitHub issue'));
    expect(dm).toHaveLength(1);
    expect(dm[0]?.args.channel).toBe(ALICE);
    expect(String(dm[0]?.args.text)).toContain(
      'the htg GitHub App is not installed on elsewhere/not-installed',
    );
  });
});

describe('teams and pull requests on GitHub', () => {
  const repo = 'community/team-week';
  const [ANNA, BOB, CARL, DORA] = ['U0ANNA', 'U0BOB', 'U0CARL', 'U0DORA'];
  let channel: string;
  let hackathonId: string;
  const issueOf = (number: number) =>
    github.issue(repo, number) as unknown as { assignees: Array<{ login: string }> };
  const teamComments = (number: number) =>
    github
      .comments(repo, number)
      .filter((c) => String(c.body).includes(`<!-- htg:team ${hackathonId}/`))
      .map((c) => String(c.body));
  const cardOf = async (number: number) => {
    const topic = await harness.topicOf(hackathonId, number);
    return String(
      harness.slack
        .cardCallsTo('chat.update')
        .filter((c) => c.args.ts === cardTs(topic))
        .at(-1)?.args.blocks,
    );
  };

  beforeAll(async () => {
    github.install(repo);
    github.addCollaborator(repo, 'anna-gh');
    github.addCollaborator(repo, 'bob-gh');
    for (const title of ['Gardener on IPv6', 'Shoot flavors'])
      github.addIssue(repo, { title, body: markdownTopic('networking', 'large', title), labels: [LABEL] });
    ({ channel, hackathonId } = await linkedHackathon(repo));
    expect((await topicsOf(hackathonId)).map((t) => t.title)).toEqual(['Gardener on IPv6', 'Shoot flavors']);

    // Anna's login is on the attendee list, Bob gives his himself; Carl's is one GitHub will not assign (no
    // access to the repository); Dora has none.
    await slack.command(ORGANIZER, channel, 'attendees');
    await slack.submit(ORGANIZER, slack.lastOpenedView(), {
      attendees: {
        type: 'rich_text',
        elements: [
          {
            type: 'rich_text_section',
            elements: [
              { type: 'user', user_id: ANNA },
              { type: 'text', text: ' SAP github:anna-gh\n' },
              { type: 'user', user_id: BOB },
              { type: 'text', text: ' SAP\n' },
              { type: 'user', user_id: CARL },
              { type: 'text', text: ' STACKIT github:carl-gh\n' },
              { type: 'user', user_id: DORA },
              { type: 'text', text: ' STACKIT\n' },
            ],
          },
        ],
      },
    });
    const login = async (user: string, text: string) =>
      String((await slack.command(user, channel, `github ${text}`)).reply?.text);
    expect(await login(BOB, '@bob-gh')).toContain('Your GitHub login in htg is now *@bob-gh*');
    expect(await login(BOB, '')).toContain('Your GitHub login in htg is *@bob-gh*');
    expect(await login(DORA, 'BOB-GH')).toContain(`@BOB-GH is already <@${BOB}>'s GitHub login in htg`);
    expect(await login(DORA, 'not--a-login')).toContain('"not--a-login" is not a GitHub login');
    expect(await login(DORA, '')).toContain('htg knows no GitHub login of yours');
    for (const user of [ANNA, BOB, CARL, DORA]) {
      await slack.command(user, channel, 'vote');
      await slack.submit(user, slack.lastOpenedView(), { vote__0: ['1'], interest__0: ['1'] });
    }
    await harness.refresh();
  });

  it('publishing teams assigns the logins and leaves one results comment per issue; changes follow', async () => {
    // Nothing reaches GitHub before teams are published: no assignee, no comment.
    expect(issueOf(1).assignees).toEqual([]);
    harness.slack.respond('reactions.get', (args) => ({
      ok: true,
      type: 'message',
      message: { ts: args.timestamp, reactions: [] },
    }));
    await slack.command(ORGANIZER, channel, 'close-voting');
    await harness.refresh();
    expect(teamComments(1)).toEqual([]);
    await slack.command(ORGANIZER, channel, 'teams');
    const { reply } = await slack.submit(ORGANIZER, slack.lastOpenedView(), {});
    expect(JSON.stringify(reply)).toContain('1 team with 4 people');
    await harness.refresh();
    await harness.refresh();

    // Anna and Bob are assigned; Carl's login was sent but GitHub dropped it; Dora is listed by name.
    expect(
      issueOf(1)
        .assignees.map((a) => a.login)
        .sort(),
    ).toEqual(['anna-gh', 'bob-gh']);
    const [comment, ...more] = teamComments(1);
    expect(more).toEqual([]);
    expect(comment).toContain('| Rank | Topic | Votes | Team |');
    expect(comment).toMatch(
      /\| 1 \| \[#1 - Gardener on IPv6\]\(https:\/\/github\.com\/community\/team-week\/issues\/1\) \| 4 \| @anna-gh, @bob-gh, @carl-gh, [^@|]+ \|/,
    );
    expect(comment).toContain('**Status:** 🚧 In progress');
    expect(comment).toMatch(/- [^@\n]+: no GitHub login known to htg/);
    expect(comment).toContain('- @carl-gh: GitHub assigns only people with access to this repository');
    // The topic without a team says so, and nobody is assigned to it.
    expect(teamComments(2)).toEqual([expect.stringContaining('| 2 | [#2 - Shoot flavors]')]);
    expect(teamComments(2)[0]).toContain('**Status:** 🙅 Not picked');
    expect(issueOf(2).assignees).toEqual([]);

    // Anna leaves: she is unassigned and the same comment is edited (never a second one).
    await slack.command(ANNA, channel, 'leave #1');
    await harness.refresh();
    await harness.refresh();
    expect(issueOf(1).assignees.map((a) => a.login)).toEqual(['bob-gh']);
    expect(teamComments(1)).toHaveLength(1);
    expect(teamComments(1)[0]).not.toContain('@anna-gh');

    // A status change follows too; running the refresher again writes nothing more.
    await slack.command(ORGANIZER, channel, 'status #1 done');
    await harness.refresh();
    await harness.refresh();
    expect(teamComments(1)[0]).toContain('**Status:** ✅ Done');
    const writes = github.requests.filter((r) => r.method !== 'GET').length;
    await harness.refresh();
    expect(github.requests.filter((r) => r.method !== 'GET').length).toBe(writes);
  });

  it('lists pull requests that refer to an issue on its card, with their state as it moves', async () => {
    // A pull request in the same repository says "Fixes #1": its delivery lists it on the topic.
    const pull = github.addIssue(repo, {
      title: 'Dual-stack shoots',
      body: 'Implements the topic.\n\nFixes #1',
      pullRequest: {},
    }) as { number: number; html_url: string };
    expect((await deliver(github.delivery('pull_request', 'opened', repo, pull.number))).statusCode).toBe(
      202,
    );
    await harness.refresh();
    await harness.refresh();
    expect((await harness.topicOf(hackathonId, 1))?.pullRequests).toEqual([
      { repo, number: pull.number, title: 'Dual-stack shoots', url: pull.html_url, state: 'open' },
    ]);
    expect(await cardOf(1)).toContain(
      `🟢 <${pull.html_url}|${repo}#${pull.number}> Dual-stack shoots _open_`,
    );

    github.mergePullRequest(repo, pull.number);
    await deliver(github.delivery('pull_request', 'closed', repo, pull.number));
    await harness.refresh();
    await harness.refresh();
    expect(await cardOf(1)).toContain(
      `🟣 <${pull.html_url}|${repo}#${pull.number}> Dual-stack shoots _merged_`,
    );

    // One in another repository, mentioned only on the issue's timeline (no webhook from there): the sync finds it.
    github.install('gardener/gardener');
    const elsewhere = github.addIssue('gardener/gardener', {
      title: 'IPv6 for the seed',
      body: 'Part of community/team-week#1',
      pullRequest: { merged: true },
    }) as { number: number; html_url: string };
    github.crossReference(repo, 1, elsewhere.number, 'gardener/gardener');
    await slack.command(ORGANIZER, channel, 'sync');
    await harness.refresh();
    await harness.refresh();
    const pulls = (await harness.topicOf(hackathonId, 1))?.pullRequests as Array<{
      url: string;
      state: string;
    }>;
    expect(pulls.map((p) => [p.url, p.state])).toEqual([
      [pull.html_url, 'merged'],
      [elsewhere.html_url, 'merged'],
    ]);
    expect(await cardOf(1)).toContain(`|gardener/gardener#${elsewhere.number}>`);

    // A delivery about a pull request that names no linked issue records nothing but itself.
    const unrelated = github.addIssue(repo, { title: 'Typo', body: 'No issue.', pullRequest: {} }) as {
      number: number;
    };
    const jobs = (await harness.entities('job')).length;
    expect(
      (await deliver(github.delivery('pull_request', 'opened', repo, unrelated.number))).statusCode,
    ).toBe(202);
    expect((await harness.entities('job')).length).toBe(jobs);
  });
});
