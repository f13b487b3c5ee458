import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type GitHubIssue, topicFromIssue } from '../../functions/markdown/issue-topic.js';

const TEMPLATES = new URL(
  '../fixtures/hackathons/gardener-hackathon-repo/.github/ISSUE_TEMPLATE/',
  import.meta.url,
);

/** A template's body as GitHub puts it into a new issue: the text after its front matter. */
function templateBody(name: string): string {
  return readFileSync(new URL(name, TEMPLATES), 'utf8').replace(/^---\n[\s\S]*?\n---\n/, '');
}

/** The labels the template's front matter gives a new issue (`labels: 'Q4/2026', 'kind/discussion'`). */
function templateLabels(name: string): string[] {
  const line = /^labels:(.*)$/m.exec(readFileSync(new URL(name, TEMPLATES), 'utf8'))?.[1] ?? '';
  return [...line.matchAll(/'([^']+)'/g)].map((match) => match[1] as string);
}

const issue = (fields: Partial<GitHubIssue>): GitHubIssue => ({
  number: 42,
  title: 'Replace OpenVPN with WireGuard',
  html_url: 'https://github.com/gardener-community/hackathon/issues/42',
  labels: [{ name: 'Q4/2026' }],
  body: '',
  ...fields,
});

describe('a topic from a GitHub issue', () => {
  it('reads the Markdown topic template as a proposer fills it in: areas, kind, team size, fast track', () => {
    const body = templateBody('hackathon-topic.md')
      .replace('/area TODO', '/area networking\n/area security')
      .replace('/kind TODO', '/kind enhancement')
      .replace('/label teamsize/TODO', '/label teamsize/medium')
      .replace('<!-- /label fast-track -->', '/label fast-track')
      .replace(
        '**What is the topic about?**:',
        '**What is the topic about?**: Shoots reach their seed over WireGuard.\nSee https://github.com/gardener/gardener/issues/9999.',
      );
    const labels = [
      ...templateLabels('hackathon-topic.md').map((name) => ({ name })),
      { name: 'lifecycle/frozen' },
    ];
    expect(topicFromIssue(issue({ body, labels }), 'Q4/2026')).toEqual({
      title: 'Replace OpenVPN with WireGuard',
      description:
        'Shoots reach their seed over WireGuard.\nSee https://github.com/gardener/gardener/issues/9999.',
      areas: ['networking', 'security'],
      kind: 'hacking',
      teamSize: 'medium',
      fastTrack: true,
      links: ['https://github.com/gardener/gardener/issues/9999'],
      difficulty: null,
      issue: { number: 42, url: 'https://github.com/gardener-community/hackathon/issues/42' },
    });
  });

  it('leaves the template’s TODOs and its commented-out fast track unset', () => {
    const topic = topicFromIssue(issue({ body: templateBody('hackathon-topic.md') }), 'Q4/2026');
    expect(topic).toMatchObject({
      areas: [],
      kind: 'hacking',
      teamSize: null,
      fastTrack: false,
      description: '',
    });
  });

  it('reads the discussion template as a discussion topic, from its label', () => {
    const body = templateBody('hackathon-discussion.md')
      .replace('/area TODO', '/area documentation')
      .replace('**What is the discussion about?**:', '**What is the discussion about?**: How we write GEPs.');
    const labels = templateLabels('hackathon-discussion.md');
    expect(labels).toEqual(['Q4/2026', 'kind/discussion']);
    expect(topicFromIssue(issue({ title: 'GEP process', body, labels }), 'q4/2026')).toMatchObject({
      title: 'GEP process',
      description: 'How we write GEPs.',
      areas: ['documentation'],
      kind: 'discussion',
    });
  });

  it('reads the issue form as GitHub renders it: description, difficulty, ideal team size, resources', () => {
    // The form's ids and labels are those of hackathon-topic.yml; GitHub writes each field as a ### heading.
    expect(readFileSync(new URL('hackathon-topic.yml', TEMPLATES), 'utf8')).toContain(
      'label: Ideal Team Size',
    );
    const body = [
      '### Description',
      '',
      'Cache Go builds in Prow so that presubmits take minutes, not half an hour.',
      '',
      '### Estimated Difficulty',
      '',
      'Medium',
      '',
      '### Ideal Team Size',
      '',
      '2-4',
      '',
      '### Resources & References',
      '',
      '- https://github.com/gardener/ci-infra/issues/1234',
    ].join('\n');
    expect(topicFromIssue(issue({ title: 'Go build cache in Prow', body }), 'Q4/2026')).toMatchObject({
      description:
        'Cache Go builds in Prow so that presubmits take minutes, not half an hour.\n\n- https://github.com/gardener/ci-infra/issues/1234',
      difficulty: 'Medium',
      teamSize: 'medium',
      links: ['https://github.com/gardener/ci-infra/issues/1234'],
    });
    const empty = body
      .replace('2-4', '_No response_')
      .replace('- https://github.com/gardener/ci-infra/issues/1234', '_No response_');
    expect(topicFromIssue(issue({ body: empty }), 'Q4/2026')).toMatchObject({ teamSize: null, links: [] });
  });

  it('takes labels Prow set from the commands, and area labels as categories', () => {
    const labels = ['Q4/2026', 'area/monitoring', 'teamsize/large', 'fast-track'];
    expect(topicFromIssue(issue({ labels, body: 'Dashboards for everyone.' }), 'Q4/2026')).toMatchObject({
      description: 'Dashboards for everyone.',
      areas: ['monitoring'],
      teamSize: 'large',
      fastTrack: true,
    });
  });

  it('is no topic for a pull request or an issue without the event’s label', () => {
    expect(
      topicFromIssue(issue({ pull_request: { url: 'https://api.github.com/…' } }), 'Q4/2026'),
    ).toBeNull();
    expect(topicFromIssue(issue({ labels: ['Q2/2026'] }), 'Q4/2026')).toBeNull();
    expect(topicFromIssue(issue({ labels: [], body: null }), 'Q4/2026')).toBeNull();
  });
});
