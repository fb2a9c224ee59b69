/**
 * The reference copilot endpoint (PROTOCOL §9): a socket.io server that
 * speaks the workspace protocol, keeps sessions in an on-disk journal, plays
 * a scripted conversation, serves the built workspace script and the
 * standalone page, and, in demo mode only, a loopback control API for tests
 * and QA.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Server, type Socket } from 'socket.io';
import {
  JoinPayload,
  PostbackPayload,
  SendMessagePayload,
  parseLayout,
} from '../src/transport/protocol.js';
import { ScriptRunner } from './script.js';
import { onPostback } from './flow.js';
import { tileFrameDocument } from '../src/transport/tile-sdk.js';
import { Session } from './session.js';
import { type EndpointConfig, defaultEndpoints, patchSettings } from './settings.js';
import { JournalStore, type SessionKey, keyString } from './store.js';
import { claimsMatch, signHs256, verifyHs256 } from './jwt.js';
import { randomBytes } from 'node:crypto';
import { escapeHtml } from './html.js';

export interface EndpointServerOptions {
  port?: number;
  host?: string;
  dataDir: string;
  /** folder holding the built `acw-workspace.js` */
  distDir: string;
  /** enables the control API and the scripted conversation */
  demo?: boolean;
  /** interval between scripted steps, ms */
  stepMs?: number;
  /** CSP frame-ancestors sources allowed to embed the standalone page */
  frameAncestors?: string[];
  /** extra page origins allowed to open sockets (the server's own origins always are) */
  allowedOrigins?: string[];
  /**
   * URL template of the tile-frame document html tiles load (`{tile}` becomes
   * a per-tile DNS label). Default: `http://{tile}.localhost:PORT/…` on
   * loopback, else this server's own `/tile-frame.html`.
   */
  tileFrame?: string;
  /** folder of the QA console files (qa.html, qa.js, qa.css) */
  pagesDir?: string;
  /** exact origins of pages allowed to embed the workspace and talk to it (host bridge) */
  hostOrigins?: string[];
  /**
   * Accept sockets from opaque origins (`Origin: null`): a workspace in a
   * sandbox without allow-same-origin has one. The session parameters (and
   * the JWT, when required), not the page origin, authorize a join. Default true.
   */
  allowNullOrigin?: boolean;
  /** demo mode: called by POST /__control/restart to restart the endpoint */
  onRestart?: () => void;
  /** writes one line per notable event; never tokens */
  log?: (line: string) => void;
}

export interface EndpointServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Genesys Cloud agent UI origins (one per region) and loopback, for demos. */
export const DEFAULT_FRAME_ANCESTORS = [
  "'self'",
  'https://apps.mypurecloud.com',
  'https://apps.mypurecloud.ie',
  'https://apps.mypurecloud.de',
  'https://apps.mypurecloud.jp',
  'https://apps.mypurecloud.com.au',
  'https://apps.usw2.pure.cloud',
  'https://apps.cac1.pure.cloud',
  'https://apps.euw2.pure.cloud',
  'https://apps.aps1.pure.cloud',
  'https://apps.apne2.pure.cloud',
  'https://apps.sae1.pure.cloud',
  'https://apps.use2.us-gov-pure.cloud',
  'http://127.0.0.1:*',
  'http://localhost:*',
];

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);
const MAX_BODY = 1 << 20;

/** An endpoint as the control API shows it: never its JWT secret. */
function publicEndpoint({
  jwtSecret: _secret,
  ...rest
}: EndpointConfig): Omit<EndpointConfig, 'jwtSecret'> {
  return rest;
}

function roomOf(key: SessionKey): string {
  return `s:${keyString(key)}`;
}

