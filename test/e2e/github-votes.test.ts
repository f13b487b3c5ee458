import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type GitHubStandIn, startGitHubStandIn } from '../../functions/local/dev/github-stand-in.js';
import { TEST_BOT_USER_ID } from '../../functions/local/dev/signed-request.js';
import type { SlackSim } from '../../functions/local/dev/slack-sim.js';
import type { RecordedCall } from '../../functions/local/dev/slack-stand-in.js';
import { lastCardMessage, setUpHackathon } from '../helpers/hackathon-setup.js';
import {
  expectNoSecretsLogged,
  expectWithinGrants,
  type IngressHarness,
  startIngressSuite,
} from '../helpers/ingress-harness.js';

/**
 * Votes from both places, end to end (signed Slack requests, DynamoDB Local, the refresher, the GitHub stand-in
 * answering GraphQL by GitHub's own schema): the voting discussion opened from Slack with a comment per topic,
 * 👍 and 🚀 there counted with Slack's reactions (one person once per topic and kind, one budget), read past
 * 100 comments and 100 reactions, hand edits reported, and a recount at the close that waits for GitHub rather
 * than closing on half the votes.
 */
let harness: IngressHarness;
let slack: SlackSim;
let github: GitHubStandIn;
const ORGANIZER = 'U0ORGANIZE';
const ALICE = 'U0ALICE00';
const LABEL = 'Q4/2026';
const REPO = 'gardener-community/voting';
let clock = 1_795_000_000;
const nextTs = () => `${++clock}.000100`;

