/**
 * The offline rehearsal: a whole hackathon, from setup to wrap-up, played against the real ingress handler
 * (Slack-signed requests), the real refresher (fed by DynamoDB Local's stream) and the real scheduled-jobs
 * handler, with a loopback stand-in for Slack's Web API. Nothing needs a Slack workspace or an AWS account.
 * The people, companies and topics are invented for this rehearsal.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createDynamoDbClient } from '../adapters/dynamodb/client.js';
import { connectTable, createStores } from '../adapters/dynamodb/stores.js';
import { continuationRunner } from '../adapters/local/continuations.js';
import { ensureTable } from '../adapters/local/ensure-table.js';
import { fastClock } from '../adapters/local/fast-clock.js';
import { openStreamReader } from '../adapters/local/stream-reader.js';
import { createLogger } from '../adapters/logger.js';
import { SlackPacer } from '../adapters/slack/pacer.js';
import type { Scheduler } from '../app/ports/scheduling.js';
import type { Topic } from '../domain/topic.js';
import { buildIngress } from '../runtime/ingress.js';
import { buildRefresher } from '../runtime/refresher.js';
import { buildScheduledJobs } from '../runtime/scheduled.js';
import { startGitHubStandIn } from './dev/github-stand-in.js';
import { lambdaContext } from './dev/lambda-context.js';
import {
  gitHubWebhookEvent,
  TEST_BOT_TOKEN,
  TEST_BOT_USER_ID,
  TEST_SIGNING_SECRET,
} from './dev/signed-request.js';
import { attendeeLines, type ReactionTarget, SlackSim } from './dev/slack-sim.js';
import { type RecordedCall, startSlackStandIn } from './dev/slack-stand-in.js';
import { runConcurrently } from './dev/vote-burst.js';
import { gitHubHtml, rehearsalHtml } from './rehearsal-html.js';

const COMPANIES = ['Acme Cloud', 'Blue Harbor', 'Northwind Ops', 'Orbital Labs'] as const;
const FIRST = ['Ada', 'Ben', 'Cleo', 'Dev', 'Emil', 'Fay', 'Gus', 'Hana', 'Ivo', 'Jun'] as const;

/** 27 topics in six categories: three discussions, two fast-track topics, the rest hacking topics. */
const TOPICS: Array<{
  title: string;
  category: string;
  kind?: 'discussion';
  fastTrack?: boolean;
  teamSize?: string;
}> = [
  { title: 'Faster shoot reconciliation', category: 'Core', teamSize: 'large' },
  { title: 'Garbage-collect orphaned secrets', category: 'Core', teamSize: 'small' },
  { title: 'Hibernation schedules per worker pool', category: 'Core' },
  { title: 'Structured logging everywhere', category: 'Core', teamSize: 'medium' },
  { title: 'Dry-run mode for the CLI', category: 'Core', teamSize: 'small' },
  { title: 'Discussion: deprecating old Kubernetes versions', category: 'Core', kind: 'discussion' },
  { title: 'Fix the flaky integration test', category: 'Core', fastTrack: true, teamSize: 'small' },
  { title: 'Provider extension for a bare-metal cloud', category: 'Extensions', teamSize: 'large' },
  { title: 'Registry cache for shoots', category: 'Extensions', teamSize: 'medium' },
  { title: 'Extension health dashboard', category: 'Extensions' },
  { title: 'Webhook test harness', category: 'Extensions', teamSize: 'small' },
  { title: 'IPv6-only shoots', category: 'Networking', teamSize: 'large' },
  { title: 'Network policy audit', category: 'Networking', teamSize: 'medium' },
  { title: 'Faster VPN reconnects', category: 'Networking' },
  { title: 'Egress IP pinning', category: 'Networking', teamSize: 'small' },
  { title: 'Shoot creation SLIs', category: 'Observability', teamSize: 'medium' },
  { title: 'Unified alert routing', category: 'Observability' },
  { title: 'Trace reconciliation steps', category: 'Observability', teamSize: 'medium' },
  { title: 'Bring your own encryption key', category: 'Security', teamSize: 'medium' },
  { title: 'Short-lived admin kubeconfigs', category: 'Security', teamSize: 'small' },
  { title: 'Signed component images', category: 'Security' },
  { title: 'Search for the documentation site', category: 'Other', teamSize: 'small' },
  { title: 'Onboarding guide for new contributors', category: 'Other' },
  { title: 'Community calendar bot', category: 'Other', teamSize: 'small' },
  { title: 'Discussion: release cadence', category: 'Other', kind: 'discussion' },
  { title: 'Discussion: what CI costs us', category: 'Other', kind: 'discussion' },
  { title: 'Typo sweep in the docs', category: 'Other', fastTrack: true, teamSize: 'small' },
];

export interface RehearsalResult {
  outDir: string;
  hackathonId: string;
  topics: number;
  participants: number;
  reactionEvents: number;
  /** Each topic's vote and interest count: as simulated, and as htg counted them. */
  counts: Array<{
    number: number;
    expected: { votes: number; interest: number };
    counted: { votes: number; interest: number };
  }>;
  teams: Array<{ number: number; size: number; cap: number }>;
  wrapUpMarkdown: string;
  boardMarkdown: string;
  slackCalls: number;
  /** The GitHub side: the repository's issues, who is assigned, htg's results comments. */
  github: {
    repo: string;
    issues: number;
    assigned: number;
    resultsComments: number;
    pullRequestsOnTopics: number;
  };
  /** The website: the wrap-up's pull requests, and how many of them were merged. */
  website: { repo: string; pullRequests: number; merged: number };
  /** The follow-ups: the direct messages two and six weeks on, and the topics with an answer. */
  followUps: { askedTwoWeeksOn: number; askedSixWeeksOn: number; answered: number };
  /**
   * The vote's other venue: the discussion's number and comments, the reactions given there, how many of them
   * were for a topic their author had voted for in Slack already, and the people known only on GitHub.
   */
  githubVotes: {
    discussion: number;
    comments: number;
    reactions: number;
    bothVenues: number;
    onlyOnGitHub: number;
  };
  /** The meeting day: the final presentations' slots, the Start / Next clicks, presenters told, the export. */
  meeting: { slots: number; clicks: number; presentersTold: number; agendasMarkdown: string };
}

