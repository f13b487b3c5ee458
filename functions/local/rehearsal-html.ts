import type { RecordedCall } from './dev/slack-stand-in.js';

type Block = {
  type: string;
  text?: { text?: string };
  elements?: Array<Record<string, unknown>>;
  label?: { text?: string };
  fields?: Array<{ text?: string }>;
};

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Slack mrkdwn (already escaped for Slack) as HTML: bold, italics, strike, code, links, mentions, line breaks. */
function mrkdwn(text: string, names: ReadonlyMap<string, string>): string {
  // Slack's own escapes (&amp; &lt; &gt;) are valid HTML entities already; only raw markup needs escaping.
  return text
    .replace(
      /<@([A-Z0-9]+)>/g,
      (_, id: string) =>
        `\uE000span class="mention"\uE001@${escapeHtml(names.get(id) ?? id)}\uE000/span\uE001`,
    )
    .replace(/<#([A-Z0-9]+)(\|[^>]*)?>/g, '\uE000span class="mention"\uE001#rehearsal\uE000/span\uE001')
    .replace(
      /<([^|>]+)\|([^>]+)>/g,
      (_, url: string, label: string) => `\uE000a href="${escapeHtml(url)}"\uE001${label}\uE000/a\uE001`,
    )
    .replace(/"/g, '&quot;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\uE000/g, '<')
    .replace(/\uE001/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/`([^`]+)`/g, '<code>$1</code>')
    .replace(/(^|[\s(])\*([^*\n]+)\*/g, '$1<b>$2</b>')
    .replace(/(^|[\s(])_([^_\n]+)_/g, '$1<i>$2</i>')
    .replace(/(^|[\s(])~([^~\n]+)~/g, '$1<s>$2</s>')
    .replace(/\n/g, '<br>');
}

function renderBlocks(blocks: readonly Block[], names: ReadonlyMap<string, string>): string {
  return blocks
    .map((block) => {
      switch (block.type) {
        case 'header':
          return `<h3>${escapeHtml(block.text?.text ?? '')}</h3>`;
        case 'section':
          return `<p>${mrkdwn(block.text?.text ?? '', names)}</p>`;
        case 'context':
          return `<p class="context">${(block.elements ?? []).map((e) => mrkdwn(String(e.text ?? ''), names)).join(' ')}</p>`;
        case 'divider':
          return '<hr>';
        case 'actions':
          return `<p>${(block.elements ?? [])
            .map(
              (e) =>
                `<button>${escapeHtml(String((e.text as { text?: string } | undefined)?.text ?? ''))}</button>`,
            )
            .join(' ')}</p>`;
        case 'input':
          return `<label>${escapeHtml(block.label?.text ?? '')}<span class="field"></span></label>`;
        default:
          return '';
      }
    })
    .join('\n');
}

/**
 * One HTML page with every message, update, private answer, form and Home tab the bot produced in the rehearsal,
 * in order, so the whole product can be looked at in a browser. Topic cards carry the class `card`.
 */
export function rehearsalHtml(
  title: string,
  calls: readonly RecordedCall[],
  names: ReadonlyMap<string, string>,
): string {
  const items = calls.flatMap((call, index) => {
    const parse = (value: unknown) => (typeof value === 'string' ? (JSON.parse(value) as unknown) : value);
    let kind = '';
    let blocks: Block[] = [];
    let heading = '';
    if (
      call.method === 'chat.postMessage' ||
      call.method === 'chat.update' ||
      call.method === 'chat.postEphemeral'
    ) {
      blocks = (parse(call.args.blocks) as Block[] | undefined) ?? [
        { type: 'section', text: { text: String(call.args.text ?? '') } },
      ];
      const channel = String(call.args.channel ?? '');
      const isCard = JSON.stringify(blocks).includes('"block_id":"topic_actions"');
      kind = isCard ? 'card' : call.method === 'chat.postEphemeral' ? 'ephemeral' : 'message';
      heading =
        call.method === 'chat.postEphemeral'
          ? `only ${names.get(String(call.args.user)) ?? call.args.user} sees this`
          : channel.startsWith('C')
            ? `${call.method === 'chat.update' ? 'updated' : call.args.thread_ts ? 'thread reply' : 'posted'} in #rehearsal`
            : `direct message to ${names.get(channel) ?? channel}`;
    } else if (call.method === 'views.open' || call.method === 'views.publish') {
      const view = parse(call.args.view) as { title?: { text?: string }; blocks?: Block[] };
      blocks = view.blocks ?? [];
      kind = 'modal';
      heading = call.method === 'views.publish' ? 'Home tab' : `form: ${view.title?.text ?? ''}`;
    } else return [];
    return [
      `<section class="${kind}" id="m${index}"><div class="meta">${escapeHtml(heading)}</div>${renderBlocks(blocks, names)}</section>`,
    ];
  });
  // The channel as it ended: each topic card in its last version, before the log of everything in order.
  const finalCards = new Map<string, string>();
  for (const call of calls) {
    if (call.method !== 'chat.postMessage' && call.method !== 'chat.update') continue;
    const blocks = typeof call.args.blocks === 'string' ? (JSON.parse(call.args.blocks) as Block[]) : [];
    if (!JSON.stringify(blocks).includes('"block_id":"topic_actions"')) continue;
    const key = /#(\d+)/.exec(blocks[0]?.text?.text ?? '')?.[1] ?? String(finalCards.size);
    finalCards.set(key, `<section class="card">${renderBlocks(blocks, names)}</section>`);
  }
  const cardsNow = [...finalCards].sort(([a], [b]) => Number(a) - Number(b)).map(([, html]) => html);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>
