import { describe, expect, it } from 'vitest';
import type { Topic, TopicDraft } from '../../functions/domain/topic.js';
import { boardMarkdown } from '../../functions/markdown/board.js';
import { wrapUpPageFromHackathon } from '../../functions/markdown/wrapup-from-hackathon.js';
import { renderWrapUpPage, type WrapUpPage } from '../../functions/markdown/wrapup-page.js';
import { aHackathon, anOutcome, aTopicDraft } from '../helpers/builders.js';
import { fixtureText } from '../helpers/fixtures.js';
import { parseWrapUpPage, sectionKey } from '../helpers/wrapup-page-parser.js';

const PAGES = 'hackathons/gardener-documentation/website/community/hackathons/';

/** The community's wrap-up pages and their topics, counted by hand (`## ` headings; 2021-11: `### `). */
const TOPIC_COUNTS: Record<string, number> = {
  '2021-11': 3,
  '2022-09': 8,
  '2023-05': 10,
  '2023-11': 10,
  '2024-05': 15,
  '2024-12': 23,
  '2025-06': 15,
  '2025-07': 9,
  '2025-11': 20,
  '2025-12': 11,
  '2026-03': 11,
  '2026-05': 15,
};
const MONTHS = Object.keys(TOPIC_COUNTS);

const page = (month: string) => fixtureText(`${PAGES}${month}.md`);
const squash = (text: string) => text.replace(/\s+/g, ' ').trim();

interface Tally {
  kept: number;
  total: number;
}