/** The rehearsal's GitHub repository and the event label its topic issues carry. */
const REPO = 'example-org/rehearsal';
const EVENT_LABEL = 'Rehearsal/2026';
/** The community website the wrap-up goes to as a pull request, in gardener/documentation's layout. */
const WEBSITE = 'example-org/website';
const WEBSITE_FOLDER = 'website/community/hackathons';
/** Its landing page: an events table, newest first, padded like the community's. */
const WEBSITE_INDEX = [
  '---',
  'title: Hackathons',
  '---',
  '',
  '## 📅 Events',
  '',
  '| Date                    | Location         | Organizer   | Wrap Up                 |',
  '|:------------------------|:-----------------|:------------|:------------------------|',
  '| 04.05.2026 – 08.05.2026 | A castle, nearby | Example Org | [Summary](./2026-05.md) |',
  '',
].join('\n');

export interface RehearsalOptions {
  /** A running DynamoDB Local (the rehearsal makes its own table). */
  dynamoDbEndpoint: string;
  outDir: string;
  /** Progress lines, as they happen. */
  progress?: (line: string) => void;
  seed?: number;
}

/** Plays the hackathon; throws if the final state is not what the simulated people did. */
/** How much faster than real time the rehearsal's Slack clock runs (rate limits and pacing). */
const REHEARSAL_CLOCK_SPEED = 10;

