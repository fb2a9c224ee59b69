/**
 * The embedded on-disk store of the reference endpoint: one append-only
 * JSON-lines journal per session in a data folder. A session is rebuilt by
 * replaying its journal, so history survives an endpoint restart. File names
 * are hashes of the session key: no token is written into a path.
 */
import { createHash } from 'node:crypto';
import {
  appendFileSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  writeFileSync,
  renameSync,
  existsSync,
} from 'node:fs';
import { join } from 'node:path';

export interface SessionKey {
  URLToken: string;
  userId: string;
  sessionId: string;
}

export function keyString(k: SessionKey): string {
  return JSON.stringify([k.URLToken, k.userId, k.sessionId]);
}

export class JournalStore {
  readonly #dir: string;
  readonly #sessions: string;

  constructor(dataDir: string) {
    this.#dir = dataDir;
    this.#sessions = join(dataDir, 'sessions');
    mkdirSync(this.#sessions, { recursive: true });
  }

  get dir(): string {
    return this.#dir;
  }

  #file(key: SessionKey): string {
    const h = createHash('sha256').update(keyString(key)).digest('hex').slice(0, 40);
    return join(this.#sessions, `${h}.jsonl`);
  }

  /** Is there a journal for this session? */
  has(key: SessionKey): boolean {
    return existsSync(this.#file(key));
  }

  /** Appends one record; the write is synchronous, so an acked reply is on disk. */
  append(key: SessionKey, record: object): void {
    appendFileSync(this.#file(key), `${JSON.stringify(record)}\n`);
  }

  /** Reads a session's records, oldest first; a torn last line (crash mid-write) is skipped. */
  read(key: SessionKey): unknown[] {
    const file = this.#file(key);
    if (!existsSync(file)) return [];
    const out: unknown[] = [];
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      if (!line) continue;
      try {
        out.push(JSON.parse(line));
      } catch {
        /* torn write: ignore the line */
      }
    }
    return out;
  }

  /** The first record of each journal (its session key), to list sessions. */
  listKeys(): SessionKey[] {
    const keys: SessionKey[] = [];
    for (const name of readdirSync(this.#sessions)) {
      if (!name.endsWith('.jsonl')) continue;
      const first = readFileSync(join(this.#sessions, name), 'utf8').split('\n', 1)[0];
      try {
        const r = JSON.parse(first ?? '') as { t?: string; key?: SessionKey };
        if (r.t === 'open' && r.key) keys.push(r.key);
      } catch {
        /* not a journal */
      }
    }
    return keys;
  }

  /** Small JSON documents (endpoint settings), written atomically. */
  readJson<T>(name: string): T | undefined {
    const file = join(this.#dir, name);
    if (!existsSync(file)) return undefined;
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  }

  writeJson(name: string, value: unknown): void {
    const file = join(this.#dir, name);
    writeFileSync(`${file}.tmp`, JSON.stringify(value, null, 2));
    renameSync(`${file}.tmp`, file);
  }
}
