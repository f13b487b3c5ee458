import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../functions/domain/errors.js';
import { issueReference, parseRepository, validateGitHubLink } from '../../functions/domain/github.js';
import { validateHackathonSettings } from '../../functions/domain/hackathon.js';
import { issueForTopic, topicMarker } from '../../functions/markdown/issue-body.js';
import { topicFromIssue } from '../../functions/markdown/issue-topic.js';

describe('a repository as organizers paste it', () => {
  it.each([
    ['gardener-community/hackathon', 'gardener-community/hackathon'],
    ['  https://github.com/gardener-community/hackathon/ ', 'gardener-community/hackathon'],
    ['github.com/gardener/gardener.git', 'gardener/gardener'],
    ['a/b.c_d-e', 'a/b.c_d-e'],
  ])('reads %j as %s', (text, repo) => {
    expect(parseRepository(text)).toBe(repo);
  });

  it.each([
    'hackathon',
    'gardener-community/hackathon/issues',
    '-gardener/hackathon',
    'gardener--community/hackathon',
    'owner/..',
    'owner/with space',
    'https://gitlab.com/a/b',
  ])('refuses %j', (text) => {
    expect(parseRepository(text)).toBeUndefined();
  });

  it('cites issues as the community does: the repository name and the number', () => {
    expect(issueReference({ repo: 'gardener-community/hackathon', number: 42 })).toBe('hackathon#42');
  });
});

describe('the GitHub link in the settings', () => {
  it('is optional: nothing given is no link', () => {
    expect(validateGitHubLink({})).toEqual({ link: null, errors: {} });
  });

  it('needs the event label with the repository, and the repository with the label, each next to its field', () => {
    expect(validateGitHubLink({ repo: 'a/b' }).errors).toEqual({
      githubLabel: { code: 'required', field: 'event-label' },
    });
    expect(validateGitHubLink({ eventLabel: 'Q2/2026' }).errors).toEqual({
      githubRepo: { code: 'github-repo', given: null },
    });
    expect(validateGitHubLink({ repo: 'not a repo', eventLabel: 'x'.repeat(51) }).errors).toEqual({
      githubRepo: { code: 'github-repo', given: 'not a repo' },
      githubLabel: { code: 'too-long', field: 'event-label', max: 50, length: 51 },
    });
  });

  it('keeps what a closed issue means, withdrawn unless done is chosen', () => {
    expect(validateGitHubLink({ repo: 'a/b', eventLabel: ' Q2/2026 ' }).link).toEqual({
      repo: 'a/b',
      eventLabel: 'Q2/2026',
      closedMeans: 'withdrawn',
    });
    expect(validateGitHubLink({ repo: 'a/b', eventLabel: 'Q2', closedMeans: 'done' }).link?.closedMeans).toBe(
      'done',
    );
  });

  it('is part of the settings, its problems reported with the others', () => {
    const base = {
      name: 'H',
      startDate: '2026-11-23',
      endDate: '2026-11-27',
      timeZone: 'UTC',
      categories: 'Core',
    };
    expect(validateHackathonSettings({ ...base }, 'U1').github).toBeNull();
    expect(
      validateHackathonSettings({ ...base, githubRepo: 'org/repo', githubLabel: 'Q4/2026' }, 'U1').github,
    ).toEqual({ repo: 'org/repo', eventLabel: 'Q4/2026', closedMeans: 'withdrawn' });
    try {
      validateHackathonSettings({ ...base, name: '', githubRepo: 'org/repo' }, 'U1');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      expect(Object.keys((error as ValidationError).fields).sort()).toEqual(['githubLabel', 'name']);
    }
  });
});

describe('the issue htg opens for a topic proposed in Slack', () => {
  const topic = {
    hackathonId: 'h1',
    number: 7,
    title: 'Shoot with cilium',
    description: 'Run the e2e tests with Cilium.\n\nSee https://github.com/gardener/gardener/issues/1.',
    category: 'Control Plane',
    kind: 'hacking' as const,
    teamSize: 'medium' as const,
    fastTrack: true,
    links: ['https://github.com/gardener/gardener/issues/1', 'https://example.org/design'],
  };
  const issue = issueForTopic(topic, {
    eventLabel: 'Q4/2026',
    proposerName: 'Alice',
    permalink: 'https://t.slack.com/archives/C1/p1',
  });

  it('is written like the Markdown template, with the Prow commands, the marker and who proposed it where', () => {
    expect(issue.title).toBe('Shoot with cilium');
    expect(issue.body).toContain(topicMarker('h1', 7));
    expect(issue.body).toContain(
      '**How to categorize this topic?**\n/area control-plane\n/label teamsize/medium\n/label fast-track',
    );
    expect(issue.body).toContain('**What is the topic about?**:\nRun the e2e tests with Cilium.');
    expect(issue.body).toContain('_Proposed by Alice [in Slack](https://t.slack.com/archives/C1/p1)._');
    expect(issue.labels).toEqual(['Q4/2026', 'teamsize/medium', 'fast-track']);
  });

  it('reads back as the same topic: what htg adds is not taken for the description', () => {
    const read = topicFromIssue(
      {
        number: 12,
        title: issue.title,
        body: issue.body,
        html_url: 'https://github.com/o/r/issues/12',
        labels: issue.labels,
      },
      'Q4/2026',
    );
    expect(read).toMatchObject({
      title: topic.title,
      areas: ['control-plane'],
      kind: 'hacking',
      teamSize: 'medium',
      fastTrack: true,
    });
    expect(read?.description).toBe(`${topic.description}\n\n- https://example.org/design`);
  });

  it('opens a discussion as the discussion template does', () => {
    const discussion = issueForTopic(
      { ...topic, kind: 'discussion', teamSize: null, fastTrack: false, links: [], description: '' },
      { eventLabel: 'Q4/2026', proposerName: 'Bob', permalink: null },
    );
    expect(discussion.body).toContain(
      '**How to categorize this discussion?**\n/area control-plane\n/kind discussion',
    );
    expect(discussion.body).toContain('_Proposed by Bob in Slack._');
    expect(discussion.labels).toEqual(['Q4/2026', 'kind/discussion']);
    const read = topicFromIssue(
      {
        number: 13,
        title: 't',
        body: discussion.body,
        html_url: 'https://github.com/o/r/issues/13',
        labels: discussion.labels,
      },
      'Q4/2026',
    );
    expect(read?.kind).toBe('discussion');
    expect(read?.description).toBe('');
  });
});
