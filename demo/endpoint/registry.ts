/**
 * What the reference endpoint knows: its endpoints (settings and JWT secret,
 * kept in the data folder) and the sessions opened on them (rebuilt from
 * their journals), with the scripted conversation of each demo session.
 */
import { randomBytes } from 'node:crypto';
import { CARD_DISPUTE_SCRIPT, ScriptRunner, VOICE_CALL_SCRIPT } from '../script.js';
import { Session, type Broadcast } from '../session.js';
import { type EndpointConfig, defaultEndpoints, limitsOf } from '../settings.js';
import { JournalStore, type SessionKey, keyString } from '../store.js';

/** An endpoint as the control API shows it: never its JWT secret. */
export function publicEndpoint({
  jwtSecret: _secret,
  ...rest
}: EndpointConfig): Omit<EndpointConfig, 'jwtSecret'> {
  return rest;
}

export class Registry {
  readonly store: JournalStore;
  readonly #endpoints = new Map<string, EndpointConfig>();
  readonly #sessions = new Map<string, Session>();
  readonly #runners = new Map<string, ScriptRunner>();
  readonly #stepMs: number;
  /** sessions per endpoint (URLToken), journals on disk included */
  readonly #counts = new Map<string, number>();
  readonly #broadcastTo: (key: SessionKey) => Broadcast;

  constructor(options: {
    dataDir: string;
    stepMs: number;
    /** how a session's frames reach the sockets that joined it */
    broadcastTo: (key: SessionKey) => Broadcast;
  }) {
    this.store = new JournalStore(options.dataDir);
    this.#stepMs = options.stepMs;
    this.#broadcastTo = options.broadcastTo;
    for (const e of this.store.readJson<EndpointConfig[]>('endpoints.json') ?? defaultEndpoints()) {
      this.#endpoints.set(e.URLToken, e);
    }
    // a data folder from before a demo endpoint existed gets it too
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
    for (const key of this.store.listKeys())
      this.#counts.set(key.URLToken, (this.#counts.get(key.URLToken) ?? 0) + 1);
  }

  endpoint(URLToken: string): EndpointConfig | undefined {
    return this.#endpoints.get(URLToken);
  }

  endpoints(): EndpointConfig[] {
    return [...this.#endpoints.values()];
  }

  saveEndpoints(): void {
    this.store.writeJson('endpoints.json', this.endpoints());
  }

  get sessionCount(): number {
    return this.#sessions.size;
  }

  /**
   * The session for `key` (opened, and rebuilt from its journal, on first
   * use); undefined for an unknown endpoint, or (with `cap`) when opening a
   * new one would pass the endpoint's `maxSessions`.
   */
  session(key: SessionKey, { cap = false } = {}): Session | undefined {
    const endpoint = this.#endpoints.get(key.URLToken);
    if (!endpoint) return undefined;
    const k = keyString(key);
    let s = this.#sessions.get(k);
    if (!s) {
      const isNew = !this.store.has(key);
      const count = this.#counts.get(key.URLToken) ?? 0;
      if (isNew && cap && count >= limitsOf(endpoint).maxSessions) return undefined;
      if (isNew) this.#counts.set(key.URLToken, count + 1);
      s = Session.open(key, this.store, () => this.#endpoints.get(key.URLToken) ?? endpoint);
      s.broadcast = this.#broadcastTo(key);
      this.#sessions.set(k, s);
      if (endpoint.demoScript) {
        const script = endpoint.channel === 'voice' ? VOICE_CALL_SCRIPT : CARD_DISPUTE_SCRIPT;
        this.#runners.set(k, new ScriptRunner(s, this.#stepMs, script));
      }
    }
    return s;
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
