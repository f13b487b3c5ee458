import { describe, expect, it } from 'vitest';
import { parseTopicList } from '../../functions/markdown/topic-list.js';
import { countBy } from '../helpers/count.js';
import { fixtureText } from '../helpers/fixtures.js';

const seedBoard = await parseTopicList(fixtureText('seeds/hack-the-garden-2023-11-topics-board.txt'));
const may2026 = await parseTopicList(fixtureText('hackathons/2026-05-topic-list-only.md'));

describe('parseTopicList on the Hack The Garden 11/2023 seed board', () => {
  const topics = seedBoard;

  it('finds every proposal of the "All Proposals" section, by category, and nothing from the voting section', () => {
    expect(topics).toHaveLength(28);
    expect(countBy(topics.map((t) => t.category))).toEqual({
      Core: 11,
      Extensions: 6,
      Networking: 3,
      Observability: 2,
      Security: 2,
      Other: 2,
      Gaming: 2,
    });
    expect(topics.map((t) => t.title)).not.toContain('Air-gapped clusters (7 votes)');
  });

  it('keeps nested detail bullets as the description', () => {
    const airGapped = topics.find((t) => t.title === 'air-gapped clusters');
    expect(airGapped?.description).toBe(
      [
        '- FI-TS just started to design how this could look like',
        '- how to handle registry and DNS',
        '- design is ongoing, but might be interesting to discuss',
      ].join('\n'),
    );
    const flux = topics.find((t) => t.title.startsWith('rework '));
    expect(flux?.description).toContain('```yaml');
    expect(flux?.description).toContain('- [x] Drop vendor folder');
  });

  it('turns Markdown links in titles into text and collects links from titles and details', () => {
    const expose = topics.find((t) => t.title === 'Expose Extension Provider Status in Garden Cluster');
    expect(expose?.links).toEqual(['https://github.com/gardener/gardener/issues/3873']);
    const apis = topics.find((t) => t.title.startsWith('Publish `g/g/pkg/apis`'));
    expect(apis?.links).toEqual([
      'https://github.com/kubernetes/api',
      'https://github.com/kubernetes/community/blob/master/contributors/devel/sig-architecture/staging.md',
      'https://github.com/kubernetes/publishing-bot',
      'https://github.com/gardener/gardener/issues/2871',
      'https://github.com/gardener/gardener/issues/5978',
    ]);
  });

  it('recognises discussion and fast-track topics from their wording', () => {
    expect(topics.find((t) => t.title.startsWith('IPv6'))?.kind).toBe('discussion');
    expect(topics.find((t) => t.title.startsWith('ETCD Encryption'))?.fastTrack).toBe(true);
    expect(topics.filter((t) => t.fastTrack)).toHaveLength(1);
  });

  it('reads topics written without a dash under their heading, up to the last line without a newline', () => {
    expect(
      topics.filter((t) => t.category === 'Gaming').map(({ title, emoji }) => ({ title, emoji })),
    ).toEqual([
      { title: 'Play Table Tennis 🏓', emoji: '🏓' },
      { title: 'Billard is also there 🎱', emoji: '🎱' },
    ]);
  });
});

describe('parseTopicList on the 05/2026 topic list (wrap-up headings)', () => {
  const topics = may2026;

  it('finds the 15 topics with their emoji and tracking issue, and no category', () => {
    expect(topics).toHaveLength(15);
    expect(topics[0]).toEqual({
      title: 'Complete the `ManagedSeedSet` Implementation',
      category: null,
      description: '',
      links: ['https://github.com/gardener/hackathon/issues/52'],
      emoji: '🌱',
      kind: 'hacking',
      fastTrack: false,
    });
    expect(topics.every((t) => t.category === null && t.links.length === 1 && t.emoji)).toBe(true);
    expect(topics.map((t) => t.title)).toContain(
      '[GEP-28] Run `Garden` and `Seed` in Self-Hosted Shoot Cluster on Managed Infrastructure',
    );
    expect(topics.find((t) => t.title.startsWith('[GEP-28] Run'))?.emoji).toBe('⚙️');
  });

  it('ignores the front matter, the metadata bullets, HTML and images', () => {
    const text = JSON.stringify(topics);
    expect(text).not.toContain('Schlosshof');
    expect(text).not.toContain('img');
    expect(text).not.toContain('apeirora');
  });
});

describe('parseTopicList on small inputs', () => {
  it('reads a plain bullet list without headings', async () => {
    expect(
      (await parseTopicList('- One\n- Two [doc](https://example.com/d)\n')).map((t) => [
        t.title,
        t.category,
        t.links,
      ]),
    ).toEqual([
      ['One', null, []],
      ['Two doc', null, ['https://example.com/d']],
    ]);
  });

  it('finds nothing in text without a list', async () => {
    expect(await parseTopicList('Just some prose.\nAnd more.')).toEqual([]);
    expect(await parseTopicList('')).toEqual([]);
  });
});

describe('parseTopicList reads the list as Markdown', () => {
  it('takes code blocks as details, never as headings or topics, and no links from code', async () => {
    const topics = await parseTopicList(
      [
        '```',
        '## not a topic',
        '```',
        '### Core',
        '- Topic with a config `https://api.example.com/v1`',
        '```yaml',
        '# not a category: https://example.com/in-code',
        '```',
        '- Next',
      ].join('\n'),
    );
    expect(
      topics.map(({ title, category, description, links }) => ({ title, category, description, links })),
    ).toEqual([
      {
        title: 'Topic with a config `https://api.example.com/v1`',
        category: 'Core',
        description: '```yaml\n# not a category: https://example.com/in-code\n```',
        links: [],
      },
      { title: 'Next', category: 'Core', description: '', links: [] },
    ]);
  });

  it('reads ordered lists, reference links, entities and escapes as they render', async () => {
    const topics = await parseTopicList(
      '### Core\n1. See [the design][d]\n2. AT&amp;T \\*not emphasis\\*\n\n[d]: https://example.com/design\n',
    );
    expect(topics.map(({ title, links }) => ({ title, links }))).toEqual([
      { title: 'See the design', links: ['https://example.com/design'] },
      { title: 'AT&T *not emphasis*', links: [] },
    ]);
  });

  it("keeps an item's first line as its title and the lines under it as details", async () => {
    const [topic] = await parseTopicList('### Core\n- Title\n  a line of detail\n  - a nested bullet\n');
    expect(topic?.title).toBe('Title');
    expect(topic?.description).toBe('a line of detail\n- a nested bullet');
  });
});
