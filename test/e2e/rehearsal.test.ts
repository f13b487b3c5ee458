import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runRehearsal } from '../../functions/local/rehearsal.js';
import { localDynamoDbEndpoint } from '../helpers/dynamodb.js';
import { decodePng } from '../helpers/png.js';

/**
 * The offline rehearsal (`npm run rehearsal`, and `npm start` without Slack credentials) as an end-to-end test:
 * a whole hackathon through the real ingress, refresher and scheduled-jobs handlers on DynamoDB Local.
 */
const outDir = mkdtempSync(join(tmpdir(), 'htg-rehearsal-'));
/** Debian's Chromium (`.ci/run` installs it; HTG_REQUIRE_CHROMIUM=1 there makes its absence a failure). */
const chromium = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((path) => existsSync(path));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe('the offline rehearsal', () => {
  it('plays a hackathon from setup to wrap-up and ends in the state the simulated people caused', async () => {
    const lines: string[] = [];
    const result = await runRehearsal({
      dynamoDbEndpoint: localDynamoDbEndpoint(),
      outDir,
      progress: (line) => lines.push(line),
    });
    expect(result.topics).toBeGreaterThanOrEqual(25);
    expect(result.participants).toBe(40);
    // Vote counts equal the simulated reactions (retries and removals included).
    for (const { number, expected, counted } of result.counts)
      expect(counted, `#${number}`).toEqual(expected);
    expect(result.counts.reduce((sum, c) => sum + c.counted.votes, 0)).toBeGreaterThan(80);
    // Teams within their caps; every team in the wrap-up.
    expect(result.teams.length).toBeGreaterThan(5);
    for (const team of result.teams) expect(team.size).toBeLessThanOrEqual(team.cap);
    expect(result.wrapUpMarkdown).toContain('title: Hack the Rehearsal');
    expect(result.boardMarkdown).toContain('# Hack the Rehearsal - Topics');

    // Progress as it runs, and the outputs it names.
    expect(lines[0]).toContain('sets up "Hack the Rehearsal"');
    expect(lines.some((l) => l.includes('wrap-up'))).toBe(true);
    const transcript = readFileSync(join(outDir, 'transcript.txt'), 'utf8');
    expect(transcript).toContain('htg pins the living board');
    expect(transcript).toContain('htg uploads the Markdown files');
    const html = readFileSync(join(outDir, 'slack.html'), 'utf8');
    expect(html.match(/<section class="card"/g)?.length ?? 0).toBeGreaterThanOrEqual(25);
    expect(html).toContain('Home tab');
    expect(readFileSync(join(outDir, 'wrap-up.md'), 'utf8')).toBe(result.wrapUpMarkdown);

    // The GitHub side: an issue per topic (27 opened from Slack, 2 imported), teams assigned where GitHub allows
    // (checked per issue by the rehearsal itself), one results comment per topic, pull requests on their topics.
    expect(result.github.issues).toBe(result.topics);
    expect(result.github.assigned).toBeGreaterThan(10);
    expect(result.github.resultsComments).toBe(result.topics);
    expect(result.github.pullRequestsOnTopics).toBeGreaterThan(2);
    const gitHubPage = readFileSync(join(outDir, 'github.html'), 'utf8');
    expect(gitHubPage).toContain('| Rank | Topic | Votes | Team |');
    expect(gitHubPage).toContain('assigned: rehearsal-');
    expect(gitHubPage).toContain('no GitHub login known to htg');

    // The website: the wrap-up's pull request, merged with an outcome written after it, and one follow-up
    // (checked file by file by the rehearsal itself).
    expect(result.website).toEqual({ repo: 'example-org/website', pullRequests: 2, merged: 1 });
    const websitePage = readFileSync(join(outDir, 'website.html'), 'utf8');
    expect(websitePage).toContain('Add the wrap-up of Hack the Rehearsal');
    expect(websitePage).toContain('Update the wrap-up of Hack the Rehearsal (1)');
    expect(websitePage).toContain('| Topic | Team |');
    expect(transcript).toContain('is up for review on the community website');
    // The follow-ups: asked two weeks on, fewer six weeks on (what was merged or stopped is settled), answered.
    expect(result.followUps.askedTwoWeeksOn).toBeGreaterThan(5);
    expect(result.followUps.askedSixWeeksOn).toBeGreaterThan(0);
    expect(result.followUps.askedSixWeeksOn).toBeLessThan(result.followUps.askedTwoWeeksOn);
    expect(result.followUps.answered).toBeGreaterThan(2);
    expect(transcript).toContain('(direct message): Two weeks after Hack the Rehearsal: what became of #');
    expect(transcript).toContain('htg posts: What became of the topics of Hack the Rehearsal');
    expect(readFileSync(join(outDir, 'slack.html'), 'utf8')).toContain('Since the hackathon:');

    // The vote in two venues: the discussion had a comment per topic; votes there were counted with Slack's
    // (the per-topic counts above are the union, each person once), and the ranking lists by login the people
    // known only on GitHub.
    expect(result.githubVotes.comments).toBe(result.topics);
    expect(result.githubVotes.reactions).toBeGreaterThan(20);
    expect(result.githubVotes.bothVenues).toBeGreaterThan(5);
    expect(result.githubVotes.onlyOnGitHub).toBe(3);
    expect(transcript).toContain('Olga opens the voting discussion on GitHub');
    expect(transcript).toContain(
      '(direct message): 🗳️ The voting discussion of *Hack the Rehearsal* is open on GitHub',
    );
    expect(html).toContain('@rehearsal-outsider');

    // The meeting day: the final presentations' agenda, pinned by the scheduled job, one slot per team, walked
    // through with Start / Next (one move per slot despite a double click), every presenter told, unpinned.
    expect(result.meeting.slots).toBeGreaterThan(5);
    expect(result.meeting.clicks).toBe(result.meeting.slots + 1);
    expect(result.meeting.presentersTold).toBe(result.meeting.slots);
    expect(transcript).toContain('htg pins "Final presentations of Hack the Rehearsal: the agenda"');
    expect(transcript).toContain('htg unpins "Final presentations of Hack the Rehearsal: the agenda"');
    expect(transcript).toContain('(only they see it): Someone moved the agenda on already');
    expect(readFileSync(join(outDir, 'agendas.md'), 'utf8')).toBe(result.meeting.agendasMarkdown);
    expect(result.meeting.agendasMarkdown).toContain('| Time | Topic | Presenter |');
  }, 180_000);

  it.skipIf(!chromium && process.env.HTG_REQUIRE_CHROMIUM !== '1')(
    'renders its HTML page in headless Chromium with the topic cards visible',
    () => {
      expect(chromium, 'Chromium is needed: apt-get install chromium').toBeDefined();
      const html = join(outDir, 'slack.html');
      expect(existsSync(html)).toBe(true);
      const shot = join(outDir, 'slack.png');
      const run = spawnSync(
        chromium as string,
        [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          '--disable-quic',
          '--no-first-run',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          `--user-data-dir=${join(outDir, 'chromium-profile')}`,
          '--window-size=1000,1400',
          `--screenshot=${shot}`,
          `file://${html}`,
        ],
        { encoding: 'utf8', timeout: 60_000 },
      );
      expect(existsSync(shot), run.stderr).toBe(true);
      const image = decodePng(readFileSync(shot));
      expect([image.width, image.height]).toEqual([1000, 1400]);
      // The cards' green edge (#1f5130) shows in the first screen, on several cards one under another.
      const rows = new Set<number>();
      for (let y = 0; y < image.height; y++) {
        for (let x = 0; x < image.width; x++) {
          const [r, g, b] = image.pixel(x, y);
          if (Math.abs(r - 0x1f) < 6 && Math.abs(g - 0x51) < 6 && Math.abs(b - 0x30) < 6) rows.add(y);
        }
      }
      expect(rows.size).toBeGreaterThan(600);
    },
    90_000,
  );
});
