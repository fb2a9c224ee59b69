/**
 * The demo Copilot Flow's tiles: what a real flow sends a workspace. Identity,
 * next-best-action and knowledge tiles are server-rendered HTML (using the
 * tile SDK and the field-compatible `replyBoxContent` message); the refund
 * form is an Adaptive Card.
 */
import type { LayoutConfig } from '../src/transport/protocol.js';
import type { StoredTile } from './session.js';
import { escapeHtml } from './html.js';

export const DEMO_LAYOUT: LayoutConfig = {
  grid: { columns: 3, rows: 8, gap: 10 },
  tiles: {
    transcript: { x: 1, y: 1, columns: 1, rows: 8 },
    identity: { x: 2, y: 1, columns: 2, rows: 2 },
    'next-action': { x: 2, y: 3, columns: 2, rows: 2 },
    knowledge: { x: 2, y: 5, columns: 1, rows: 4 },
    refund: { x: 3, y: 5, columns: 1, rows: 4 },
  },
};

/** Shared look of the demo tiles: system font, neutral, light and dark. */
// the workspace posts its theme into the tile (color-scheme and --acw-* tokens on the root):
// the tile paints with them, and with the system colours before they arrive
const STYLE = `<style>
  :root { color-scheme: light dark; font: 13px/1.4 var(--acw-font-family, system-ui, sans-serif); }
  body { margin: 0; padding: 10px 12px; color: var(--acw-color-text, CanvasText);
    background: var(--acw-color-surface, Canvas); }
  h3 { margin: 0 0 6px; font-size: 13px; }
  .muted { color: var(--acw-color-text-muted, GrayText); }
  .row { display: flex; gap: 8px; align-items: center; flex-wrap: wrap; }
  button { font: inherit; border-radius: 6px; padding: 3px 10px; cursor: pointer;
    border: 1px solid var(--acw-color-accent, #0b5cad); background: transparent;
    color: var(--acw-color-accent, #0b5cad); }
  button.primary { background: var(--acw-color-accent, #0b5cad); color: var(--acw-color-on-accent, #fff); }
  input { font: inherit; padding: 3px 8px; border-radius: 6px; min-inline-size: 0; flex: 1;
    border: 1px solid var(--acw-color-text-muted, GrayText); color: inherit; background: transparent; }
  .pill { display: inline-block; padding: 0 8px; border-radius: 999px; font-size: 12px;
    border: 1px solid var(--acw-color-text-muted, GrayText); }
  .ok { color: var(--acw-color-success, #1a7f37); border-color: var(--acw-color-success, #1a7f37); }
  dl { display: grid; grid-template-columns: auto 1fr; gap: 2px 10px; margin: 0; }
  dt { color: var(--acw-color-text-muted, GrayText); } dd { margin: 0; }
</style>`;

/** Identity: renders the customer from `metadata`; a later `sendTileData` marks them verified. */
export function identityTile(version = 1): StoredTile {
  const html = `${STYLE}
<div class="row"><h3 id="name">Customer</h3><span id="verified" class="pill">not verified</span></div>
<dl id="facts"></dl>
<script>
  function show(m) {
    if (m && m.customer) {
      document.getElementById('name').textContent = m.customer.name;
      var dl = document.getElementById('facts');
      dl.replaceChildren();
      [['Tier', m.customer.tier], ['Customer since', m.customer.since], ['Card', '•••• ' + m.customer.cardLast4], ['Open cases', m.customer.openCases]]
        .forEach(function (f) { var dt = document.createElement('dt'); dt.textContent = f[0]; var dd = document.createElement('dd'); dd.textContent = f[1]; dl.append(dt, dd); });
    }
    if (m && m.verified) { var v = document.getElementById('verified'); v.textContent = 'verified by card'; v.className = 'pill ok'; }
  }
  window.addEventListener('message', function (e) { if (e.source === parent) show(e.data); });
</script>`;
  return {
    id: 'identity',
    version,
    type: 'html',
    data: {
      html,
      metadata: {
        customer: {
          name: 'Jane Doe',
          tier: 'Gold',
          since: '2014',
          cardLast4: '1111',
          openCases: 0,
        },
      },
    },
  };
}

/**
 * Next best action: a suggested reply. Its Copy and Insert into reply are the
 * workspace's own (the tile header, from `suggestion`: one place, one status
 * saying where the text went, and the agent's feedback); the body only shows
 * it. (Tiles written for the Cognigy workspace bring their own buttons and post
 * `replyBoxContent`: test/fixtures/field-tiles.)
 */
export function nextActionTile(version: number, title: string, suggestion: string): StoredTile {
  const html = `${STYLE}
<h3>${escapeHtml(title)}</h3>
<p id="text" style="margin:0">${escapeHtml(suggestion)}</p>`;
  return { id: 'next-action', version, type: 'html', data: { html, suggestion } };
}

