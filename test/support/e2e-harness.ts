// Shared pieces of the end-to-end suites: the built endpoint as a child
// process, a host page on another origin that embeds the workspace in an
// iframe (as Genesys does), Chromium via Playwright, and DOM readers.
import { createServer, type Server } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type Frame, type FrameLocator, type Page, chromium } from 'playwright-core';
import { type EndpointProcess, control, freePort, startEndpoint } from './endpoint-process.js';
import { chromiumArgs, chromiumPath } from './chromium.mjs';
import { escapeHtml } from '../../demo/html.js';

export const DEMO_TOKEN = 'ac0ffee5d3a7b2c1e9f80417d6b5a4c3928170fedcba98765432100123456789';

export interface ShownMessage {
  who: string;
  text: string;
  state: string;
}

/** One request the host origin received (for referrer and exfiltration checks). */
export interface Recorded {
  path: string;
  referer: string | undefined;
}

export class E2E {
  endpoint!: EndpointProcess;
  /** requests to `/collect/…` on the host origin, oldest first */
  readonly recorded: Recorded[] = [];
  port = 0;
  genesysPort = 0;
  dataDir = '';
  host!: Server;
  hostUrl = '';
  browser!: Browser;
  page!: Page;
  /** console errors and page errors of the current page */
  readonly consoleProblems: string[] = [];

  /** `allowedConsole`: console errors a suite expects (a tile that crashes on purpose) */
  constructor(readonly allowedConsole?: RegExp) {}

  async start(stepMs = 100): Promise<void> {
    this.port = await freePort();
    this.genesysPort = await freePort();
    this.dataDir = mkdtempSync(join(tmpdir(), 'acw-e2e-'));
    this.host = await startHost(this.recorded);
    const address = this.host.address();
    this.hostUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    this.endpoint = await startEndpoint(this.#endpointOptions(stepMs));
    this.browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
  }

  /** the host page that embeds the script directly (`/snippet`) opens sockets from its own origin */
  #endpointOptions(stepMs: number) {
    return {
      port: this.port,
      genesysPort: this.genesysPort,
      dataDir: this.dataDir,
      stepMs,
      env: {
        ACW_ALLOWED_ORIGINS: this.hostUrl,
        // the host pages of these tests may talk to the workspace (host bridge)
        ACW_HOST_ORIGINS: [
          this.hostUrl,
          `http://127.0.0.1:${this.genesysPort}`,
          `http://localhost:${this.genesysPort}`,
        ].join(' '),
      },
    };
  }