export async function runRehearsal(options: RehearsalOptions): Promise<RehearsalResult> {
  const progress = options.progress ?? (() => undefined);
  let state = options.seed ?? 7;
  const random = () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)] as T;

  const tableName = `htg-rehearsal-${Date.now()}`;
  await ensureTable(createDynamoDbClient({ region: 'local', endpoint: options.dynamoDbEndpoint }), tableName);
  // Slack's rate limits hold in the rehearsal as in a workspace, on a clock ten times as fast (a minute's
  // budget in six seconds), shared by the stand-in and htg's pacing.
  const clock = fastClock(REHEARSAL_CLOCK_SPEED);
  const slack = await startSlackStandIn({ clock });
  // GitHub too: the hackathon is linked to a repository on a loopback GitHub stand-in (checked against GitHub's
  // OpenAPI description), where the GitHub App is installed.
  const github = await startGitHubStandIn();
  // The repository holds the voting discussion too (the App's Discussions permission), as the community's does.
  github.install(REPO, { discussions: 'write' });
  github.discussions.enable(REPO);
  github.install(WEBSITE, { contents: 'write', pullRequests: 'write' });
  const websiteMain = github.addFiles(WEBSITE, { [`${WEBSITE_FOLDER}/_index.md`]: WEBSITE_INDEX });
  const people = Array.from({ length: 40 }, (_, i) => ({
    id: `U0R${String(i + 1).padStart(2, '0')}`,
    name: `${FIRST[i % FIRST.length]} ${String.fromCharCode(65 + Math.floor(i / FIRST.length))}.`,
    company: COMPANIES[i % COMPANIES.length] as string,
    // Three in four give their GitHub login on the attendee list; most of those may be assigned in the repository.
    login: i % 4 === 3 ? null : `rehearsal-${FIRST[i % FIRST.length]?.toLowerCase()}-${i + 1}`,
  }));
  for (const [i, person] of people.entries())
    if (person.login && i % 8 !== 1) github.addCollaborator(REPO, person.login);
  const names = new Map(people.map((p) => [p.id, p.name]));
  const ORGANIZER = 'U0ORGANIZER';
  names.set(ORGANIZER, 'Olga Organizer');
  names.set(TEST_BOT_USER_ID, 'htg');
  slack.respond('users.info', (args) => ({
    ok: true,
    user: {
      id: args.user,
      name: names.get(String(args.user)),
      is_bot: args.user === TEST_BOT_USER_ID,
      profile: { real_name: names.get(String(args.user)) },
    },
  }));

  const transcript: string[] = [];
  let seen = 0;
  const channel = 'C0REHEARSE';
  const say = (line: string) => {
    // Whatever the bot did since the last line, then what happened now.
    transcript.push(...botLines(slack.calls.slice(seen), names, slack.calls));
    seen = slack.calls.length;
    transcript.push(line);
    progress(line);
  };

  const stream = await openStreamReader({
    endpoint: options.dynamoDbEndpoint,
    tableName,
    from: 'TRIM_HORIZON',
  });
  try {
    // What the Lambdas run, from the builders they use; the table, the Slack stand-in and the sped-up Slack
    // clock are the rehearsal's own.
    const table = connectTable({ tableName, region: 'local', dynamoDbEndpoint: options.dynamoDbEndpoint });
    const credentials = {
      signingSecret: TEST_SIGNING_SECRET,
      botToken: TEST_BOT_TOKEN,
      botUserId: TEST_BOT_USER_ID,
    };
    const logger = createLogger({ level: 'error', name: 'rehearsal' });
    const ingress = buildIngress({
      credentials,
      slackApiUrl: slack.url,
      table,
      logger,
      gitHubWebhookSecret: async () => github.app.webhookSecret,
    });
    const sim = new SlackSim(ingress, slack);
    /** A GitHub webhook delivery, signed as GitHub signs it, to the ingress's GitHub path. */
    const deliver = async (delivery: { headers: Record<string, string>; body: string }) => {
      const answer = await ingress(gitHubWebhookEvent(delivery), lambdaContext());
      if (answer.statusCode !== 202) throw new Error(`the webhook delivery got ${answer.statusCode}`);
    };
    const noScheduler: Scheduler = { sync: async () => undefined };
    // Work longer than one invocation (cards paced to Slack's limits) goes on in continuation jobs: run them.
    const continuations = continuationRunner();
    const refresher = buildRefresher({
      credentials,
      slackApiUrl: slack.url,
      table,
      scheduler: noScheduler,
      logger,
      pacer: new SlackPacer(clock),
      observeStores: continuations.track,
      github: {
        credentials: {
          appId: github.app.id,
          privateKey: github.app.privateKey,
          webhookSecret: github.app.webhookSecret,
        },
        apiUrl: github.url,
        // The stand-in does not hold htg to GitHub's spacing of writes (a second or three apart), which would make
        // the rehearsal's 29 issues and their teams take minutes; everything else is as deployed.
        throttle: false,
      },
    });
    const scheduled = buildScheduledJobs({ table, logger });
    /** What the rehearsal reads back to check the end state. */
    const stores = createStores(table);
    const refresh = async () => {
      const { batchItemFailures } = await continuations.run(stream, await stream.read(), (Records) =>
        refresher({ Records }),
      );
      if (batchItemFailures.length > 0) throw new Error('the refresher reported failed records');
    };
    const job = async (kind: string, slot = kind) => {
      await scheduled({ hackathonId, kind, slot, scheduledTime: new Date().toISOString() });
      await refresh();
    };

    // Monday to Friday this week, in Berlin; voting closes in an hour (the rehearsal closes it on schedule); the
    // final presentations are on Friday at noon (UTC), an hour long, their agenda posted half an hour before.
    const today = new Date().toISOString().slice(0, 10);
    const friday = new Date(Date.now() + 4 * 86_400_000).toISOString().slice(0, 10);
    const presentationsAt = Date.parse(`${friday}T12:00:00Z`) / 1000;
    say(
      `Olga Organizer invites htg to #rehearsal (\`/invite @htg\`) and sets up "Hack the Rehearsal" there.`,
    );
    await sim.inviteBot(channel);
    await sim.command(ORGANIZER, channel, 'setup');
    await sim.submit(ORGANIZER, sim.lastOpenedView(), {
      name: 'Hack the Rehearsal',
      startDate: today,
      endDate: friday,
      timeZone: 'Europe/Berlin',
      location: 'A lake house, somewhere',
      votesPerPerson: '5',
      teamSizeMax: '4',
      votingClosesAt: Math.floor(Date.now() / 1000) + 3600,
      githubRepo: REPO,
      githubLabel: EVENT_LABEL,
      websiteRepo: WEBSITE,
      websiteOrganizer: 'Example Org',
      finalAt: presentationsAt,
      finalMinutes: '60',
    });
    const hackathonId = String((await stores.hackathons.findActiveByChannel(channel))?.id);

    say('Olga keeps the attendee list: 40 people from 4 companies.');
    await sim.command(ORGANIZER, channel, 'attendees');
    await sim.submit(ORGANIZER, sim.lastOpenedView(), {
      attendees: attendeeLines(
        people.map((p) => ({ userId: p.id, text: `${p.company}${p.login ? ` github:${p.login}` : ''}` })),
      ),
    });

    for (const [i, topic] of TOPICS.entries()) {
      const proposer = (people[(i * 7) % people.length] as { id: string }).id;
      if (i % 9 === 0) say(`Proposals come in (${i + 1} of ${TOPICS.length})…`);
      await sim.command(proposer, channel, 'propose');
      await sim.submit(proposer, sim.lastOpenedView(), {
        title: topic.title,
        category: topic.category,
        kind: topic.kind ?? 'hacking',
        teamSize: topic.teamSize ?? null,
        fastTrack: topic.fastTrack ? ['yes'] : [],
        description: `Written for the htg rehearsal: ${topic.title.toLowerCase()}.`,
      });
    }
    await refresh();
    const cards = new Map<number, ReactionTarget>();
    for (const topic of await stores.topics.list(hackathonId)) {
      if (topic.card) cards.set(topic.number, { channel, ts: topic.card.ts, itemUser: TEST_BOT_USER_ID });
    }
    say(`${cards.size} topic cards are in the channel, and each proposal has its issue in ${REPO}.`);

    say('Two topics are proposed on GitHub instead, as issues with the event label.');
    for (const [title, area] of [
      ['Dark mode for the dashboard', 'dashboard'],
      ['Cost report per project', 'cost'],
    ]) {
      const issue = github.addIssue(REPO, {
        title: String(title),
        body: `**What would you like to achieve?**\n\nWritten on GitHub for the htg rehearsal.\n\n/area ${area}\n/kind enhancement`,
        labels: [EVENT_LABEL],
        author: 'rehearsal-outsider',
      }) as { number: number };
      await deliver(github.delivery('issues', 'opened', REPO, issue.number));
    }
    await refresh();

    // Voting by reaction: each person votes for 2–5 topics and says they would work on 1–2 hacking topics;
    // a tenth of the deliveries are Slack's retries, and some people change their mind.
    const hacking = TOPICS.map((t, i) => ({ ...t, number: i + 1 })).filter((t) => t.kind !== 'discussion');
    const on = new Map<string, boolean>();
    const deliveries: Array<{
      user: string;
      number: number;
      reaction: string;
      added: boolean;
      eventId: string;
      retry?: number;
    }> = [];
    let eventTs = Math.floor(Date.now() / 1000);
    for (const person of people) {
      const votes = 2 + Math.floor(random() * 4);
      for (let v = 0; v < votes; v++) {
        const number = 1 + Math.floor(random() * TOPICS.length);
        const key = `${person.id}|${number}|arrow_up`;
        if (on.get(key)) continue;
        on.set(key, true);
        deliveries.push({
          user: person.id,
          number,
          reaction: 'arrow_up',
          added: true,
          eventId: `EvR${deliveries.length}`,
        });
      }
      for (let w = 0; w < 1 + Math.floor(random() * 2); w++) {
        const number = pick(hacking).number;
        const key = `${person.id}|${number}|rocket`;
        if (on.get(key)) continue;
        on.set(key, true);
        deliveries.push({
          user: person.id,
          number,
          reaction: 'rocket',
          added: true,
          eventId: `EvR${deliveries.length}`,
        });
      }
    }
    for (const add of deliveries.filter((_, i) => i % 12 === 5)) {
      on.set(`${add.user}|${add.number}|${add.reaction}`, false);
      deliveries.push({ ...add, added: false, eventId: `EvR${deliveries.length}` });
    }
    const retries = deliveries.filter((_, i) => i % 10 === 3).map((d) => ({ ...d, retry: 1 }));
    const ordered = [...deliveries, ...retries].map((d) => ({ ...d, ts: `${++eventTs}.000100` }));
    // Retries keep their original event's time; the order of arrival is mixed within each person's actions.
    say(
      `People vote with :arrow_up: and say :rocket: "I'd work on it": ${ordered.length} reaction events, ${retries.length} of them Slack retries.`,
    );
    const byEvent = new Map(ordered.filter((d) => d.retry === undefined).map((d) => [d.eventId, d.ts]));
    await runConcurrently(ordered, 8, async (d) => {
      await sim.react(d.user, {
        ...(cards.get(d.number) as ReactionTarget),
        reaction: d.reaction,
        added: d.added,
        eventTs: byEvent.get(d.eventId) ?? d.ts,
        eventId: d.eventId,
        ...(d.retry !== undefined ? { retryNum: d.retry } : {}),
      });
    });
    await refresh();

    // The other venue: the community votes in a GitHub discussion too. Olga opens it from Slack; people vote
    // there with 👍 and 🚀, some for what they voted for in Slack already (counted once), some for more within
    // their budget of five, and a few who are known only on GitHub. Upvotes are not counted (GitHub does not say
    // who upvoted).
    say(
      'Olga opens the voting discussion on GitHub from Slack: one comment per topic, as the community does.',
    );
    await sim.command(ORGANIZER, channel, 'discussion');
    await refresh();
    const discussion = (await stores.hackathons.get(hackathonId))?.votingDiscussion;
    const comments = github.discussions.get(REPO, Number(discussion?.number))?.comments ?? [];
    const issueOf = new Map(
      (await stores.topics.list(hackathonId)).flatMap((t) => (t.issue ? [[t.number, t.issue.number]] : [])),
    );
    const commentOf = (number: number) => {
      const marker = `hackathon-topic-vote:${issueOf.get(number)} `;
      const comment = comments.find((c) => c.body.includes(marker));
      if (!comment) throw new Error(`the voting discussion has no comment for #${number}`);
      return comment.id;
    };
    /** What was done on GitHub, keyed as `on` is: the Slack person (or `github:<login>`), topic and emoji. */
    const onGitHub = new Map<string, boolean>();
    const gitHubReact = (voter: string, login: string, number: number, reaction: 'arrow_up' | 'rocket') => {
      github.discussions.react(commentOf(number), reaction === 'arrow_up' ? 'THUMBS_UP' : 'ROCKET', login);
      onGitHub.set(`${voter}|${number}|${reaction}`, true);
    };
    const slackVotes = (id: string) =>
      [...on].filter(([k, active]) => active && k.startsWith(`${id}|`) && k.endsWith('|arrow_up')).length;
    let bothVenues = 0;
    for (const [i, person] of people.entries()) {
      if (!person.login) continue;
      const voted = TOPICS.map((_, n) => n + 1).filter((n) => on.get(`${person.id}|${n}|arrow_up`));
      if (i % 3 === 0 && voted[0]) {
        gitHubReact(person.id, person.login, voted[0], 'arrow_up');
        bothVenues++;
      } else if (i % 3 === 1 && slackVotes(person.id) < 5) {
        const more = TOPICS.map((_, n) => n + 1).find((n) => !voted.includes(n) && (n + i) % 4 === 0);
        if (more) gitHubReact(person.id, person.login, more, 'arrow_up');
      }
      if (i % 5 === 2) gitHubReact(person.id, person.login, pick(hacking).number, 'rocket');
    }
    const outsiders = ['rehearsal-outsider', 'octo-visitor-1', 'octo-visitor-2'];
    for (const [i, login] of outsiders.entries()) {
      gitHubReact(`github:${login}`, login, TOPICS.length + 1 + (i % 2), 'arrow_up');
      gitHubReact(`github:${login}`, login, (hacking[i * 3] as { number: number }).number, 'rocket');
    }
    for (const number of [1, 2]) github.discussions.upvote(commentOf(number), 'octo-visitor-3');
    say(
      `People vote in the discussion too: ${onGitHub.size} reactions there, ${bothVenues} of them by people for topics they had voted for in Slack already (counted once), and some from ${outsiders.length} people known only on GitHub.`,
    );
    await sim.command(ORGANIZER, channel, 'sync');
    await refresh();
    await refresh();
    say('The daily summary during voting:');
    await job('summary', 'summary-0900');

    // Slack's view of the cards, for the re-read at voting close: exactly what people did.
    slack.respond('reactions.get', (args) => {
      const number = [...cards].find(([, card]) => card.ts === args.timestamp)?.[0];
      const users = (reaction: string) =>
        [...on]
          .filter(([k, active]) => active && k.endsWith(`|${number}|${reaction}`))
          .map(([k]) => k.split('|')[0]);
      return {
        ok: true,
        message: {
          ts: args.timestamp,
          reactions: ['arrow_up', 'rocket'].map((name) => ({
            name,
            users: users(name),
            count: users(name).length,
          })),
        },
      };
    });
    say('Voting closes on schedule; htg re-reads every card and proposes teams to Olga.');
    await job('voting-close');

    say('Olga reviews the proposed teams and publishes them.');
    await sim.command(ORGANIZER, channel, 'teams');
    await sim.submit(ORGANIZER, sim.lastOpenedView(), {});
    await refresh();

    let topics = await stores.topics.list(hackathonId);
    const teamTopics = topics.filter((t) => (t.members ?? []).length > 0);
    const unplaced = people.filter((p) => !topics.some((t) => (t.members ?? []).includes(p.id)));
    say(`${teamTopics.length} teams; ${unplaced.length} people join teams with room themselves.`);
    for (const person of unplaced.slice(0, 6)) {
      const open = topics.find(
        (t) => t.kind === 'hacking' && t.status === 'in_progress' && (t.members ?? []).length < 4,
      );
      if (open) await sim.command(person.id, channel, `join #${open.number}`);
      topics = await stores.topics.list(hackathonId);
    }

    say('Teams work: statuses change, and pull requests that say "Fixes #N" appear on their topics.');
    for (const [i, topic] of teamTopics.entries()) {
      const member = (topic.members ?? [])[0] as string;
      const issueNumber = topic.issue?.number;
      if (issueNumber && i % 2 === 0) {
        const pull = github.addIssue(REPO, {
          title: `${topic.title}: first cut`,
          body: `Fixes #${issueNumber}`,
          author: people.find((p) => p.id === member)?.login ?? 'rehearsal-outsider',
          pullRequest: { merged: i % 4 === 0 },
        }) as { number: number };
        await deliver(github.delivery('pull_request', i % 4 === 0 ? 'closed' : 'opened', REPO, pull.number));
      } else {
        await sim.command(
          member,
          channel,
          `link #${topic.number} https://github.com/example-org/rehearsal/pull/${100 + topic.number}`,
        );
      }
      if (i % 4 === 0) await sim.command(member, channel, `status #${topic.number} done`);
      if (i % 7 === 3) await sim.command(member, channel, `status #${topic.number} paused`);
    }
    const dropped = teamTopics.at(-1);
    if (dropped && teamTopics.length > 2)
      await sim.command(
        ORGANIZER,
        channel,
        `status #${dropped.number} dropped merged into #${(teamTopics[0] as Topic).number}`,
      );
    await refresh();

    /** A button on a topic's card (or in its thread) opens a form, which the person fills in. */
    const answerOnCard = async (
      user: string,
      topic: Topic,
      actionId: string,
      answers: Record<string, unknown>,
    ) => {
      const value = JSON.stringify({ h: hackathonId, n: topic.number });
      await sim.click(user, channel, (topic.card as { ts: string }).ts, actionId, value);
      await sim.submit(user, sim.lastOpenedView(), answers);
    };

    say('Mid-week: each team is asked, on its card, what it achieved and what blocks it.');
    await job('check-in');
    for (const topic of teamTopics.slice(0, 5)) {
      const member = (topic.members ?? [])[0] as string;
      await answerOnCard(member, topic, 'checkin_answer', {
        achieved: `A first version of ${topic.title.toLowerCase()} runs locally.`,
        blockers: topic.number % 2 ? 'Waiting for a review.' : '',
      });
    }
    await refresh();
    say('The daily summaries during the week:');
    await job('summary', 'summary-0900');
    await sim.command(
      (teamTopics[1]?.members ?? [])[0] ?? ORGANIZER,
      channel,
      `status #${teamTopics[1]?.number ?? 1} done`,
    );
    await refresh();
    await job('summary', 'summary-0900');

    say('Before the wrap-up, teams write their outcomes.');
    await job('wrap-up-reminder');
    for (const topic of teamTopics.filter((t) => t.number !== dropped?.number)) {
      const member = (topic.members ?? [])[0] as string;
      await answerOnCard(member, topic, 'topic_outcome', {
        highlight: `${topic.title} works end to end in the rehearsal`,
        emoji: pick(['🚀', '🌐', '🔐', '📈', '🧹', '🛠️']),
        problem: `Before the hackathon, ${topic.title.toLowerCase()} was only an idea.`,
        achievements: `A working prototype of ${topic.title.toLowerCase()}.`,
        nextSteps: 'Open the pull request for review.',
      });
    }
    await refresh();

    // The meeting day: the final presentations, one slot per team, their agenda posted and pinned by the
    // scheduled job, walked through with Start / Next by Olga (and a second click on the same button at once,
    // which moves it once), each next presenter told in their card's thread.
    const presenting = teamTopics.find((t) => (t.members ?? []).length > 1);
    if (presenting) {
      const [member, other] = presenting.members as [string, string];
      say(
        `${names.get(member)}'s team says on its card that ${names.get(other)} presents #${presenting.number}.`,
      );
      await answerOnCard(member, presenting, 'topic_presenter', { presenter: other });
      await refresh();
    }
    say(
      'Friday: the final presentations. Half an hour before, htg posts their agenda and pins it for the day.',
    );
    const agendaFrom = slack.calls.length;
    await job('agenda', 'agenda-final');
    const agendaPost = slack.calls
      .slice(agendaFrom)
      .find(
        (c) =>
          c.method === 'chat.postMessage' &&
          c.args.channel === channel &&
          !c.args.thread_ts &&
          String(c.args.text).startsWith('Final presentations'),
      );
    const agendaTs = String((agendaPost?.answer as { ts?: string } | undefined)?.ts);
    /** The agenda's Start / Next button as the agenda shows it now (none once the meeting is over). */
    const agendaButton = () => {
      const latest = slack.calls.findLast(
        (c) => c === agendaPost || (c.method === 'chat.update' && c.args.ts === agendaTs),
      );
      const blocks = JSON.parse(String(latest?.args.blocks ?? '[]')) as Array<{
        type: string;
        elements?: Array<{ action_id?: string; value?: string }>;
      }>;
      return blocks
        .filter((b) => b.type === 'actions')
        .flatMap((b) => b.elements ?? [])
        .find((e) => e.action_id === 'agenda_next');
    };
    say('Olga starts the meeting (two clicks on Start at once) and clicks Next after each team.');
    let clicks = 0;
    for (let button = agendaButton(); button && clicks < 200; button = agendaButton()) {
      const click = () => sim.click(ORGANIZER, channel, agendaTs, 'agenda_next', String(button?.value));
      await (clicks === 0 ? Promise.all([click(), click()]) : click());
      clicks++;
    }
    const meetingCalls = slack.calls.slice(agendaFrom);
    const finalAgenda = (await stores.hackathons.get(hackathonId))?.agendas?.final;
    const presentersTold = meetingCalls.filter(
      (c) =>
        c.method === 'chat.postMessage' &&
        c.args.thread_ts !== agendaTs &&
        /(opens|is up next in) the final presentations/.test(String(c.args.text)),
    ).length;
    const meetingThread = meetingCalls.filter(
      (c) => c.method === 'chat.postMessage' && c.args.thread_ts === agendaTs,
    ).length;

    say(`${names.get(people[0]?.id ?? '')} opens the app's Home tab.`);
    slack.respond('users.conversations', { ok: true, channels: [{ id: channel }] });
    await sim.openHome((people[0] as { id: string }).id);
    say('Friday: the wrap-up.');
    await job('wrap-up');
    say(`${names.get(people[3]?.id ?? '')} asks for the Markdown with /htg export.`);
    await sim.command((people[3] as { id: string }).id, channel, 'export');
    await refresh();
    say('At midnight after the presentations, htg unpins their agenda.');
    await job('agenda-unpin', 'agenda-unpin-final');

    say(
      'The wrap-up is a pull request on the website; a team that wrote nothing on Friday writes it on Monday.',
    );
    await refresh();
    const lateTopic = dropped ?? teamTopics.at(-1);
    if (lateTopic)
      await answerOnCard((lateTopic.members ?? [])[0] as string, lateTopic, 'topic_outcome', {
        highlight: 'Written up after the week',
        outcome: 'Closed: the idea moves to the next hackathon, written up on Monday.',
      });
    await refresh();
    await refresh();
    const [wrapUpPull] = github.pulls(WEBSITE) as Array<{ number: number }>;
    say('The organizers merge it; an outcome changed after that goes into a follow-up pull request.');
    if (wrapUpPull) github.mergePullRequest(WEBSITE, wrapUpPull.number);
    const firstTeam = teamTopics[0];
    if (firstTeam)
      await answerOnCard((firstTeam.members ?? [])[0] as string, firstTeam, 'topic_outcome', {
        highlight: `${firstTeam.title} works end to end in the rehearsal`,
        achievements: `A working prototype of ${firstTeam.title.toLowerCase()}, measured after the week.`,
        nextSteps: 'Present it at the review meeting.',
      });
    await refresh();
    await refresh();

    // The follow-ups: each round's direct messages, and one click per message (the story's weeks pass at once).
    const followUpRound = async (round: 2 | 6, answer: (i: number) => 'going' | 'merged' | 'stopped') => {
      const from = slack.calls.length;
      await job(`follow-up-${round}`);
      const messages = slack.calls
        .slice(from)
        .filter((c) => c.method === 'chat.postMessage' && String(c.args.channel).startsWith('U'));
      for (const [i, message] of messages.entries()) {
        const blocks = JSON.parse(String(message.args.blocks)) as Array<{
          type: string;
          elements?: Array<{ value?: string }>;
        }>;
        const value = blocks.find((b) => b.type === 'actions')?.elements?.[0]?.value ?? '';
        const dm = message.answer as { channel: string; ts: string };
        await sim.click(String(message.args.channel), dm.channel, dm.ts, `follow_up:${answer(i)}`, value);
      }
      return messages.length;
    };
    say(
      'Two weeks after the event, whoever continues a topic is asked what became of it, and answers in one click.',
    );
    const askedTwoWeeksOn = await followUpRound(
      2,
      (i) => (['going', 'merged', 'going', 'stopped'] as const)[i % 4] ?? 'going',
    );
    say('Six weeks after, only what is still going is asked about again.');
    const askedSixWeeksOn = await followUpRound(6, (i) => (i % 2 ? 'merged' : 'going'));
    await refresh();
    say('Olga asks what became of the topics with /htg followups; htg posts it in the channel.');
    const report = (await sim.command(ORGANIZER, channel, 'followups')).reply as { text?: string } | null;
    transcript.push(...botLines(slack.calls.slice(seen), names, slack.calls));
    // The command's answer posts in the channel (Slack posts it from the response, not a Web API call).
    transcript.push(`    htg posts: ${report?.text ?? '(nothing)'}`);

    // What htg ended with, checked against what the simulated people did.
    topics = await stores.topics.list(hackathonId);
    /** Who voted (or would work on it) in either venue: each person once, whichever venue or both. */
    const voters = (number: number, reaction: string) =>
      new Set(
        [...on, ...onGitHub]
          .filter(([k, active]) => active && k.endsWith(`|${number}|${reaction}`))
          .map(([k]) => k.split('|')[0]),
      ).size;
    const counts = topics.map((t) => ({
      number: t.number,
      expected: { votes: voters(t.number, 'arrow_up'), interest: voters(t.number, 'rocket') },
      counted: { votes: t.voteCount, interest: t.interestCount },
    }));
    const uploads = slack.calls.filter((c) => c.method === 'upload').map((c) => c.body);
    const wrapUpMarkdown = uploads.find((body) => body.startsWith('---')) ?? '';
    const boardMarkdown = uploads.find((body) => body.startsWith('# ')) ?? '';
    const agendasMarkdown = uploads.find((body) => body.includes('## Final presentations')) ?? '';
    const ranking = slack.calls.find(
      (c) => c.method === 'chat.postMessage' && String(c.args.text).startsWith('Voting results'),
    );
    const teamSlots = finalAgenda?.agenda.slots ?? [];
    const teams = topics
      .filter((t) => (t.members ?? []).length > 0)
      .map((t) => ({ number: t.number, size: (t.members ?? []).length, cap: 4 }));
    const answered = topics.filter((t) => Object.keys(t.followUps ?? {}).length > 0).length;
    const problems = [
      ...(askedTwoWeeksOn === 0 || answered === 0
        ? [`the follow-ups asked ${askedTwoWeeksOn} people and ${answered} topics have an answer`]
        : []),
      ...(askedSixWeeksOn >= askedTwoWeeksOn
        ? [`six weeks on, ${askedSixWeeksOn} people were asked (two weeks on: ${askedTwoWeeksOn})`]
        : []),
      ...counts
        .filter((c) => c.expected.votes !== c.counted.votes || c.expected.interest !== c.counted.interest)
        .map(
          (c) =>
            `#${c.number}: counted ${JSON.stringify(c.counted)}, simulated ${JSON.stringify(c.expected)}`,
        ),
      ...teams.filter((t) => t.size > t.cap).map((t) => `#${t.number}: ${t.size} people, cap ${t.cap}`),
      // The vote in both venues: the discussion had every topic, and the ranking lists the GitHub-only people.
      ...(comments.length !== TOPICS.length + 2
        ? [`the voting discussion has ${comments.length} comments, not one per topic`]
        : []),
      ...(String(ranking?.args.blocks).includes('@rehearsal-outsider')
        ? []
        : ['the ranking does not list the person known only on GitHub']),
      // The meeting day: one slot per team, pinned, walked through once, every presenter told, then unpinned.
      ...(teamSlots.length < 5 ||
      teamSlots.some((s) => !topics.find((t) => t.number === s.number)?.members?.length)
        ? [`the final presentations' agenda has ${teamSlots.length} slots, not one per team`]
        : []),
      ...(presenting &&
      !teamSlots.some(
        (s) =>
          s.number === presenting.number &&
          'userId' in s.presenter &&
          s.presenter.userId === presenting.members?.[1],
      )
        ? [`#${presenting.number} is not presented by the one its team chose`]
        : []),
      ...(clicks !== teamSlots.length + 1 ||
      meetingThread !== teamSlots.length + 1 ||
      presentersTold !== teamSlots.length
        ? [
            `the meeting took ${clicks} clicks for ${teamSlots.length} slots, with ${meetingThread} messages in its thread and ${presentersTold} presenters told`,
          ]
        : []),
      ...(slack.calls.filter((c) => c.method === 'pins.add' && c.args.timestamp === agendaTs).length !== 1 ||
      !slack.calls.some((c) => c.method === 'pins.remove' && c.args.timestamp === agendaTs)
        ? [
            `the final presentations' agenda (${agendaTs}) was not pinned once and unpinned: ${slack.calls
              .filter((c) => c.method.startsWith('pins.'))
              .map((c) => `${c.method} ${String(c.args.timestamp)} ${JSON.stringify(c.answer)}`)
              .join('; ')}`,
          ]
        : []),
      ...(agendasMarkdown.includes('| Time | Topic | Presenter |') ? [] : ['the export has no agenda table']),
      ...topics
        .filter((t) => (t.members ?? []).length > 0 && !wrapUpMarkdown.includes(t.title))
        .map((t) => `#${t.number} is missing from the wrap-up`),
    ];
    if (!wrapUpMarkdown || !boardMarkdown)
      problems.push(
        `the wrap-up files were not uploaded (${uploads.length} uploads: ${uploads.map((u) => JSON.stringify(u.slice(0, 30))).join(', ')})`,
      );

    const outDir = resolve(options.outDir);
    mkdirSync(outDir, { recursive: true });
    writeFileSync(join(outDir, 'transcript.txt'), `${transcript.join('\n')}\n`);
    writeFileSync(join(outDir, 'wrap-up.md'), wrapUpMarkdown);
    writeFileSync(join(outDir, 'topics-board.md'), boardMarkdown);
    writeFileSync(join(outDir, 'agendas.md'), agendasMarkdown);
    writeFileSync(
      join(outDir, 'slack.html'),
      rehearsalHtml('Hack the Rehearsal: everything htg posted', slack.calls, names),
    );

    // The GitHub side: every topic has its issue; teams are assigned where GitHub allows; one results comment each.
    const issues = github.issues(REPO).filter((issue) => !issue.pull_request);
    const loginOf = new Map(people.flatMap((p) => (p.login ? [[p.id, p.login] as const] : [])));
    const assignable = new Set(people.filter((p, i) => p.login && i % 8 !== 1).map((p) => p.login));
    let resultsComments = 0;
    for (const topic of topics.filter((t) => t.status !== 'withdrawn')) {
      if (!topic.issue) {
        problems.push(`#${topic.number} has no GitHub issue`);
        continue;
      }
      const issue = github.issue(REPO, topic.issue.number) as { assignees: Array<{ login: string }> };
      const assigned = issue.assignees.map((a) => a.login).sort();
      const expected = (topic.members ?? [])
        .flatMap((id) => loginOf.get(id) ?? [])
        .filter((login) => assignable.has(login))
        .sort();
      if (JSON.stringify(assigned) !== JSON.stringify(expected))
        problems.push(
          `#${topic.number}'s issue is assigned to ${assigned.join(', ') || 'nobody'}, its team is ${expected.join(', ')}`,
        );
      const comments = github
        .comments(REPO, topic.issue.number)
        .filter((c) => String(c.body).includes(`<!-- htg:team ${hackathonId}/${topic.number} -->`));
      if (comments.length > 1)
        problems.push(`#${topic.number}'s issue has ${comments.length} results comments`);
      resultsComments += comments.length;
    }
    // The website: the wrap-up's pull request (merged, with the late outcome), and one follow-up, each one commit
    // on the default branch as it was; the events table has the rehearsal's row first.
    const pulls = github.pulls(WEBSITE) as Array<{
      number: number;
      merged_at?: string | null;
      head: { ref: string };
    }>;
    const page = `${WEBSITE_FOLDER}/${today.slice(0, 7)}.md`;
    if (pulls.length !== 2 || !pulls[0]?.merged_at || pulls[1]?.merged_at)
      problems.push(
        `the website has ${pulls.length} pull requests (${pulls.map((p) => `#${p.number} ${p.merged_at ? 'merged' : 'open'}`).join(', ')}), not the wrap-up's merged and one follow-up`,
      );
    const merged = github.fileAt(WEBSITE, 'main', page) ?? '';
    if (lateTopic && !merged.includes('written up on Monday'))
      problems.push("the website's page does not have the outcome written after the wrap-up");
    const followUp = pulls[1] ? (github.fileAt(WEBSITE, pulls[1].head.ref, page) ?? '') : '';
    if (!followUp.includes('measured after the week'))
      problems.push('the follow-up pull request does not have the outcome changed after the merge');
    const followUpHead = pulls[1] ? github.branch(WEBSITE, pulls[1].head.ref) : undefined;
    if (followUpHead && github.commit(WEBSITE, followUpHead)?.parents.length !== 1)
      problems.push('the follow-up pull request is not one commit');
    const eventsRow =
      (github.fileAt(WEBSITE, 'main', `${WEBSITE_FOLDER}/_index.md`) ?? '').split('\n')[8] ?? '';
    if (!eventsRow.includes(`./${today.slice(0, 7)}.md`))
      problems.push(`the events table's first row is not the rehearsal's: ${eventsRow}`);
    if (github.branch(WEBSITE, 'main') === websiteMain)
      problems.push('the wrap-up was never merged on the website');
    if (github.contractViolations.length > 0)
      problems.push(...github.contractViolations.map((v) => `GitHub contract: ${v}`));
    writeFileSync(
      join(outDir, 'github.html'),
      gitHubHtml(`Hack the Rehearsal on GitHub: ${REPO}`, github.issues(REPO), (n) =>
        github.comments(REPO, n),
      ),
    );
    writeFileSync(
      join(outDir, 'website.html'),
      gitHubHtml(
        `Hack the Rehearsal's wrap-up on the website: ${WEBSITE}`,
        (github.pulls(WEBSITE) as Array<Record<string, unknown>>).map((pull) => ({
          ...pull,
          pull_request: { merged_at: pull.merged_at ?? null },
        })),
        (n) => github.comments(WEBSITE, n),
      ),
    );
    if (problems.length > 0) throw new Error(`The rehearsal ended wrong:\n${problems.join('\n')}`);
    return {
      outDir,
      hackathonId,
      topics: topics.length,
      participants: people.length,
      reactionEvents: ordered.length,
      counts,
      teams,
      wrapUpMarkdown,
      boardMarkdown,
      slackCalls: slack.calls.length,
      github: {
        repo: REPO,
        issues: issues.length,
        assigned: issues.reduce(
          (sum, issue) => sum + ((issue.assignees as unknown[] | undefined)?.length ?? 0),
          0,
        ),
        resultsComments,
        pullRequestsOnTopics: topics.reduce((sum, t) => sum + (t.pullRequests ?? []).length, 0),
      },
      website: { repo: WEBSITE, pullRequests: pulls.length, merged: pulls.filter((p) => p.merged_at).length },
      followUps: { askedTwoWeeksOn, askedSixWeeksOn, answered },
      githubVotes: {
        discussion: Number(discussion?.number),
        comments: comments.length,
        reactions: onGitHub.size,
        bothVenues,
        onlyOnGitHub: outsiders.length,
      },
      meeting: { slots: teamSlots.length, clicks, presentersTold, agendasMarkdown },
    };
  } finally {
    stream.close();
    await slack.close();
    await github.close();
  }
}

