/**
 * What the reference endpoint knows: its endpoints (settings and JWT secret,
 * kept in the data folder) and the sessions opened on them (rebuilt from
 * their journals), with the scripted conversation of each demo session.
 */
import { randomBytes } from 'node:crypto';
import { CARD_DISPUTE_SCRIPT, ScriptRunner, VOICE_CALL_SCRIPT } from '../script.js';
import { Session, type Broadcast } from '../session.js';
import {
  type EndpointConfig,
  type EndpointLimits,
  defaultEndpoints,
  limitsOf,
  parseEndpointsFile,
} from '../settings.js';
import { JournalStore, type SessionKey, type StoreFs, keyString } from '../store.js';

/** The settings file in the data folder: the endpoints and their settings. */
export const ENDPOINTS_FILE = 'endpoints.json';

/** An endpoint as the control API shows it: never its JWT secret. */
export function publicEndpoint({
  jwtSecret: _secret,
  ...rest
}: EndpointConfig): Omit<EndpointConfig, 'jwtSecret'> {
  return rest;
}

/** The settings file could not be used: the endpoint does not start (fail closed). */
export class SettingsFileError extends Error {
  constructor(file: string, problem: string) {
    super(`${file}: ${problem}`);
    this.name = 'SettingsFileError';
  }
}

/** What the registry knows of every session of an endpoint, on disk or in memory. */
interface Entry {
  key: SessionKey;
  /** sockets joined to it now */
  sockets: number;
  /** when a client last did something in it (a join, a leave, the agent's first action), ms */
  lastActive: number;
  agentActed: boolean;
  persisted: boolean;
}

export class Registry {
  readonly store: JournalStore;
  readonly #endpoints = new Map<string, EndpointConfig>();
  readonly #sessions = new Map<string, Session>();
  readonly #runners = new Map<string, ScriptRunner>();
  readonly #stepMs: number;
  /** every session that counts against its endpoint's maxSessions, by key string */
  readonly #index = new Map<string, Entry>();
  /** the session of each context-summary id (a handoff brief's URL, demo/brief.ts) */
  readonly #summaries = new Map<string, SessionKey>();
  readonly #broadcastTo: (key: SessionKey) => Broadcast;
  readonly #now: () => number;
  readonly #log: (line: string) => void;
  /** journal records skipped because they did not parse, since the start */
  #badRecords = 0;