function pageHtml(
  endpoint: string,
  tileFrameTemplate: string | undefined,
  hostOrigins: readonly string[],
): string {
  // one host per tile: Chromium resolves *.localhost to loopback, and each
  // t-xxxx.localhost is a site of its own, so each tile gets its own process
  const u = new URL(endpoint);
  const loopback = u.hostname === '127.0.0.1' || u.hostname === 'localhost';
  const tileFrame =
    tileFrameTemplate ??
    (loopback
      ? `${u.protocol}//{tile}.localhost:${u.port}/tile-frame.html`
      : `${endpoint}/tile-frame.html`);
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <meta name="referrer" content="no-referrer" />
    <title>Agent Copilot Workspace</title>
    <link rel="stylesheet" href="/page.css" />
    <script src="/acw-workspace.js" defer></script>
  </head>
  <body>
    <main>
    <h1 class="sr-only">Agent Copilot Workspace</h1>
    <acw-workspace
      endpoint="${escapeHtml(endpoint)}"
      tile-frame="${escapeHtml(tileFrame)}"
      host-origins="${escapeHtml(hostOrigins.join(' '))}"
    ></acw-workspace>
    </main>
  </body>
</html>
`;
}

const TILE_FRAME = tileFrameDocument();

const PAGE_CSS = `html, body { margin: 0; block-size: 100%; }
body { background: Canvas; }
acw-workspace { block-size: 100vh; block-size: 100dvh; }
.sr-only { position: absolute; inline-size: 1px; block-size: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
`;

export async function startEndpointServer(options: EndpointServerOptions): Promise<EndpointServer> {
  const host = options.host ?? '127.0.0.1';
  const demo = options.demo ?? false;
  const stepMs = options.stepMs ?? 1800;
  const log = options.log ?? (() => {});
  const store = new JournalStore(options.dataDir);

  // ------------------------------------------------------------ endpoints and sessions
  const endpoints = new Map<string, EndpointConfig>();
  for (const e of store.readJson<EndpointConfig[]>('endpoints.json') ?? defaultEndpoints()) {
    endpoints.set(e.URLToken, e);
  }
  const saveEndpoints = () => store.writeJson('endpoints.json', [...endpoints.values()]);
  // every endpoint gets a JWT secret of its own, kept in the data folder
  let generated = false;
  for (const e of endpoints.values()) {
    if (!e.jwtSecret) {
      e.jwtSecret = randomBytes(32).toString('base64url');
      generated = true;
    }
  }
  if (generated) saveEndpoints();

  /** PROTOCOL §9: null when the join may go on, else the reason it is refused. */
  function authenticate(
    endpoint: EndpointConfig,
    key: SessionKey,
    auth: string | undefined,
  ): string | null {
    const s = endpoint.settings;
    if (!s.enableAgentCopilotAuthentication) return null;
    if (!auth) {
      return s.blockNonJWTRequests
        ? 'Authentication required: this endpoint only accepts signed (JWT) workspace links.'
        : null;
    }
    const v = verifyHs256(auth, endpoint.jwtSecret ?? '');
    if (!v.ok) return `Authentication failed: ${v.reason}.`;
    if (!claimsMatch(v.claims, key))
      return 'Authentication failed: the token was issued for another session.';
    return null;
  }

  const sessions = new Map<string, Session>();
  const runners = new Map<string, ScriptRunner>();

  function sessionFor(key: SessionKey): Session | undefined {
    const endpoint = endpoints.get(key.URLToken);
    if (!endpoint) return undefined;
    const k = keyString(key);
    let s = sessions.get(k);
    if (!s) {
      s = Session.open(key, store, () => endpoints.get(key.URLToken) ?? endpoint);
      const room = roomOf(key);
      s.broadcast = (event, payload) => io.to(room).emit(event, payload);
      sessions.set(k, s);
      if (endpoint.demoScript) runners.set(k, new ScriptRunner(s, stepMs));
    }
    return s;
  }

  // ------------------------------------------------------------ HTTP
  let selfOrigins = new Set<string>();
  const frameAncestors = options.frameAncestors ?? DEFAULT_FRAME_ANCESTORS;

  const http = createServer((req, res) => {
    handleHttp(req, res).catch(() => {
      if (!res.headersSent) send(res, 500, 'text/plain', 'internal error');
      else res.end();
    });
  });

  // ------------------------------------------------------------ socket.io
  const extraOrigins = new Set(options.allowedOrigins ?? []);
  const originAllowed = (origin: string | undefined) =>
    origin === undefined ||
    selfOrigins.has(origin) ||
    extraOrigins.has(origin) ||
    (origin === 'null' && options.allowNullOrigin !== false);

  const io = new Server(http, {
    path: '/socket.io',
    serveClient: false,
    maxHttpBufferSize: 1e6,
    cors: { origin: (origin, cb) => cb(null, originAllowed(origin)) },
    allowRequest: (req, cb) => cb(null, originAllowed(req.headers.origin)),
  });

  function send(
    res: ServerResponse,
    status: number,
    type: string,
    body: string | Buffer,
    headers: Record<string, string> = {},
  ) {
    res.writeHead(status, {
      'content-type': type,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-cache',
      ...headers,
    });
    res.end(body);
  }

  function json(res: ServerResponse, status: number, value: unknown) {
    send(res, status, 'application/json; charset=utf-8', JSON.stringify(value));
  }

  /** The origin the browser used, when it is one of ours (Host header checked against our listen address). */
  function requestOrigin(req: IncomingMessage): string {
    const candidate = `http://${req.headers.host ?? ''}`;
    return selfOrigins.has(candidate) ? candidate : ([...selfOrigins][0] ?? candidate);
  }

  async function handleHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://local');
    if (url.pathname.startsWith('/__control/')) {
      await handleControl(req, res, url);
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      send(res, 405, 'text/plain', 'method not allowed', { allow: 'GET, HEAD' });
      return;
    }
    switch (url.pathname) {
      case '/': {
        const origin = requestOrigin(req);
        const ws = origin.replace(/^http/, 'ws');
        send(
          res,
          200,
          'text/html; charset=utf-8',
          pageHtml(origin, options.tileFrame, options.hostOrigins ?? []),
          {
            'content-security-policy': [
              "default-src 'self'",
              "script-src 'self'",
              "style-src 'self'",
              `connect-src 'self' ${ws}`,
              "img-src 'self' data: https:",
              "frame-src 'self' https: http:", // tiles: the tile-frame hosts and iframe tile pages
              "object-src 'none'",
              "base-uri 'none'",
              "form-action 'none'",
              `frame-ancestors ${frameAncestors.join(' ')}`,
            ].join('; '),
          },
        );
        return;
      }
      case '/tile-frame.html':
        // html tiles run here, sandboxed without allow-same-origin (an opaque
        // origin): inline scripts and https resources are allowed for the
        // tile, never for the workspace page itself
        send(res, 200, 'text/html; charset=utf-8', TILE_FRAME, {
          'content-security-policy': [
            "default-src 'none'",
            "script-src 'unsafe-inline' https:",
            "style-src 'unsafe-inline' https:",
            'img-src https: data: blob:',
            'font-src https: data:',
            'media-src https:',
            'connect-src https:',
            'frame-src https:',
            "base-uri 'none'",
            "form-action 'none'",
            // sandboxed however it is framed: even framed directly (no iframe
            // sandbox) it gets an opaque origin; so it needs no frame-ancestors,
            // which could never match a workspace that has an opaque origin itself
            'sandbox allow-scripts allow-forms allow-popups',
          ].join('; '),
        });
        return;
      case '/qa':
      case '/qa.js':
      case '/qa.css': {
        if (!demo || !options.pagesDir) {
          send(res, 404, 'text/plain', 'not found');
          return;
        }
        const name = url.pathname === '/qa' ? 'qa.html' : url.pathname.slice(1);
        const type = name.endsWith('.html')
          ? 'text/html'
          : name.endsWith('.js')
            ? 'text/javascript'
            : 'text/css';
        send(res, 200, `${type}; charset=utf-8`, await readFile(join(options.pagesDir, name)), {
          'content-security-policy': [
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            "frame-src 'self'",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'none'",
            "frame-ancestors 'none'",
          ].join('; '),
        });
        return;
      }
      case '/page.css':
        send(res, 200, 'text/css; charset=utf-8', PAGE_CSS);
        return;
      case '/acw-workspace.js':
      case '/acw-workspace.js.map': {
        try {
          const body = await readFile(join(options.distDir, url.pathname.slice(1)));
          const type = url.pathname.endsWith('.map')
            ? 'application/json'
            : 'text/javascript; charset=utf-8';
          send(res, 200, type, body);
        } catch {
          send(res, 404, 'text/plain', 'the workspace is not built: run npm run build');
        }
        return;
      }
      case '/favicon.ico':
        send(res, 204, 'image/x-icon', '');
        return;
      case '/healthz':
        json(res, 200, { ok: true });
        return;
      default:
        send(res, 404, 'text/plain', 'not found');
    }
  }

  // ------------------------------------------------------------ control API (demo mode, loopback only)
  async function readJsonBody(req: IncomingMessage): Promise<unknown> {
    if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
      throw new Error('send a JSON body with content-type: application/json');
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > MAX_BODY) throw new Error('body too large');
      chunks.push(chunk);
    }
    return JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
  }

  function keyFrom(v: Record<string, unknown>): SessionKey | undefined {
    const { URLToken, userId, sessionId } = v;
    if (typeof URLToken !== 'string' || typeof userId !== 'string' || typeof sessionId !== 'string')
      return undefined;
    if (!URLToken || !userId || !sessionId) return undefined;
    return { URLToken, userId, sessionId };
  }

  async function handleControl(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    if (!demo || !LOOPBACK.has(req.socket.remoteAddress ?? '')) {
      send(res, 404, 'text/plain', 'not found');
      return;
    }
    const route = `${req.method} ${url.pathname}`;
    let body: Record<string, unknown> = {};
    if (req.method === 'POST' || req.method === 'PATCH') {
      try {
        const parsed = await readJsonBody(req);
        if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
          throw new Error('the body must be a JSON object');
        body = parsed as Record<string, unknown>;
      } catch (e) {
        json(res, 400, { error: e instanceof Error ? e.message : 'bad body' });
        return;
      }
    } else {
      body = Object.fromEntries(url.searchParams);
    }

    if (route === 'GET /__control/health') {
      return json(res, 200, { ok: true, sessions: sessions.size, sockets: io.engine.clientsCount });
    }
    if (route === 'GET /__control/endpoints')
      return json(res, 200, [...endpoints.values()].map(publicEndpoint));
    if (route === 'POST /__control/restart') {
      if (!options.onRestart)
        return json(res, 501, { error: 'this endpoint cannot restart itself' });
      json(res, 202, { restarting: true });
      setTimeout(() => options.onRestart?.(), 50);
      return;
    }
    if (route === 'POST /__control/jwt') {
      // QA: a signed workspace-link token for a session (exp: seconds from now, default 1 h)
      const key = keyFrom(body);
      const e = key ? endpoints.get(key.URLToken) : undefined;
      if (!key || !e?.jwtSecret)
        return json(res, 400, { error: 'a known URLToken, userId and sessionId are required' });
      const ttl = typeof body.expiresIn === 'number' ? body.expiresIn : 3600;
      const claims = {
        userId: key.userId,
        sessionId: key.sessionId,
        URLToken: key.URLToken,
        exp: Math.floor(Date.now() / 1000) + ttl,
      };
      return json(res, 200, { token: signHs256(claims, e.jwtSecret) });
    }
    if (route === 'PATCH /__control/endpoint') {
      const e = typeof body.URLToken === 'string' ? endpoints.get(body.URLToken) : undefined;
      if (!e) return json(res, 404, { error: 'unknown URLToken' });
      e.settings = patchSettings(e.settings, body.settings);
      saveEndpoints();
      return json(res, 200, publicEndpoint(e));
    }

    const key = keyFrom(body);
    if (!key) return json(res, 400, { error: 'URLToken, userId and sessionId are required' });
    const session = sessionFor(key);
    if (!session) return json(res, 404, { error: 'unknown URLToken' });
    const runner = runners.get(keyString(key));

    switch (route) {
      case 'GET /__control/session':
        return json(res, 200, {
          messages: session.messages,
          tiles: [...session.tiles.values()],
          layout: session.layout,
          scriptStep: session.scriptStep,
          sockets: (await io.in(roomOf(key)).fetchSockets())?.length ?? 0,
        });
      case 'GET /__control/sent':
        return json(res, 200, session.agentLog);
      case 'POST /__control/message': {
        const text = body.text;
        const source = body.source === 'bot' ? 'bot' : 'user';
        if (typeof text !== 'string' || !text.trim())
          return json(res, 400, { error: 'text is required' });
        return json(res, 200, session.addMessage(source, text));
      }
      case 'POST /__control/emit': {
        const event = body.event;
        if (typeof event !== 'string' || !event || event.length > 64)
          return json(res, 400, { error: 'event is required' });
        io.to(roomOf(key)).emit(event, body.payload);
        return json(res, 200, { emitted: event });
      }
      case 'POST /__control/tile': {
        const u = body.update as
          { id?: unknown; version?: unknown; type?: unknown; data?: unknown } | undefined;
        if (
          !u ||
          typeof u.id !== 'string' ||
          typeof u.version !== 'number' ||
          typeof u.type !== 'string'
        ) {
          return json(res, 400, { error: 'update { id, version, type, data } is required' });
        }
        session.setTile({ id: u.id, version: u.version, type: u.type, data: u.data });
        return json(res, 200, { ok: true });
      }
      case 'POST /__control/layout': {
        if (body.layout === null) {
          session.setLayout(null);
          return json(res, 200, session.layout);
        }
        const r = parseLayout(body.layout);
        if (!r.ok) return json(res, 400, { error: r.problem });
        session.setLayout(r.value);
        return json(res, 200, session.layout);
      }
      case 'POST /__control/drop': {
        const sockets = (await io.in(roomOf(key)).fetchSockets()) ?? [];
        for (const s of sockets) {
          const local = io.sockets.sockets.get(s.id);
          local?.conn.close(); // transport close: the client reconnects by itself
        }
        return json(res, 200, { dropped: sockets.length });
      }
      case 'POST /__control/script': {
        if (!runner) return json(res, 400, { error: 'this endpoint has no script' });
        const action = body.action;
        if (action === 'play') runner.play();
        else if (action === 'pause') runner.pause();
        else if (action === 'step') runner.step();
        else if (action === 'all') runner.playAll();
        else return json(res, 400, { error: 'action is one of play, pause, step, all' });
        return json(res, 200, {
          step: session.scriptStep,
          done: runner.done,
          running: runner.running,
        });
      }
      default:
        return json(res, 404, { error: `no route ${route}` });
    }
  }

  io.on('connection', (socket: Socket) => {
    let joined: { key: SessionKey; session: Session } | undefined;

    const ackOf = (ack: unknown) =>
      typeof ack === 'function' ? (ack as (...a: unknown[]) => void) : () => {};

    socket.on('join', (raw: unknown, ack: unknown) => {
      const reply = ackOf(ack);
      const p = JoinPayload.safeParse(raw);
      if (!p.success)
        return reply(
          'The join request is malformed (URLToken, sessionId and userId are required).',
        );
      const { URLToken, userId, sessionId } = p.data;
      const endpoint = endpoints.get(URLToken);
      if (!endpoint)
        return reply('Unknown endpoint: this URLToken is not configured on the copilot endpoint.');
      if (endpoint.settings.copilotType === 'none')
        return reply('Agent Copilot is not enabled on this endpoint.');
      const key = { URLToken, userId, sessionId };
      const refused = authenticate(endpoint, key, p.data.auth);
      if (refused) return reply(refused);
      const session = sessionFor(key);
      if (!session) return reply('Unknown endpoint.');
      if (joined) void socket.leave(roomOf(joined.key));
      joined = { key, session };
      void socket.join(roomOf(key));
      reply(null);
      for (const f of session.replayFrames()) socket.emit(f.event, f.payload);
      runners.get(keyString(key))?.play();
      log(`join: session with ${session.messages.length} messages`);
    });

    socket.on('sendMessage', (raw: unknown, ack: unknown) => {
      const reply = ackOf(ack);
      if (!joined) return reply('Join a session first.');
      const p = SendMessagePayload.safeParse(raw);
      if (!p.success) return reply('The reply is malformed.');
      if (!joined.session.settings.enableTranscriptTileChatInput) {
        return reply('Replying from the workspace is disabled on this endpoint.');
      }
      const { duplicate } = joined.session.agentReply(p.data.text, p.data.clientMessageId);
      reply(null);
      if (!duplicate) runners.get(keyString(joined.key))?.onAgentReply();
    });

    socket.on('sendPostbackAction', (raw: unknown, ack: unknown) => {
      const reply = ackOf(ack);
      if (!joined) return reply('Join a session first.');
      const p = PostbackPayload.safeParse(raw);
      if (!p.success) return reply('The postback is malformed.');
      const { URLToken, userId, sessionId } = p.data;
      if (keyString({ URLToken, userId, sessionId }) !== keyString(joined.key)) {
        return reply('The postback names another session.');
      }
      joined.session.recordPostback(p.data);
      const endpoint = endpoints.get(joined.key.URLToken);
      reply(endpoint?.demoScript ? onPostback(joined.session, p.data) : null);
    });
  });

  // ------------------------------------------------------------ listen
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port ?? 0, host, () => {
      http.off('error', reject);
      resolve();
    });
  });
  const address = http.address();
  const port = typeof address === 'object' && address ? address.port : (options.port ?? 0);
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  selfOrigins = new Set([url, `http://localhost:${port}`, `http://127.0.0.1:${port}`]);

  return {
    url,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const r of runners.values()) r.pause();
        io.close(() => resolve());
        http.closeAllConnections();
      }),
  };
}