body{font-family:system-ui,sans-serif;max-width:860px;margin:2rem auto;background:#f8f8f8;color:#1d1c1d}
section{background:#fff;border:1px solid #ddd;border-radius:8px;padding:.6rem 1rem;margin:.8rem 0}
section.card{border-left:6px solid #1f5130} section.ephemeral{border-style:dashed} section.modal{border-left:4px solid #4a154b}
.meta{font-size:.75rem;color:#616061;text-transform:uppercase;letter-spacing:.03em}
.context{font-size:.85rem;color:#616061} .mention{background:#e8f5fa;color:#1264a3;border-radius:3px;padding:0 2px}
button{border:1px solid #ccc;background:#fff;border-radius:4px;padding:.2rem .6rem;margin-right:.3rem}
label{display:block;margin:.4rem 0;font-weight:600} .field{display:block;border:1px solid #ccc;height:1.6rem;border-radius:4px}
code{background:#f2f2f2;padding:0 3px;border-radius:3px}
</style></head><body>
<h1>${escapeHtml(title)}</h1>
<h2 id="cards">Topic cards as the hackathon ended (${cardsNow.length})</h2>
${cardsNow.join('\n')}
<h2 id="log">Everything, in order: ${items.length} messages, updates and forms</h2>
${items.join('\n')}
</body></html>
`;
}

type Json = Record<string, unknown>;

/**
 * The GitHub side of the rehearsal as one page: each issue of the repository with its labels, state and
 * assignees, and its comments (htg's results comment among them) as the Markdown GitHub would render. Pull
 * requests are listed apart, with their state.
 */
export function gitHubHtml(
  title: string,
  issues: readonly Json[],
  commentsOf: (number: number) => Json[],
): string {
  const login = (user: unknown) => String((user as { login?: string } | null)?.login ?? 'ghost');
  const stateOf = (item: Json) =>
    (item.pull_request as { merged_at?: string | null } | undefined)?.merged_at
      ? 'merged'
      : String(item.state);
  const sections = issues.map((item) => {
    const labels = ((item.labels as Array<{ name?: string }> | undefined) ?? []).map((l) => l.name ?? '');
    const assignees = ((item.assignees as unknown[] | undefined) ?? []).map(login);
    const comments = commentsOf(Number(item.number)).map(
      (c) =>
        `<div class="comment"><div class="meta">${escapeHtml(login(c.user))} commented</div><pre>${escapeHtml(String(c.body ?? ''))}</pre></div>`,
    );
    const kind = item.pull_request ? 'pull' : 'issue';
    return `<section class="${kind}" id="${kind}${String(item.number)}">
<h3><a href="${escapeHtml(String(item.html_url))}">#${String(item.number)}</a> ${escapeHtml(String(item.title))} <span class="state">${escapeHtml(stateOf(item))}</span></h3>
<div class="meta">opened by ${escapeHtml(login(item.user))}${labels.length ? ` · labels: ${labels.map(escapeHtml).join(', ')}` : ''}${assignees.length ? ` · assigned: ${assignees.map(escapeHtml).join(', ')}` : ''}</div>
<pre>${escapeHtml(String(item.body ?? ''))}</pre>
${comments.join('\n')}
</section>`;
  });
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>
body{font-family:system-ui,sans-serif;max-width:860px;margin:2rem auto;background:#f6f8fa;color:#1f2328}
section{background:#fff;border:1px solid #d0d7de;border-radius:6px;padding:.6rem 1rem;margin:.8rem 0}
section.pull{border-left:6px solid #8250df} .state{font-size:.8rem;border-radius:1rem;padding:0 .5rem;background:#dafbe1}
.meta{font-size:.8rem;color:#59636e} pre{white-space:pre-wrap;font-size:.85rem;background:#f6f8fa;padding:.4rem}
.comment{border-top:1px solid #d0d7de;margin-top:.5rem;padding-top:.3rem}
</style></head><body>
<h1>${escapeHtml(title)}</h1>
<p>${issues.filter((i) => !i.pull_request).length} issues and ${issues.filter((i) => i.pull_request).length} pull requests.</p>
${sections.join('\n')}
</body></html>
`;
}