  constructor(options: {
    dataDir: string;
    stepMs: number;
    /** how a session's frames reach the sockets that joined it */
    broadcastTo: (key: SessionKey) => Broadcast;
    /** demo mode: the demo endpoints exist besides the configured ones */
    demo?: boolean;
    /** the store's file operations (tests inject faults) */
    fs?: StoreFs;
    now?: () => number;
    log?: (line: string) => void;
  }) {
    this.store = new JournalStore(options.dataDir, options.fs ? { fs: options.fs } : {});
    this.#stepMs = options.stepMs;
    this.#broadcastTo = options.broadcastTo;
    this.#now = options.now ?? Date.now;
    this.#log = options.log ?? (() => {});
    const demo = options.demo ?? true;
    const text = this.store.readText(ENDPOINTS_FILE);
    if (text !== undefined) {
      const parsed = parseEndpointsFile(text);
      if (!parsed.ok) throw new SettingsFileError(this.store.path(ENDPOINTS_FILE), parsed.problem);
      for (const e of parsed.endpoints) this.#endpoints.set(e.URLToken, e);
    }
    // in demo mode the demo endpoints exist (a data folder from before one existed gets it too);
    // outside it, only the configured endpoints do
    if (demo)
      for (const e of defaultEndpoints())
        if (!this.#endpoints.has(e.URLToken)) this.#endpoints.set(e.URLToken, e);
    // every endpoint gets a JWT secret of its own, kept in the data folder
    let generated = false;
    for (const e of this.#endpoints.values()) {
      if (!e.jwtSecret) {
        e.jwtSecret = randomBytes(32).toString('base64url');
        generated = true;
      }
    }
    if (generated) this.saveEndpoints();
    for (const j of this.store.list()) {
      this.#index.set(keyString(j.key), {
        key: j.key,
        sockets: 0,
        lastActive: j.mtimeMs,
        agentActed: j.agentActed,
        persisted: true,
      });
      for (const id of j.summaries) this.#summaries.set(id, j.key);
    }
  }

  /** The session whose handoff brief a context-summary id names (opened on first use), if any. */
  sessionBySummary(id: string): Session | undefined {
    const key = this.#summaries.get(id);
    const session = key && this.known(key) ? this.session(key) : undefined;
    return session?.contextSummaryId === id ? session : undefined;
  }

  endpoint(URLToken: string): EndpointConfig | undefined {
    return this.#endpoints.get(URLToken);
  }

  endpoints(): EndpointConfig[] {
    return [...this.#endpoints.values()];
  }

  /** Writes the settings file; throws StoreUnavailable when the disk does not let it. */
  saveEndpoints(): void {
    this.store.writeJson(ENDPOINTS_FILE, this.endpoints());
  }

  get sessionCount(): number {
    return this.#sessions.size;
  }

  /** journal records skipped (did not parse) since the start */
  get badRecords(): number {
    return this.#badRecords;
  }

  /**
   * Sessions that count against an endpoint's maxSessions: those with a
   * journal, and those a socket holds. A session that only a join opened
   * stops counting when its last socket leaves.
   */
  countOf(URLToken: string): number {
    let n = 0;
    for (const e of this.#index.values())
      if (e.key.URLToken === URLToken && (e.persisted || e.sockets > 0)) n += 1;
    return n;
  }

  /**
   * Does this session exist: has it a journal, or a socket joined to it (or
   * was it opened and not yet forgotten)? Asking opens nothing.
   */
  known(key: SessionKey): boolean {
    return this.#index.has(keyString(key));
  }

  /**
   * The session for `key` (opened, and rebuilt from its journal, on first
   * use); undefined for an unknown endpoint, or (with `cap`) when opening a
   * new one would pass the endpoint's `maxSessions` and no abandoned session
   * can make room.
   */
  session(key: SessionKey, { cap = false } = {}): Session | undefined {
    const endpoint = this.#endpoints.get(key.URLToken);
    if (!endpoint) return undefined;
    const k = keyString(key);
    let s = this.#sessions.get(k);
    if (!s) {
      if (!this.#index.has(k) && cap && !this.#room(key.URLToken, limitsOf(endpoint))) return;
      s = Session.open(key, this.store, () => this.#endpoints.get(key.URLToken) ?? endpoint);
      if (s.badRecords > 0) {
        this.#badRecords += s.badRecords;
        this.#log(`store: ${s.badRecords} journal records of a session did not parse (skipped)`);
      }
      s.broadcast = this.#broadcastTo(key);
      if (s.contextSummaryId) this.#summaries.set(s.contextSummaryId, key);
      s.onSummary = (id) => this.#summaries.set(id, key);
      const entry: Entry = this.#index.get(k) ?? {
        key,
        sockets: 0,
        lastActive: this.#now(),
        agentActed: s.agentActed,
        persisted: s.persisted,
      };
      this.#index.set(k, entry);
      const session = s;
      // idle means: no client did anything (the scripted conversation writing on is not activity)
      s.onWrite = () => {
        entry.persisted = true;
        if (session.agentActed && !entry.agentActed) entry.lastActive = this.#now();
        entry.agentActed = session.agentActed;
      };
      this.#sessions.set(k, s);
      if (endpoint.demoScript) {
        const script = endpoint.channel === 'voice' ? VOICE_CALL_SCRIPT : CARD_DISPUTE_SCRIPT;
        this.#runners.set(k, new ScriptRunner(s, this.#stepMs, script));
      }
    }
    return s;
  }

  /**
   * Is there room for one more session on this endpoint? At the cap, the
   * session idle longest among those no socket holds and no agent acted in
   * (idle for at least `sessionIdleMs`) is forgotten to make it. So a client
   * that opens sessions it leaves locks nobody out for longer than that.
   */
  #room(URLToken: string, limits: EndpointLimits): boolean {
    if (this.countOf(URLToken) < limits.maxSessions) return true;
    const now = this.#now();
    let oldest: [string, Entry] | undefined;
    for (const [k, e] of this.#index) {
      if (e.key.URLToken !== URLToken || e.sockets > 0 || e.agentActed || !e.persisted) continue;
      if (now - e.lastActive < limits.sessionIdleMs) continue;
      if (!oldest || e.lastActive < oldest[1].lastActive) oldest = [k, e];
    }
    if (!oldest) return false;
    this.#forget(oldest[0], oldest[1].key);
    return true;
  }

  #forget(k: string, key: SessionKey): void {
    this.#runners.get(k)?.pause();
    this.#runners.delete(k);
    for (const [id, of] of this.#summaries) if (keyString(of) === k) this.#summaries.delete(id);
    this.#sessions.delete(k);
    this.#index.delete(k);
    this.store.remove(key);
  }

  /** A socket joined the session. */
  attach(key: SessionKey): void {
    const e = this.#index.get(keyString(key));
    if (!e) return;
    e.sockets += 1;
    e.lastActive = this.#now();
  }

  /**
   * A socket left the session. A session that nothing happened in (no
   * journal) and that no socket holds any more is forgotten at once.
   */
  detach(key: SessionKey): void {
    const k = keyString(key);
    const e = this.#index.get(k);
    if (!e) return;
    e.sockets = Math.max(0, e.sockets - 1);
    e.lastActive = this.#now();
    if (e.sockets === 0 && !e.persisted) this.#forget(k, key); // (kept true by every write)
  }

  /** The scripted conversation of a demo session. */
  runner(key: SessionKey): ScriptRunner | undefined {
    return this.#runners.get(keyString(key));
  }

  /** Stops every script timer (the endpoint is closing). */
  pauseAll(): void {
    for (const r of this.#runners.values()) r.pause();
  }
}