/** Every `](url)` target and every bare http(s) URL, as often as it occurs. */
function linksIn(markdown: string): string[] {
  const targets = [...markdown.matchAll(/\]\(([^)\s]+)\)/g)].map((match) => match[1] as string);
  const bare = (markdown.match(/https?:\/\/[^\s<>()[\]`"']+/g) ?? []).map((url) =>
    url.replace(/[.,;:!?*]+$/, ''),
  );
  return [...targets, ...bare];
}

/**
 * Parse → render → parse again. A title counts as kept when the re-rendered Markdown has its heading and the
 * second parse reads the same emoji and title at the same place; a section (or free-form preamble) when the
 * second parse has the same text (whitespace normalised) at the same place and the re-rendered Markdown
 * contains it; a link occurrence when the re-rendered Markdown has the link at least as often.
 */
function roundTrip(markdown: string) {
  const first = parseWrapUpPage(markdown);
  const rendered = renderWrapUpPage(first);
  const second = parseWrapUpPage(rendered);
  const lines = new Set(rendered.split('\n'));
  const flat = squash(rendered);
  const titles: Tally = { kept: 0, total: 0 };
  const sections: Tally = { kept: 0, total: 0 };
  first.topics.forEach((topic, t) => {
    const again = second.topics[t];
    titles.total++;
    const heading = `${'#'.repeat(topic.level ?? 2)} ${topic.emoji ? `${topic.emoji} ` : ''}${topic.title}`;
    if (lines.has(heading) && again?.title === topic.title && again.emoji === topic.emoji) titles.kept++;
    const texts = [
      { text: topic.preamble, back: again?.preamble },
      ...topic.sections.map((section, s) => ({ text: section.text, back: again?.sections[s]?.text })),
    ].filter(({ text }) => text !== '');
    for (const { text, back } of texts) {
      sections.total++;
      if (back !== undefined && squash(back) === squash(text) && flat.includes(squash(text))) sections.kept++;
    }
  });
  const links: Tally = { kept: 0, total: 0 };
  const renderedLinks = linksIn(rendered);
  const counts = new Map<string, number>();
  for (const url of renderedLinks) counts.set(url, (counts.get(url) ?? 0) + 1);
  for (const url of linksIn(markdown)) {
    links.total++;
    const left = counts.get(url) ?? 0;
    if (left > 0) {
      links.kept++;
      counts.set(url, left - 1);
    }
  }
  return { first, rendered, second, titles, sections, links };
}

const percent = ({ kept, total }: Tally) => (total === 0 ? 100 : (100 * kept) / total);
const show = (tally: Tally) => `${percent(tally).toFixed(1)}% (${tally.kept}/${tally.total})`;

describe('parseWrapUpPage / renderWrapUpPage on the twelve real wrap-up pages', () => {
  const results = Object.fromEntries(MONTHS.map((month) => [month, roundTrip(page(month))]));

  it('keeps every topic title, section text and link through parse → render → parse', () => {
    const overall = {
      titles: { kept: 0, total: 0 },
      sections: { kept: 0, total: 0 },
      links: { kept: 0, total: 0 },
    };
    for (const month of MONTHS) {
      const result = results[month];
      if (!result) throw new Error(month);
      console.log(
        `wrap-up ${month}: titles ${show(result.titles)}, section texts ${show(result.sections)}, links ${show(result.links)}`,
      );
      for (const kind of ['titles', 'sections', 'links'] as const) {
        overall[kind].kept += result[kind].kept;
        overall[kind].total += result[kind].total;
      }
      // No page needs an exception: every measure is 100% on every page.
      expect(percent(result.titles), `${month} titles`).toBe(100);
      expect(percent(result.sections), `${month} section texts`).toBe(100);
      expect(percent(result.links), `${month} links`).toBe(100);
    }
    console.log(
      `wrap-up overall: titles ${show(overall.titles)}, section texts ${show(overall.sections)}, links ${show(overall.links)}`,
    );
    expect(overall.titles.total).toBe(150);
    expect(overall.links.total).toBeGreaterThan(500);
  });

  it('finds the topics of each page, counted by hand', () => {
    expect(Object.fromEntries(MONTHS.map((month) => [month, results[month]?.first.topics.length]))).toEqual(
      TOPIC_COUNTS,
    );
  });

  it('reads its own output back unchanged: render(parse(page)) is a fixed point', () => {
    for (const month of MONTHS) {
      const result = results[month];
      expect(renderWrapUpPage(parseWrapUpPage(result?.rendered ?? '')), month).toBe(result?.rendered);
      const canonical = (p: WrapUpPage) =>
        p.topics.map((t) => ({ ...t, sections: t.sections.map(({ key, text }) => ({ key, text })) }));
      expect(canonical(result?.second as WrapUpPage), month).toEqual(canonical(result?.first as WrapUpPage));
    }
  });

  it('writes the pages that already use ### sections back byte for byte, headings made canonical', () => {
    for (const month of ['2021-11', '2022-09', '2025-11', '2025-12', '2026-03'])
      expect(results[month]?.rendered, month).toBe(page(month));
    expect(results['2026-05']?.rendered).toBe(page('2026-05').replace('### Next steps', '### Next Steps'));
  });

  it('turns inline bold labels into ### sections with the canonical headings, unknown labels kept', () => {
    const first = results['2023-05']?.first.topics[0];
    expect(first?.sections.map(({ heading, key }) => [heading, key])).toEqual([
      ['Problem Statement', 'problem'],
      ['Motivation/Benefits', 'motivation'],
      ['Achievements', 'achievements'],
      ['Next Steps', 'nextSteps'],
      ['Code', 'code'],
    ]);
    expect(first?.sections[4]?.text).toBe(
      'https://github.com/metal-stack/gardener/tree/gardener-node-agent, https://github.com/metal-stack/gardener/tree/gardener-node-agent-2',
    );
    // A label right after a section's label continues the labelled layout whatever it names.
    const shootState = results['2023-05']?.first.topics[4];
    expect(shootState?.sections.map((s) => s.key ?? s.heading)).toEqual([
      'problem',
      'motivation',
      'achievements',
      'nextSteps',
      'GEP Document',
      'Issue',
      'code',
    ]);
    // A "**Next Steps:**" text going on on the next line stays one section.
    expect(results['2023-05']?.first.topics[1]?.sections[3]?.text).toMatch(
      /^The many manually performed steps must be documented\.[\s\S]*\nGenerally, we have to discuss/,
    );
    const rendered = results['2023-05']?.rendered ?? '';
    expect(rendered).toContain(
      '### Motivation & Benefits\n\n💰 Reduction of costs due to less traffic, 📈 better scalability',
    );
    expect(rendered).toContain(
      '### Code & Pull Requests\n\nhttps://github.com/stackitcloud/gardener/tree/hackathon-ipv6',
    );
    expect(rendered).toContain(
      '### Issue\n\n[gardener/gardener#8001](https://github.com/gardener/gardener/issues/8001)',
    );
    expect(rendered).not.toMatch(/^\*\*(Problem Statement|Achievements|Next Steps):\*\*/m);
  });

  it('reads bold labels on their own line, the label then its text below', () => {
    const wireguard = results['2025-06']?.first.topics[0];
    expect(wireguard?.sections.map((s) => s.key)).toEqual([
      'problem',
      'motivation',
      'achievements',
      'nextSteps',
      'code',
    ]);
    expect(wireguard?.sections[4]?.text).toBe(
      [
        '* https://github.com/axel7born/gardener/tree/wireguard',
        '* https://github.com/axel7born/vpn2/tree/wireguard',
        '* https://github.com/majst01/mwgp',
      ].join('\n'),
    );
    // "**Achievements:** " with a trailing space and the list below it.
    expect(results['2025-06']?.first.topics[6]?.sections[2]?.text).toMatch(
      /^\* Annotations for project resources/,
    );
    // The last topic of 2025-07 ends in an empty "**Code/Pull Requests:**"; the funding logo after it is the outro.
    const last = results['2025-07']?.first.topics.at(-1);
    expect(last?.sections.at(-1)).toEqual({ heading: 'Code/Pull Requests', key: 'code', text: '' });
    expect(results['2025-07']?.first.outro).toBe('![ApeiroRA](https://apeirora.eu/assets/img/BMWK-EU.png)');
  });

  it('reads tracking blockquotes, the tip before them kept as the preamble (2026-03)', () => {
    const march = results['2026-03']?.first;
    expect(march?.topics.map((t) => t.tracking)).toEqual(
      [8, 16, 22, 14, 28, 31, 18, 24, 19, 21, 12].map(
        (n) => `[hackathon#${n}](https://github.com/gardener/hackathon/issues/${n})`,
      ),
    );
    expect(march?.topics[0]?.preamble).toBe(
      '> [!TIP]\n> You can find out more about [Self-Hosted Shoot Clusters in GEP-28](https://github.com/gardener/enhancements/blob/main/geps/0028-self-hosted-shoot-clusters).',
    );
    expect(march?.topics[3]?.sections.map((s) => s.key)).toEqual(['problem', 'outcome']);
    expect(march?.header.at(-1)).toEqual({
      icon: '📘',
      label: 'Topics',
      value: '[hackathon#41](https://github.com/gardener/hackathon/discussions/41)',
    });
    expect(march?.outro.split('\n\n')).toEqual([
      '---',
      '![Rooftop view from the SAP Center Sofia towards Vitosha mountain](./images/2026-03/sofia-bg.jpeg)',
      '---',
      '![ApeiroRA – Funded by the European Union NextGenerationEU](https://apeirora.eu/assets/img/BMWK-EU.png)',
    ]);
  });

  it('reads "### Outcome" and the lowercase "### Next steps" of 2026-05, links in titles kept', () => {
    const first = results['2026-05']?.first.topics[0];
    expect(first?.title).toBe(
      'Complete the `ManagedSeedSet` Implementation ([#52](https://github.com/gardener/hackathon/issues/52))',
    );
    expect(first?.sections.map(({ heading, key }) => [heading, key])).toEqual([
      ['Problem Statement', 'problem'],
      ['Outcome', 'outcome'],
      ['Next steps', 'nextSteps'],
    ]);
    expect(first?.sections[1]?.text).toMatch(
      /^After implementing and evaluating a WIP controller[\s\S]*maintenance cost\.$/,
    );
    expect(results['2026-05']?.first.intro).toMatch(/^<div style="display: flex;[\s\S]*<\/div>$/);
    expect(results['2026-05']?.first.outro).toBe(
      '<hr />\n\n![ApeiroRA](https://apeirora.eu/assets/img/BMWK-EU.png)',
    );
    // The table in the last topic's achievements is kept as written.
    expect(results['2026-05']?.first.topics[14]?.sections[1]?.text).toContain(
      '| 1       | 193    | 11,753           | 12,453  | **204.90 MB**  |',
    );
  });

  it('takes an emoji at the start of a title as the topic icon: ✅ included, ZWJ sequences whole', () => {
    const icon = (month: string, title: string) =>
      results[month]?.first.topics.find((t) => t.title === title)?.emoji;
    expect(icon('2025-12', 'Provide Validation Job of Kyverno Policies Without Kyverno')).toBe('✅');
    expect(icon('2026-03', 'Diki as a Service')).toBe('✅');
    expect(icon('2026-03', '[GEP-28] Self-Hosted Shoot Control Plane Restoration')).toBe('❤️‍🩹');
    expect(icon('2024-12', 'E2E Test Skeleton For Autonomous Shoot Clusters')).toBe('⛓️‍💥');
    expect(icon('2024-05', 'Extensions For Garden Cluster Via `gardener-operator`')).toBe('👨🏻‍🌾');
    expect(icon('2025-11', 'Load Balancer Controller For `provider-local`')).toBe('⚖️️');
    // An emoji at the end belongs to the title (the 🏎️ fast-track marker of 2025-06).
    expect(icon('2025-06', 'Expose EgressCIDRs in shoot-info `ConfigMap` 🏎️')).toBe('ℹ️');
    expect(results['2022-09']?.first.topics.every((t) => t.emoji === null)).toBe(true);
  });

  it('keeps free-form topics as their preamble, code blocks and unknown ### headings included (2025-11)', () => {
    const topics = results['2025-11']?.first.topics ?? [];
    const agent = topics.find((t) => t.title === 'Tool-Enabled Agent For Shoots');
    expect(agent?.sections).toEqual([]);
    expect(agent?.preamble).toMatch(
      /^We developed agents[\s\S]*\*\*Conclusion:\*\*\nThe tooling[\s\S]*knowledge sources\.$/,
    );
    const cache = topics.find((t) => t.title === 'Go Build Cache In Prow');
    expect(cache?.preamble).toMatch(/^\[Shafeeque\]\(https:\/\/github.com\/shafeeqes\) and \[Tobias\]/);
    expect(cache?.sections.map(({ heading, key }) => [heading, key])).toEqual([
      ['kind e2e tests without cache', null],
      ['kind e2e tests with cache', null],
    ]);
    expect(cache?.sections[0]?.text).toMatch(
      /^```terminaloutput\nreal {8}85m20\.914s[\s\S]*```\n\n!\[Prow CPU metrics/,
    );
    expect(results['2025-11']?.first.frontMatter).toEqual({
      title: 'November 2025',
      weight: -202511,
      rest: ['outline: 2'],
    });
  });

  it('reads the 2021-11 page, whose topics are ### headings under "## Preparation", "## Conclusion" the outro', () => {
    const november = results['2021-11']?.first;
    expect(november?.topics.map((t) => [t.level, t.title])).toEqual([
      [3, 'Kubernetes Control plane as a Service'],
      [3, 'Kubernetes Version per Worker Pool'],
      [3, 'Fast Tracks'],
    ]);
    expect(november?.intro).toMatch(
      /^!\[Group picture\][\s\S]*\n## Preparation\n\nFirst we collected[\s\S]*\(kind cluster provider\)$/,
    );
    expect(november?.outro).toMatch(/^## Conclusion\n\nThis is the beauty of Open Source collaboration!/);
    expect(november?.heading).toBe('Hack The Garden 11/2021 Wrap Up');
    expect(november?.header.map((h) => [h.icon, h.label, h.value])).toEqual([
      ['🗓️', 'Date', '02.11.2021 – 06.11.2021'],
      ['📍', 'Location', '[Mesnerhof C, Steinberg am Rofan, Österreich](https://www.mesnerhof-c.at/)'],
      ['👤', 'Organizer', '[x-cellent](https://www.x-cellent.com/)'],
      ['📘', 'Topics', '/'],
    ]);
  });

  it('names the outcome sections in every spelling the pages use', () => {
    expect(
      [
        'Problem Statement',
        'Motivation/Benefits',
        'Motivation & Benefits',
        'Achievements',
        'Next steps',
        'Code',
        'Code/Pull Requests',
        'Code & Pull Requests',
        'Outcome',
        'Issue',
        'Conclusion',
      ].map(sectionKey),
    ).toEqual([
      'problem',
      'motivation',
      'motivation',
      'achievements',
      'nextSteps',
      'code',
      'code',
      'code',
      'outcome',
      null,
      null,
    ]);
  });
});

// ---------------------------------------------------------------------------------------------------------
// htg's own hackathon

const hackathon = aHackathon({
  name: 'Hack The Garden 11/2026',
  startDate: '2026-11-23',
  endDate: '2026-11-27',
  location: 'Schlosshof Freizeitheim, Schelklingen',
  organizers: ['U0ORGANIZER'],
});
const names = new Map([
  ['U0ORGANIZER', 'Olga Organizer'],
  ['U0ALICE', 'Alice Example'],
  ['U0BOB', 'Bob Example'],
  ['U0DAVE', 'Dave Example'],
  ['U0ERIN', 'Erin Example'],
]);

function aTopic(number: number, draft: Partial<TopicDraft>, fields: Partial<Topic> = {}): Topic {
  return {
    ...aTopicDraft({ links: [], ...draft }),
    hackathonId: hackathon.id,
    number,
    proposerId: 'U0ALICE',
    status: 'proposed',
    card: null,
    voteCount: 0,
    interestCount: 0,
    members: [],
    createdAt: '2026-10-01T09:00:00.000Z',
    updatedAt: '2026-11-27T15:00:00.000Z',
    updatedBy: 'U0ALICE',
    withdrawnAt: null,
    ...fields,
  };
}

const topics: Topic[] = [
  aTopic(
    1,
    {
      title: 'Replace OpenVPN with WireGuard',
      category: 'Networking',
      links: [
        'https://github.com/gardener/hackathon/issues/70',
        'https://github.com/gardener/gardener/pull/14776',
      ],
    },
    {
      status: 'done',
      voteCount: 8,
      members: ['U0ALICE', 'U0BOB'],
      outcome: anOutcome({
        problem: 'The VPN between control plane and data plane uses OpenVPN, which is slow to reconnect.',
        motivation: '🚀 Modern VPN stack, ⚡️ faster reconnects.',
        achievements:
          '* Multiple shoots can be created with the WireGuard-based setup.\n* The Istio ingress scales to more than one replica.',
        nextSteps: 'Open the pull requests and test the throughput.',
        code: [
          'https://github.com/gardener/gardener/pull/14776',
          'https://github.com/metal-stack/gardener/tree/wireguard-3',
          'https://github.com/gardener/hackathon/issues/70',
        ],
        contributors: ['U0ALICE', 'U0BOB', 'Carol External'],
        highlight: 'WireGuard replaces OpenVPN for several shoots.',
        emoji: '🛡️',
      }),
    },
  ),
  aTopic(
    2,
    {
      title: 'Self-hosted shoot exposure in Cilium',
      category: 'Networking',
      emoji: '🐝',
      links: ['https://github.com/gardener/hackathon/issues/46'],
    },
    {
      status: 'in_progress',
      voteCount: 6,
      members: ['U0CAROL', 'U0DAVE'],
      checkIn: {
        achieved: 'Cilium connects to the API server via localhost.',
        blockers: '',
        by: 'U0DAVE',
        at: '2026-11-25T10:00:00.000Z',
      },
    },
  ),
  aTopic(
    3,
    {
      title: 'Gardenlet self-upgrade',
      category: 'Core',
      links: ['https://github.com/gardener/hackathon/issues/71'],
    },
    { status: 'dropped', statusNote: 'closed in favour of #2', voteCount: 5, members: ['U0ERIN'] },
  ),
  aTopic(4, { title: 'Compress `ManagedResource` secrets', category: 'Core' }, { status: 'not_picked' }),
  aTopic(
    5,
    { title: 'Air-gapped shoot clusters', category: 'Security', kind: 'discussion', teamSize: null },
    {
      status: 'done',
      voteCount: 7,
      outcome: anOutcome({
        problem: 'Customers want to limit internet access for shoot clusters.',
        achievements: 'A registry with the required images and allow-listed seed networks would do.',
        nextSteps: 'Collect feedback from the customers.',
        emoji: '🪟',
      }),
    },
  ),
  aTopic(
    6,
    {
      title: 'Add `./hack/update-skaffold-deps.sh`',
      category: 'Other',
      fastTrack: true,
      teamSize: 'small',
      links: ['https://github.com/gardener/gardener/pull/8766'],
    },
    { status: 'done', voteCount: 1, members: ['U0BOB'] },
  ),
  aTopic(7, { title: 'An idea taken back', category: 'Core' }, { status: 'withdrawn', voteCount: 3 }),
];

describe('wrapUpPageFromHackathon', () => {
  const wrapUp = wrapUpPageFromHackathon(hackathon, topics, names, {
    topicsLink: 'https://github.com/gardener/hackathon/discussions/90',
  });
  const markdown = renderWrapUpPage(wrapUp);

  it('writes the page in the community format: topics with work, most votes first, outcome sections, team', () => {
    expect(markdown).toBe(`---
title: Hack The Garden 11/2026
weight: -202611
outline: 2
---

# Hack The Garden 11/2026 Wrap Up

- 🗓️ **Date:** 23.11.2026 – 27.11.2026
- 📍 **Location:** Schlosshof Freizeitheim, Schelklingen
- 👤 **Organizer:** Olga Organizer
- 📘 **Topics:** [hackathon#90](https://github.com/gardener/hackathon/discussions/90)

## 🛡️ Replace OpenVPN with WireGuard

> **Tracking:** [hackathon#70](https://github.com/gardener/hackathon/issues/70)

### Problem Statement

The VPN between control plane and data plane uses OpenVPN, which is slow to reconnect.

### Motivation & Benefits

🚀 Modern VPN stack, ⚡️ faster reconnects.

### Achievements

* Multiple shoots can be created with the WireGuard-based setup.
* The Istio ingress scales to more than one replica.

### Next Steps

Open the pull requests and test the throughput.

### Code & Pull Requests

* [gardener/gardener#14776](https://github.com/gardener/gardener/pull/14776)
* [metal-stack/gardener:wireguard-3](https://github.com/metal-stack/gardener/tree/wireguard-3)

### Contributors

- Alice Example
- Bob Example
- Carol External

## 🪟 Discussion: Air-gapped shoot clusters

### Problem Statement

Customers want to limit internet access for shoot clusters.

### Achievements

A registry with the required images and allow-listed seed networks would do.

### Next Steps

Collect feedback from the customers.

## 🐝 Self-hosted shoot exposure in Cilium

> **Tracking:** [hackathon#46](https://github.com/gardener/hackathon/issues/46)

### Achievements

Cilium connects to the API server via localhost.

### Outcome

Still in progress at the wrap-up; the team has not written up its outcome.

### Contributors

- U0CAROL
- Dave Example

## Gardenlet self-upgrade

> **Tracking:** [hackathon#71](https://github.com/gardener/hackathon/issues/71)

### Outcome

Closed in favour of [Self-hosted shoot exposure in Cilium – hackathon#46](https://github.com/gardener/hackathon/issues/46).

### Contributors

- Erin Example

## Add \`./hack/update-skaffold-deps.sh\`

### Code & Pull Requests

* [gardener/gardener#8766](https://github.com/gardener/gardener/pull/8766)

### Outcome

Done at the wrap-up; the team has not written up its outcome.

### Contributors

- Bob Example
`);
  });

  it("applies the community's review rules: the issue cited once, only this hackathon's topics", () => {
    const issue = 'https://github.com/gardener/hackathon/issues/52';
    const page = renderWrapUpPage(
      wrapUpPageFromHackathon(
        hackathon,
        [
          aTopic(
            1,
            { title: `Complete the \`ManagedSeedSet\` implementation ([#52](${issue}))`, links: [issue] },
            { status: 'done', voteCount: 4, members: ['U0BOB'] },
          ),
          aTopic(2, { title: 'Shoot flavours (hackathon#53)' }, { status: 'done', voteCount: 3 }),
          aTopic(
            3,
            { title: 'Real load balancers for provider-local', links: [issue.replace('52', '54')] },
            // Taken out of this hackathon after a team had formed and even written something.
            {
              status: 'withdrawn',
              voteCount: 9,
              members: ['U0ALICE'],
              outcome: anOutcome({ achievements: 'Moved to the next hackathon.' }),
            },
          ),
        ],
        names,
      ),
    );
    expect(page).toContain(
      `## Complete the \`ManagedSeedSet\` implementation\n\n> **Tracking:** [hackathon#52](${issue})\n\n### Outcome\n\nDone at the wrap-up; the team has not written up its outcome.\n\n### Contributors\n\n- Bob Example\n`,
    );
    // Without an issue link there is no Tracking line, and the title stays as written.
    expect(page).toContain('## Shoot flavours (hackathon#53)\n\n### Outcome\n');
    expect(page).not.toContain('load balancers');
    // No topic heading is followed directly by another heading: every topic says something.
    expect(page).not.toMatch(/^## .*\n\n## /m);
  });

  it('reads its own page back as the same model', () => {
    expect(parseWrapUpPage(markdown)).toEqual(wrapUp);
  });

  it('takes the weight given, and leaves out what the hackathon does not have', () => {
    const bare = wrapUpPageFromHackathon(
      { ...hackathon, location: null, endDate: hackathon.startDate },
      [],
      names,
      {
        weight: 7,
      },
    );
    expect(renderWrapUpPage(bare)).toBe(`---
title: Hack The Garden 11/2026
weight: 7
outline: 2
---

# Hack The Garden 11/2026 Wrap Up

- 🗓️ **Date:** 23.11.2026
- 👤 **Organizer:** Olga Organizer
`);
  });
});

describe('boardMarkdown', () => {
  it('writes the board in the layout of the 11/2023 HackMD board', () => {
    expect(boardMarkdown(hackathon, topics, names)).toBe(`# Hack The Garden 11/2026 - Topics

## Votings

See all proposals [here](#all-proposals).

### Discussion Topics (probably no hacking)

- ✅ Air-gapped shoot clusters (7 votes)

### Initial Assignment / First Topics

- ✅ Replace OpenVPN with WireGuard (8 votes)
    - Alice Example
    - Bob Example
    - https://github.com/gardener/hackathon/issues/70
    - https://github.com/gardener/gardener/pull/14776
- 🚧 Self-hosted shoot exposure in Cilium (6 votes)
    - U0CAROL
    - Dave Example
    - https://github.com/gardener/hackathon/issues/46
- ~~Gardenlet self-upgrade~~ (5 votes) · dropped: closed in favour of "Self-hosted shoot exposure in Cilium"
    - Erin Example
    - https://github.com/gardener/hackathon/issues/71

### Fast Track

- ✅ Add \`./hack/update-skaffold-deps.sh\` (1 vote)
    - Bob Example
    - https://github.com/gardener/gardener/pull/8766

### More Topics To Pick Up

- 🙅‍♂️ Compress \`ManagedResource\` secrets (not voted)

## All Proposals

### Core

- Gardenlet self-upgrade (5 votes)
- Compress \`ManagedResource\` secrets (not voted)

### Networking

- Replace OpenVPN with WireGuard (8 votes)
- Self-hosted shoot exposure in Cilium (6 votes)

### Security

- Air-gapped shoot clusters (7 votes)

### Other

- Add \`./hack/update-skaffold-deps.sh\` (1 vote)
`);
  });
});

describe('parseWrapUpPage edge cases', () => {
  it('ignores headings and labels inside code blocks, reads CRLF, quotes a front matter title YAML would misread', () => {
    const markdown = [
      '---',
      'title: "Hack: The Garden"',
      'weight: 3',
      '---',
      '',
      '## 🚀 First',
      '',
      '**Problem Statement:** text',
      '',
      '```md',
      '## not a topic',
      '**Achievements:** not a section',
      '```',
      '',
      '## Second',
      '',
      'Some text',
      '---',
      '',
    ].join('\r\n');
    const parsed = parseWrapUpPage(markdown);
    expect(parsed.frontMatter).toEqual({ title: 'Hack: The Garden', weight: 3, rest: [] });
    expect(parsed.heading).toBeNull();
    expect(parsed.header).toEqual([]);
    expect(parsed.topics.map((t) => [t.emoji, t.title])).toEqual([
      ['🚀', 'First'],
      [null, 'Second'],
    ]);
    expect(parsed.topics[0]?.sections).toEqual([
      {
        heading: 'Problem Statement',
        key: 'problem',
        text: 'text\n\n```md\n## not a topic\n**Achievements:** not a section\n```',
      },
    ]);
    // "Some text\n---" is a heading underline, not a rule closing the page.
    expect(parsed.topics[1]?.preamble).toBe('Some text\n---');
    expect(parsed.outro).toBe('');
    const rendered = renderWrapUpPage(parsed);
    expect(
      rendered.startsWith(
        '---\ntitle: "Hack: The Garden"\nweight: 3\n---\n\n## 🚀 First\n\n### Problem Statement',
      ),
    ).toBe(true);
    expect(parseWrapUpPage(rendered).topics).toEqual(parsed.topics);
  });
});

describe('user text in the Markdown htg writes', () => {
  it('cannot inject HTML, scripts, links or front matter, and code spans stay as written', () => {
    const evil = {
      ...hackathon,
      name: 'Evil_Hack: <script>alert(1)</script>',
      location: '<iframe src=x>',
    };
    const title = '<img src=x onerror=alert(1)> [click](javascript:alert(1)) *loud* `a_b<c>`';
    const topic = {
      ...(topics[0] as Topic),
      title,
      statusNote: '<b>note</b>',
      outcome: anOutcome({
        achievements: '<div onclick="x">hi</div>\n[ok](https://example.org) [bad](javascript:alert(1))',
        contributors: ['Eve <evil@example.org>'],
        highlight: 'x',
      }),
    };
    const page = renderWrapUpPage(wrapUpPageFromHackathon(evil, [topic], names));
    const board = boardMarkdown({ ...evil, categories: ['Networking'] }, [topic], names);
    for (const markdown of [page, board]) {
      expect(markdown).not.toMatch(/<(script|img|iframe|div|b)\b/i);
      expect(markdown).not.toContain('javascript:');
      expect(markdown).toContain('\\[click\\](#alert(1))');
      expect(markdown).toContain('`a_b<c>`');
    }
    expect(page).toContain('title: "Evil_Hack: &lt;script&gt;alert(1)&lt;/script&gt;"');
    expect(page.match(/^---$/gm)).toHaveLength(2);
    expect(page).toContain('[ok](https://example.org) [bad](#alert(1))');
    expect(page).toContain('- Eve &lt;evil@example.org&gt;');
  });
});
