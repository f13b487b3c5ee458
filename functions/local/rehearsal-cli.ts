/**
 * `npm run rehearsal` (and `npm start` without Slack credentials): the offline rehearsal on an embedded
 * DynamoDB Local, with progress as it runs and the folder of outputs at the end.
 */
import { join, resolve } from 'node:path';
import { startDynamoDbLocal } from '../adapters/local/dynamodb-local.js';
import { runRehearsal } from './rehearsal.js';

// Lambda runs Node.js 22 or newer; on this machine's Node 20 the AWS SDK would warn about its plans for 2027 on
// every run, which is not something a newcomer has to act on here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

export async function rehearseOffline(): Promise<number> {
  const started = Date.now();
  const stamp = new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19);
  const outDir = resolve(join('.local', `rehearsal-${stamp}`));
  console.log(
    'Rehearsing a whole hackathon offline: DynamoDB Local, the real handlers, a stand-in for Slack…',
  );
  const dynamo = await startDynamoDbLocal({ dbPath: join('.local', 'rehearsal-db') });
  try {
    const result = await runRehearsal({
      dynamoDbEndpoint: dynamo.endpoint,
      outDir,
      progress: (line) =>
        console.log(`  ${((Date.now() - started) / 1000).toFixed(1).padStart(5)} s  ${line}`),
    });
    const teams = result.teams.length;
    console.log(
      [
        '',
        `Done in ${((Date.now() - started) / 1000).toFixed(0)} s: ${result.topics} topics, ${result.participants} people, ${result.reactionEvents} reaction events counted exactly, ${teams} teams within their caps, every team in the wrap-up; on GitHub (${result.github.repo}) ${result.github.issues} issues, ${result.github.assigned} assignees, ${result.github.resultsComments} results comments, ${result.github.pullRequestsOnTopics} pull requests on their topics; on the website (${result.website.repo}) the wrap-up's pull request and ${result.website.pullRequests - 1} follow-up, ${result.website.merged} merged.`,
        `The vote in two venues: the voting discussion (#${result.githubVotes.discussion}) had ${result.githubVotes.comments} topic comments and ${result.githubVotes.reactions} reactions, ${result.githubVotes.bothVenues} of them by people for a topic they had voted for in Slack already (counted once), ${result.githubVotes.onlyOnGitHub} people known only on GitHub. The final presentations: ${result.meeting.slots} team slots, walked through with ${result.meeting.clicks} clicks, ${result.meeting.presentersTold} presenters told.`,
        `Outputs in ${result.outDir}:`,
        '  transcript.txt   who did what, and what htg answered',
        '  slack.html       every message, card, form and Home tab htg produced (open it in a browser)',
        '  github.html      the repository: issues, assignees, results comments, pull requests',
        "  website.html     the wrap-up's pull requests on the website",
        '  wrap-up.md       the wrap-up page, in the community website format',
        '  topics-board.md  the topic board, in the HackMD layout',
        "  agendas.md       the final presentations' agenda, in the community's table",
      ].join('\n'),
    );
    return 0;
  } catch (error) {
    console.error(`The rehearsal failed: ${(error as Error).message}`);
    return 1;
  } finally {
    await dynamo.stop();
  }
}

if (process.argv[1] && resolve(process.argv[1]).endsWith('rehearsal-cli.ts')) {
  process.exit(await rehearseOffline());
}
