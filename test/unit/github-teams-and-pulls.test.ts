import { describe, expect, it } from 'vitest';
import {
  issueReferencesIn,
  mergePullRequests,
  type PullRequestLink,
  withFoundPullRequests,
} from '../../functions/domain/github.js';
import { proposedTopic, type Topic } from '../../functions/domain/topic.js';
import { issueTeamComment } from '../../functions/markdown/issue-team.js';
import { wrapUpPageFromHackathon } from '../../functions/markdown/wrapup-from-hackathon.js';
import { renderWrapUpPage } from '../../functions/markdown/wrapup-page.js';
import { aHackathon, aTopicDraft } from '../helpers/builders.js';

const aTopic = (fields: Partial<Topic>): Topic => ({
  ...proposedTopic('h1', fields.number ?? 1, aTopicDraft(), 'U0PROPOSER', '2027-05-03T08:00:00.000Z'),
  ...fields,
});

const pull = (
  number: number,
  state: PullRequestLink['state'],
  repo = 'gardener/gardener',
): PullRequestLink => ({
  repo,
  number,
  title: `PR ${number}`,
  url: `https://github.com/${repo}/pull/${number}`,
  state,
});

describe('issue references in a pull request', () => {
  it('reads #N in its own repository, owner/name#N and issue links, each once', () => {
    const body = [
      'Fixes #12, and see gardener-community/hackathon#41.',
      'Tracking: https://github.com/gardener-community/hackathon/issues/41',
      'Also closes Gardener-Community/Hackathon#7',
    ].join('\n');
    expect(issueReferencesIn(body, 'gardener/gardener')).toEqual([
      { repo: 'gardener-community/hackathon', number: 41 },
      { repo: 'gardener/gardener', number: 12 },
      { repo: 'Gardener-Community/Hackathon', number: 7 },
    ]);
  });

  it('ignores code, anchors and numbers that are no references', () => {
    const body = [
      '`#3` in code and ```\nfixes #4\n``` in a block',
      'https://example.com/page#5 and https://github.com/o/r/issues/6#issuecomment-9 and issue#8',
      'Pull request https://github.com/o/r/pull/10 is no issue.',
    ].join('\n');
    expect(issueReferencesIn(body, 'o/r')).toEqual([{ repo: 'o/r', number: 6 }]);
    expect(issueReferencesIn(null, 'o/r')).toEqual([]);
  });
});

describe('pull requests of a topic', () => {
  it('keeps each once, the newer state winning, in the order first seen', () => {
    const merged = mergePullRequests(
      [pull(1, 'open'), pull(2, 'open')],
      [pull(1, 'merged'), pull(3, 'closed')],
    );
    expect(merged.map((p) => [p.number, p.state])).toEqual([
      [1, 'merged'],
      [2, 'open'],
      [3, 'closed'],
    ]);
    expect(
      mergePullRequests(
        [],
        Array.from({ length: 30 }, (_, i) => pull(i + 1, 'open')),
      ),
    ).toHaveLength(20);
  });

  it('adds merged and open ones to the code links, not closed ones, nor ones listed already', () => {
    const typed = ['https://github.com/gardener/gardener/pull/1/'];
    expect(withFoundPullRequests(typed, [pull(1, 'merged'), pull(2, 'open'), pull(3, 'closed')])).toEqual([
      typed[0],
      'https://github.com/gardener/gardener/pull/2',
    ]);
  });

  it('lists them in the wrap-up page’s Code & Pull Requests, with the issue as the Tracking line', () => {
    const topic = aTopic({
      number: 1,
      title: 'IPv6',
      status: 'done',
      links: [],
      issue: { repo: 'community/hack', number: 4, url: 'https://github.com/community/hack/issues/4' },
      pullRequests: [pull(13542, 'merged'), pull(9, 'closed', 'community/hack')],
    });
    const page = renderWrapUpPage(wrapUpPageFromHackathon(aHackathon(), [topic], new Map()));
    expect(page).toContain('> **Tracking:** [hack#4](https://github.com/community/hack/issues/4)');
    expect(page).toContain(
      '### Code & Pull Requests\n\n* [gardener/gardener#13542](https://github.com/gardener/gardener/pull/13542)',
    );
    expect(page).not.toContain('community/hack#9');
  });
});

describe('the results comment on an issue', () => {
  const base = {
    hackathonId: 'h1',
    hackathonName: 'Hack The Garden 05/2027',
    number: 3,
    issueNumber: 41,
    issueUrl: 'https://github.com/community/hack/issues/41',
    title: 'Etcd | backup [beta]',
    rank: 2,
    votes: 7,
    status: 'in_progress' as const,
  };

  it('is the community’s ranking row with the team, the status and who could not be assigned', () => {
    const body = issueTeamComment({
      ...base,
      team: [{ login: 'anna', assigned: true }, { login: 'carl', assigned: false }, { name: 'Dora @home' }],
    });
    expect(body.split('\n').slice(0, 6)).toEqual([
      '<!-- htg:team h1/3 -->',
      '### 🏆 Hack The Garden 05/2027: voting results',
      '',
      '| Rank | Topic | Votes | Team |',
      '|:----:|:------|:-----:|:-----|',
      '| 2 | [#41 - Etcd \\| backup \\[beta\\]](https://github.com/community/hack/issues/41) | 7 | @anna, @carl, Dora @\u200bhome |',
    ]);
    expect(body).toContain('**Status:** 🚧 In progress');
    expect(body).toContain('- Dora @\u200bhome: no GitHub login known to htg');
    expect(body).toContain('- @carl: GitHub assigns only people with access to this repository');
    expect(body).not.toContain('@anna:');
  });

  it('says so when the topic has no team or left the ranking', () => {
    const body = issueTeamComment({ ...base, rank: null, status: 'withdrawn', team: [] });
    expect(body).toContain('| - | [#41 - ');
    expect(body).toContain('| 7 | - |');
    expect(body).toContain('**Status:** ↩️ Withdrawn');
    expect(body).not.toContain('Not assigned here');
  });
});