/**
 * The bot's side of the transcript: what it posted, updated, showed one person, opened, pinned or unpinned
 * (`all`: every call so far, where a pinned message's text is found).
 */
function botLines(
  calls: readonly RecordedCall[],
  names: ReadonlyMap<string, string>,
  all: readonly RecordedCall[],
): string[] {
  const who = (id: unknown) => names.get(String(id)) ?? String(id);
  const short = (text: unknown) =>
    plain(String(text ?? ''), names)
      .split('\n')[0]
      ?.slice(0, 160) ?? '';
  return calls.flatMap((call): string[] => {
    switch (call.method) {
      case 'chat.postMessage':
        return [
          String(call.args.channel).startsWith('C')
            ? `    htg ${call.args.thread_ts ? 'replies in a thread' : 'posts'}: ${short(call.args.text)}`
            : `    htg → ${who(call.args.channel)} (direct message): ${short(call.args.text)}`,
        ];
      case 'chat.postEphemeral':
        return [`    htg → ${who(call.args.user)} (only they see it): ${short(call.args.text)}`];
      case 'views.open':
        return [
          `    htg opens a form: ${short((JSON.parse(String(call.args.view)) as { title?: { text?: string } }).title?.text)}`,
        ];
      case 'pins.add':
      case 'pins.remove': {
        const pinned = all.find(
          (c) =>
            c.method === 'chat.postMessage' &&
            (c.answer as { ts?: string } | undefined)?.ts === call.args.timestamp,
        );
        const what = String(pinned?.args.text).includes('– Topics')
          ? 'the living board'
          : `"${short(pinned?.args.text)}"`;
        return [`    htg ${call.method === 'pins.add' ? 'pins' : 'unpins'} ${what}`];
      }
      case 'files.completeUploadExternal':
        return ['    htg uploads the Markdown files'];
      default:
        return [];
    }
  });
}

/** Slack mrkdwn as plain text for the transcript: mentions as names, links as their labels. */
function plain(text: string, names: ReadonlyMap<string, string>): string {
  return text
    .replace(/<@([A-Z0-9]+)>/g, (_, id: string) => `@${names.get(id) ?? id}`)
    .replace(/<#([A-Z0-9]+)(\|[^>]*)?>/g, '#rehearsal')
    .replace(/<([^|>]+)\|([^>]+)>/g, '$2')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}