/** Knowledge: a search box that posts back; answers come back by sendTileData. */
export function knowledgeTile(version = 1): StoredTile {
  const html = `${STYLE}
<form id="f" class="row" style="margin-bottom:8px">
  <input id="q" name="q" aria-label="Search the knowledge base" placeholder="Search articles" value="chargeback">
  <button class="primary">Search</button>
</form>
<p id="status" class="muted" role="status" style="margin:0 0 6px"></p>
<ol id="answers" style="margin:0;padding-inline-start:18px"></ol>
<script>
  var status = document.getElementById('status');
  document.getElementById('f').onsubmit = function (e) {
    e.preventDefault();
    var q = document.getElementById('q').value;
    status.textContent = 'Searching…';
    window.SDK.postback({ type: 'knowledge-search', query: q }).then(
      function () { status.textContent = 'Searching…'; },
      function (err) { status.textContent = 'Search failed: ' + err.message; });
  };
  window.addEventListener('message', function (e) {
    if (e.source !== parent || !e.data || !Array.isArray(e.data.answers)) return;
    var ol = document.getElementById('answers'); ol.replaceChildren();
    status.textContent = e.data.answers.length ? e.data.answers.length + ' articles for “' + e.data.query + '”' : 'Nothing found for “' + e.data.query + '”';
    e.data.answers.forEach(function (a) {
      var li = document.createElement('li'); var b = document.createElement('strong'); b.textContent = a.title;
      var p = document.createElement('div'); p.className = 'muted'; p.textContent = a.summary; li.append(b, p); ol.append(li);
    });
  });
</script>`;
  return { id: 'knowledge', version, type: 'html', data: { html } };
}

const KB = [
  {
    title: 'Disputing a card transaction',
    summary: 'Block the card, open a dispute, provisional credit within 2 business days.',
    tags: ['dispute', 'chargeback', 'charge', 'fraud'],
  },
  {
    title: 'Chargeback time limits',
    summary: 'Customers have 120 days from the transaction date to dispute.',
    tags: ['chargeback', 'limit', 'days'],
  },
  {
    title: 'Replacing a blocked card',
    summary: 'New card ships in 3–5 days; express delivery is free for Gold tier.',
    tags: ['block', 'card', 'replace', 'gold'],
  },
  {
    title: 'Refunds to an external account',
    summary: 'Refunds go to the card by default; an IBAN needs a verified customer.',
    tags: ['refund', 'iban', 'account'],
  },
];

export function searchKnowledge(query: string) {
  const words = query.toLowerCase().split(/\W+/).filter(Boolean);
  const answers = KB.filter((a) =>
    words.some((w) => a.tags.some((t) => t.startsWith(w)) || a.title.toLowerCase().includes(w)),
  );
  return {
    query: query.slice(0, 200),
    answers: answers.map(({ title, summary }) => ({ title, summary })),
  };
}

/** The refund form, an Adaptive Card with validation, ShowCard and OpenUrl. */
export function refundCard(version = 1): StoredTile {
  return {
    id: 'refund',
    version,
    type: 'card',
    data: {
      type: 'AdaptiveCard',
      version: '1.5',
      body: [
        {
          type: 'TextBlock',
          text: 'Refund the disputed charge',
          weight: 'Bolder',
          size: 'Medium',
          wrap: true,
        },
        {
          type: 'FactSet',
          facts: [
            { title: 'Merchant', value: 'TechGear Online' },
            { title: 'Amount', value: '$249.99' },
            { title: 'Date', value: 'yesterday' },
          ],
        },
        {
          type: 'Input.ChoiceSet',
          id: 'reason',
          label: 'Reason',
          isRequired: true,
          errorMessage: 'Choose a reason',
          choices: [
            { title: 'Not recognised by the customer', value: 'unrecognised' },
            { title: 'Charged twice', value: 'duplicate' },
            { title: 'Goods not received', value: 'not-received' },
          ],
        },
        {
          type: 'Input.Toggle',
          id: 'blockCard',
          title: 'Block the card and send a new one',
          value: 'true',
        },
        {
          type: 'Input.Text',
          id: 'note',
          label: 'Note for the disputes team',
          isMultiline: true,
          maxLength: 500,
        },
      ],
      actions: [
        {
          type: 'Action.Submit',
          title: 'Confirm refund',
          style: 'positive',
          data: { action: 'refund' },
        },
        {
          type: 'Action.ShowCard',
          title: 'Policy',
          card: {
            type: 'AdaptiveCard',
            body: [
              {
                type: 'TextBlock',
                wrap: true,
                text: 'Refunds up to **$500** can be issued by the agent. See [the dispute policy](https://example.com/policy).',
              },
            ],
          },
        },
      ],
    },
  };
}

export function refundDoneCard(version: number, reference: string, reason: string): StoredTile {
  return {
    id: 'refund',
    version,
    type: 'card',
    data: {
      type: 'AdaptiveCard',
      version: '1.5',
      body: [
        {
          type: 'TextBlock',
          text: 'Refund issued',
          weight: 'Bolder',
          size: 'Medium',
          color: 'Good',
        },
        {
          type: 'FactSet',
          facts: [
            { title: 'Amount', value: '$249.99' },
            { title: 'Reason', value: reason },
            { title: 'Reference', value: reference },
          ],
        },
      ],
    },
  };
}