  async restartEndpoint(signal: NodeJS.Signals = 'SIGTERM', stepMs = 100): Promise<void> {
    await this.endpoint.stop(signal);
    this.endpoint = await startEndpoint(this.#endpointOptions(stepMs));
  }

  /**
   * The README's embedding snippet on the host origin: the script and the
   * element, no tile-frame (html tiles in their fallback frame), no CSP and
   * no referrer policy; the session comes from this page's own URL.
   */
  snippetUrl(sessionId: string, extra = ''): string {
    const endpoint = encodeURIComponent(this.endpoint.url);
    return `${this.hostUrl}/snippet?endpoint=${endpoint}&userId=customer-jane&sessionId=${sessionId}&URLToken=${DEMO_TOKEN}${extra}`;
  }

  async stop(): Promise<void> {
    await this.browser?.close();
    await this.endpoint?.stop();
    await new Promise((r) => this.host?.close(r));
    rmSync(this.dataDir, { recursive: true, force: true });
  }

  /** A fresh page whose console errors and page errors are collected. */
  async newPage(viewport = { width: 520, height: 760 }): Promise<Page> {
    this.consoleProblems.length = 0;
    this.page = await this.browser.newPage({ viewport });
    this.page.on('console', (m) => {
      if (
        m.type() === 'error' &&
        !/Failed to load resource|ERR_CONNECTION_REFUSED/.test(m.text())
      ) {
        this.consoleProblems.push(m.text());
      }
    });
    this.page.on('pageerror', (e) => this.consoleProblems.push(`pageerror: ${e.message}`));
    return this.page;
  }

  /**
   * Closes the page and waits until its sockets are gone from the endpoint;
   * fails (the test that used the page) on any console error, page error or
   * CSP violation the suite does not expect.
   */
  async closePage(): Promise<void> {
    const problems = this.consoleProblems.filter((p) => !this.allowedConsole?.test(p));
    this.consoleProblems.length = 0;
    await this.page?.close();
    await until(
      () => this.openSockets(),
      (n) => n === 0,
      'sockets of the closed page to go away',
    );
    if (problems.length > 0)
      throw new Error(`console problems on the page:\n${problems.join('\n')}`);
  }

  sessionUrl(sessionId: string, extra = ''): string {
    return `${this.endpoint.url}/?userId=customer-jane&sessionId=${sessionId}&URLToken=${DEMO_TOKEN}${extra}`;
  }

  key(sessionId: string) {
    return { URLToken: DEMO_TOKEN, userId: 'customer-jane', sessionId };
  }

  async openInIframe(src: string): Promise<{ frame: FrameLocator; raw: () => Frame }> {
    await this.page.goto(`${this.hostUrl}/host?src=${encodeURIComponent(src)}`);
    const raw = () => {
      const f = this.page
        .frames()
        .find(
          (x) => x.url().startsWith(this.endpoint.url) && x.parentFrame() === this.page.mainFrame(),
        );
      if (!f) throw new Error('workspace frame not found');
      return f;
    };
    return { frame: this.page.frameLocator('iframe[title="Copilot workspace"]'), raw };
  }

  async openSockets(): Promise<number> {
    return (await control<{ sockets: number }>(this.endpoint.url, 'GET', 'health')).sockets;
  }
}

/**
 * A page on ANOTHER origin that embeds the workspace URL in an iframe
 * (`/host`), or the script directly (`/snippet`); `/collect/…` records the
 * requests it gets, with their Referer.
 */
function startHost(recorded: Recorded[]): Promise<Server> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname.startsWith('/collect/')) {
      recorded.push({ path: req.url ?? '', referer: req.headers.referer });
      res.writeHead(200, { 'content-type': 'image/gif', 'access-control-allow-origin': '*' });
      res.end(Buffer.from('R0lGODlhAQABAAAAACH5BAEKAAEALAAAAAABAAEAAAICTAEAOw==', 'base64'));
    } else if (url.pathname === '/snippet') {
      const endpoint = url.searchParams.get('endpoint') ?? '';
      // (`transports`: the element's attribute, when the test names it)
      const transports = url.searchParams.get('transports');
      const extra = transports === null ? '' : ` transports="${escapeHtml(transports)}"`;
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(`<!doctype html><html lang="en"><title>Integrator page</title>
        <script src="${escapeHtml(endpoint)}/acw-workspace.js" defer></script>
        <body style="margin:0"><main><acw-workspace endpoint="${escapeHtml(endpoint)}"${extra}
        style="height:100vh"></acw-workspace></main></body></html>`);
    } else if (url.pathname === '/host') {
      const src = url.searchParams.get('src') ?? '';
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(`<!doctype html><html lang="en"><title>Agent desktop</title>
        <body style="margin:0"><iframe title="Copilot workspace" src="${escapeHtml(src)}"
        style="border:0;width:100vw;height:100vh"></iframe></body></html>`);
    } else if (url.pathname === '/blank') {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<!doctype html><html lang="en"><title>blank</title><body></body></html>');
    } else {
      res.writeHead(404).end();
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/**
 * What the transcript shows, read from the DOM of the workspace frame. The
 * log is virtualized (only rows near the view are in the DOM), so the log is
 * scrolled from top to bottom and every row is read once, by its index; it is
 * left at the bottom, where it follows again.
 */
export function shownMessages(frame: Frame): Promise<ShownMessage[]> {
  return frame.evaluate(async () => {
    const tile = document
      .querySelector('acw-workspace')
      ?.shadowRoot?.querySelector('acw-grid')
      ?.shadowRoot?.querySelector('acw-transcript-tile')?.shadowRoot;
    const scroller = tile?.querySelector<HTMLElement>('[role="log"]');
    if (!tile || !scroller) return [];
    const seen = new Map<number, { who: string; text: string; state: string }>();
    const read = () => {
      for (const m of tile.querySelectorAll('[part="message"]')) {
        seen.set(Number(m.getAttribute('data-index')), {
          who: m.querySelector('.who')?.textContent ?? '',
          text: (m.querySelector('.bubble')?.textContent ?? '').replace(/\s+/g, ' ').trim(),
          state: (m.querySelector('.state')?.textContent ?? '').replace(/\s+/g, ' ').trim(),
        });
      }
    };
    const frameDone = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    scroller.scrollTop = 0;
    await frameDone();
    // down a page at a time; at the bottom, the estimated height may still grow as the last rows
    // are measured, so it stops only when the bottom holds for a few frames
    let steady = 0;
    for (let guard = 0; guard < 2000 && steady < 3; guard++) {
      await frameDone();
      read();
      const height = scroller.scrollHeight;
      if (scroller.scrollTop + scroller.clientHeight >= height - 2) {
        steady += 1;
        scroller.scrollTop = height;
      } else {
        steady = 0;
        scroller.scrollTop += Math.max(40, scroller.clientHeight * 0.8);
      }
    }
    scroller.scrollTop = scroller.scrollHeight;
    await frameDone();
    return [...seen.entries()].sort((a, b) => a[0] - b[0]).map(([, v]) => v);
  });
}

/** Every text node and attribute value in the frame, shadow roots included. */
export function deepText(frame: Frame): Promise<string> {
  return frame.evaluate(() => {
    let out = '';
    const walk = (n: Node) => {
      if (n.nodeType === Node.TEXT_NODE) out += `${(n as Text).data} `;
      if (n instanceof Element) {
        for (const a of n.attributes) out += `${a.value} `;
        if (n.shadowRoot) walk(n.shadowRoot);
        if (n instanceof HTMLTextAreaElement) out += `${n.value} `;
      }
      for (const c of n.childNodes) walk(c);
    };
    walk(document.documentElement);
    return out;
  });
}

/** Polls `fn` until `ok`; the interval is a condition wait, not a fixed sleep. */
export async function until<T>(
  fn: () => Promise<T>,
  ok: (v: T) => boolean,
  what: string,
  ms = 15_000,
): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (ok(v)) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