beforeAll(async () => {
  github = await startGitHubStandIn();
  // Hundreds of GraphQL calls: not spaced a second apart as in production (github.test.ts keeps that pacing).
  ({ harness, slack } = await startIngressSuite('e2e-github-votes', { github, githubThrottle: false }));
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

const shown = (call: RecordedCall | undefined) => `${String(call?.args.text)}\n${String(call?.args.blocks)}`;
const dmsTo = (user: string, from = 0) =>
  harness.slack.calls
    .slice(from)
    .filter(
      (c) =>
        c.method === 'chat.postMessage' &&
        (c.args.channel === user || c.args.channel === `D${user.slice(1)}`),
    )
    .map((c) => String(c.args.text));

describe('a vote in Slack and in the GitHub discussion', () => {
  it('counts 120 topics from both venues, each person once, within one budget, and waits for GitHub at the close', async () => {
    github.install(REPO, { discussions: 'write' });
    github.discussions.enable(REPO);
    for (let i = 1; i <= 120; i++)
      github.addIssue(REPO, { title: `Topic ${i}`, body: `What topic ${i} is about.`, labels: [LABEL] });
    const { channel } = await setUpHackathon(slack, ORGANIZER, {
      answers: {
        githubRepo: REPO,
        githubLabel: LABEL,
        votesPerPerson: '3',
        startDate: '2027-05-03',
        endDate: '2027-05-07',
      },
    });
    await harness.refresh();
    await harness.refresh();
    const hackathonId = String((await harness.hackathonIn(channel))?.id);
    const topics = (await harness.entities('topic')).filter((t) => t.hackathonId === hackathonId);
    expect(topics).toHaveLength(120);
    const byNumber = (n: number) => topics.find((t) => t.number === n) as Record<string, unknown>;
    const issueOf = (n: number) => (byNumber(n).issue as { number: number }).number;

    // The organizer opens the discussion from Slack: one comment per topic, with the community's marker.
    const before = harness.slack.calls.length;
    const { reply } = await slack.command(ORGANIZER, channel, 'discussion');
    expect(String(reply?.text)).toContain(`Opening the voting discussion in ${REPO}`);
    expect(await harness.refresh()).toEqual({ batchItemFailures: [] });
    // Issues and discussions share a repository's numbers: the discussion is #121.
    const stored = (await harness.hackathonIn(channel))?.votingDiscussion as { number: number } | undefined;
    const number = Number(stored?.number);
    expect(number).toBe(121);
    const discussion = github.discussions.get(REPO, number);
    expect(discussion?.category).toBe('General');
    expect(discussion?.comments).toHaveLength(120);
    expect(discussion?.comments[0]?.body).toBe(
      `<!-- hackathon-topic-vote:${issueOf(1)} -->\n\n## [#${issueOf(1)} - Topic 1](https://github.com/${REPO}/issues/${issueOf(1)})`,
    );
    expect(dmsTo(ORGANIZER, before).at(-1)).toContain('120 topic comments added');
    // Asked again (a retry, a second click): the same discussion, no comment twice.
    await slack.command(ORGANIZER, channel, 'discussion');
    expect(await harness.refresh()).toEqual({ batchItemFailures: [] });
    expect(github.discussions.get(REPO, 122)).toBeUndefined();
    expect(github.discussions.get(REPO, number)?.comments).toHaveLength(120);
    expect(dmsTo(ORGANIZER).at(-1)).toContain('every topic had its comment already');

    // Alice is known on GitHub as alice-gh; Carol is known only there.
    await slack.command(ALICE, channel, 'github alice-gh');
    const commentOf = (n: number) => {
      const found = github.discussions
        .get(REPO, number)
        ?.comments.find((c) => c.body.includes(`hackathon-topic-vote:${issueOf(n)} `));
      return found?.id as string;
    };
    // Alice votes for #1 in both venues, #2 in Slack, #119 and #120 on GitHub: her budget is 3.
    for (const n of [1, 2]) {
      const card = byNumber(n).card as { channelId: string; ts: string };
      await slack.react(ALICE, {
        channel: card.channelId,
        ts: card.ts,
        itemUser: TEST_BOT_USER_ID,
        reaction: 'arrow_up',
        added: true,
        eventTs: nextTs(),
      });
    }
    for (const n of [1, 119, 120]) github.discussions.react(commentOf(n), 'THUMBS_UP', 'alice-gh');
    github.discussions.react(commentOf(2), 'THUMBS_UP', 'carol-gh');
    // 150 people would work on #5: more than one page of reactions. #3 gets upvotes (not counted).
    for (let i = 1; i <= 150; i++) github.discussions.react(commentOf(5), 'ROCKET', `hacker-${i}`);
    for (let i = 1; i <= 4; i++) github.discussions.upvote(commentOf(3), `fan-${i}`);

    await slack.command(ORGANIZER, channel, 'sync');
    expect(await harness.refresh()).toEqual({ batchItemFailures: [] });
    const counts = async (n: number) => {
      const topic = await harness.topicOf(hackathonId, n);
      return { votes: topic?.voteCount, interest: topic?.interestCount };
    };
    expect(await counts(1)).toEqual({ votes: 1, interest: 0 });
    expect(await counts(2)).toEqual({ votes: 2, interest: 0 });
    expect(await counts(5)).toEqual({ votes: 0, interest: 150 });
    expect(await counts(3)).toEqual({ votes: 0, interest: 0 });
    // #1 and #2 in Slack, then #119 on GitHub: #120 is over her budget.
    expect(await counts(119)).toEqual({ votes: 1, interest: 0 });
    expect(await counts(120)).toEqual({ votes: 0, interest: 0 });
    const aliceVotes = (await harness.entities('vote')).filter(
      (v) => v.hackathonId === hackathonId && v.userId === ALICE && v.kind === 'vote' && v.state === 'active',
    );
    expect(aliceVotes.map((v) => Number(v.number)).sort((a, b) => a - b)).toEqual([1, 2, 119]);
    const carol = (await harness.entities('vote')).find(
      (v) => v.hackathonId === hackathonId && v.number === 2 && v.userId !== ALICE,
    );
    expect(carol).toMatchObject({ userId: 'github:carol-gh', source: 'github', state: 'active' });
    // On the card (updated from the votes' changes, the stream's next batch), people known only on GitHub are
    // their logins, linked: never a broken Slack mention.
    expect(await harness.refresh()).toEqual({ batchItemFailures: [] });
    const five = shown(lastCardMessage(harness, channel, 5));
    expect(five).toContain(':rocket: 150 would work on it: <https://github.com/hacker-1|@hacker-1>');
    expect(five).not.toContain('<@github:');

    // Hand edits: the comment of #7 deleted, the marker of #8 removed. Organizers are told once, nothing guessed.
    github.discussions.deleteComment(commentOf(7));
    github.discussions.editComment(commentOf(8), '## Topic 8, but who knows which');
    const told = harness.slack.calls.length;
    await slack.command(ORGANIZER, channel, 'sync');
    expect(await harness.refresh()).toEqual({ batchItemFailures: [] });
    const warning = dmsTo(ORGANIZER, told).find((t) => t.includes('was changed by hand'));
    expect(warning).toContain('No comment carries the vote marker of `#7`, `#8`');
    // The sync put a new comment up for each; the next sync finds nothing amiss and tells nobody again.
    const marked = (n: number) =>
      github.discussions.get(REPO, number)?.comments.filter((c) => c.body.includes(`vote:${issueOf(n)} `));
    expect(marked(7)).toHaveLength(1);
    expect(marked(8)).toHaveLength(1);
    const again = harness.slack.calls.length;
    await slack.command(ORGANIZER, channel, 'sync');
    expect(await harness.refresh()).toEqual({ batchItemFailures: [] });
    expect(dmsTo(ORGANIZER, again).filter((t) => t.includes('was changed by hand'))).toEqual([]);

    // The close: Slack's cards hold Alice's two reactions; GitHub limits htg past its retries.
    harness.slack.respond('reactions.get', (args) => ({
      ok: true,
      type: 'message',
      message: {
        ts: args.timestamp,
        reactions: [1, 2].some((n) => (byNumber(n).card as { ts: string }).ts === args.timestamp)
          ? [{ name: 'arrow_up', users: [ALICE], count: 1 }]
          : [],
      },
    }));
    github.failNext(20, { rateLimit: 'primary', retryAfterSeconds: 1 }, 'graphql/VotingDiscussion');
    const closing = harness.slack.calls.length;
    await slack.command(ORGANIZER, channel, 'close-voting');
    expect(await harness.refresh()).toEqual({ batchItemFailures: [] });
    expect(dmsTo(ORGANIZER, closing).at(-1)).toContain('could not be read (GitHub is limiting htg for now)');
    const channelPosts = () =>
      harness.slack.calls.filter((c) => c.method === 'chat.postMessage' && c.args.channel === channel);
    expect(channelPosts().some((c) => String(c.args.text).startsWith('Voting results'))).toBe(false);
    expect(await counts(1)).toEqual({ votes: 1, interest: 0 });

    // GitHub answers again: the recount reads both venues and the ranking is posted.
    github.clearFaults();
    await slack.command(ORGANIZER, channel, 'close-voting');
    expect(await harness.refresh()).toEqual({ batchItemFailures: [] });
    const ranking = channelPosts().find((c) => String(c.args.text).startsWith('Voting results'));
    expect(String(ranking?.args.blocks)).toContain('`#2` Topic 2 · :arrow_up: 2');
    // The 150 who would work on #5 are known only on GitHub: listed by login, in no team.
    expect(String(ranking?.args.blocks)).toMatch(
      /`#5` Topic 5 · :arrow_up: 0 · — · :rocket: on GitHub: <https:\/\/github\.com\/hacker-\d+\|@hacker-\d+>, .* and 147 more/,
    );
    expect(await counts(1)).toEqual({ votes: 1, interest: 0 });
    expect(await counts(5)).toEqual({ votes: 0, interest: 150 });
  }, 240_000);
});
