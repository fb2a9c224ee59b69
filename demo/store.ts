/**
 * The embedded on-disk store of the reference endpoint: one append-only
 * JSON-lines journal per session in a data folder. A session is rebuilt by
 * replaying its journal, so history survives an endpoint restart. File names
 * are hashes of the session key: no token is written into a path.
 *
 * What the store promises (docs/PROTOCOL.md §12): `append` returns only once
 * the record is written and `fdatasync`ed, so an acknowledged reply survives
 * a crash of the process or of the machine. A write that fails (disk full,
 * read-only folder, any I/O error) is undone (the journal is cut back to its
 * length before the write, so no torn line stays behind) and throws a
 * {@link StoreUnavailable}: the caller refuses the request with a code and
 * the client retries. The store never takes the process down, and it is
 * healthy again with the first write that succeeds. A journal whose last line
 * was torn by a crash is repaired (cut back to its last whole line) when it
 * is read, before anything is appended to it.
 */
import { createHash } from 'node:crypto';
import * as nodeFs from 'node:fs';
import { join } from 'node:path';

export interface SessionKey {
  URLToken: string;
  userId: string;
  sessionId: string;
}

export function keyString(k: SessionKey): string {
  return JSON.stringify([k.URLToken, k.userId, k.sessionId]);
}

/**
 * The file operations the store uses: node:fs by default; tests pass a
 * wrapper that fails the way a full or read-only disk does (the seam for
 * store faults).
 */
export type StoreFs = Pick<
  typeof nodeFs,
  | 'openSync'
  | 'writeSync'
  | 'fdatasyncSync'
  | 'fsyncSync'
  | 'ftruncateSync'
  | 'fstatSync'
  | 'closeSync'
  | 'readFileSync'
  | 'readdirSync'
  | 'existsSync'
  | 'mkdirSync'
  | 'renameSync'
  | 'unlinkSync'
  | 'statSync'
>;

/** A write the store could not make durable; nothing of it stayed on disk. */
export class StoreUnavailable extends Error {
  /** the system error code (`ENOSPC`, `EROFS`, `EIO`, …) */
  readonly errno: string;
  constructor(errno: string) {
    super(`the store cannot write (${errno})`);
    this.name = 'StoreUnavailable';
    this.errno = errno;
  }
}

const errnoOf = (e: unknown): string =>
  typeof e === 'object' && e !== null && typeof (e as { code?: unknown }).code === 'string'
    ? (e as { code: string }).code
    : 'EIO';

/** How the store is doing, for the health route. */
export interface StoreHealth {
  ok: boolean;
  /** the error of the last failed write, while the store is failing */
  error?: string;
  /** when the store started failing (ISO) */
  since?: string;
  /** writes refused since the store started */
  failedWrites: number;
  /** journals whose torn last line was cut off on load */
  repairedJournals: number;
}

export class JournalStore {
  readonly #dir: string;
  readonly #sessions: string;
  readonly #fs: StoreFs;
  /** journals already checked for a torn tail in this process */
  readonly #checked = new Set<string>();
  #failing: { error: string; since: string } | undefined;
  #failedWrites = 0;
  #repaired = 0;

  constructor(dataDir: string, options: { fs?: StoreFs } = {}) {
    this.#dir = dataDir;
    this.#fs = options.fs ?? nodeFs;
    this.#sessions = join(dataDir, 'sessions');
    this.#fs.mkdirSync(this.#sessions, { recursive: true });
  }

  get dir(): string {
    return this.#dir;
  }

  get health(): StoreHealth {
    return {
      ok: !this.#failing,
      ...(this.#failing ? { error: this.#failing.error, since: this.#failing.since } : {}),
      failedWrites: this.#failedWrites,
      repairedJournals: this.#repaired,
    };
  }

  #file(key: SessionKey): string {
    const h = createHash('sha256').update(keyString(key)).digest('hex').slice(0, 40);
    return join(this.#sessions, `${h}.jsonl`);
  }

  /** Is there a journal for this session? */
  has(key: SessionKey): boolean {
    return this.#fs.existsSync(this.#file(key));
  }

  /**
   * Appends records durably (written and fdatasynced before it returns), all
   * or none: a failed write is cut back and throws {@link StoreUnavailable}.
   * Returns the bytes written.
   */
  append(key: SessionKey, ...records: object[]): number {
    const file = this.#file(key);
    this.#repairTail(file);
    const data = Buffer.from(records.map((r) => `${JSON.stringify(r)}\n`).join(''));
    this.#durably(file, 'a', (fd, size) => {
      let at = 0;
      while (at < data.length) at += this.#fs.writeSync(fd, data, at, data.length - at, size + at);
    });
    return data.length;
  }

  /** Runs `write` on `file` opened with `flags`, then syncs; on failure cuts the file back. */
  #durably(file: string, flags: string, write: (fd: number, size: number) => void): void {
    let fd: number | undefined;
    let size = 0;
    try {
      fd = this.#fs.openSync(file, flags);
      size = this.#fs.fstatSync(fd).size;
      write(fd, size);
      this.#fs.fdatasyncSync(fd);
      this.#failing = undefined;
    } catch (e) {
      if (fd !== undefined) {
        try {
          this.#fs.ftruncateSync(fd, size);
        } catch {
          /* the repair on the next read cuts a torn tail off */
          this.#checked.delete(file);
        }
      }
      this.#failedWrites += 1;
      const errno = errnoOf(e);
      this.#failing ??= { error: errno, since: new Date().toISOString() };
      throw new StoreUnavailable(errno);
    } finally {
      if (fd !== undefined) {
        try {
          this.#fs.closeSync(fd);
        } catch {
          /* nothing left to do */
        }
      }
    }
  }

  /** Cuts a torn last line (a crash or a full disk mid-write) off a journal, once per process. */
  #repairTail(file: string): void {
    if (this.#checked.has(file)) return;
    if (!this.#fs.existsSync(file)) {
      this.#checked.add(file);
      return;
    }
    this.#cutTornTail(file, this.#fs.readFileSync(file));
  }

  /**
   * `content` is the journal as read: a torn last line is cut off on disk
   * (throws StoreUnavailable when the disk does not let us). Returns the
   * journal's whole lines.
   */
  #cutTornTail(file: string, content: Buffer): Buffer {
    let whole = content;
    if (content.length > 0 && content[content.length - 1] !== 0x0a) {
      const keep = content.lastIndexOf(0x0a) + 1;
      this.#durably(file, 'r+', (fd) => this.#fs.ftruncateSync(fd, keep));
      this.#repaired += 1;
      whole = content.subarray(0, keep);
    }
    this.#checked.add(file);
    return whole;
  }

  /**
   * Reads a session's records, oldest first, each parsed as JSON; a line that
   * is not JSON is counted in `bad` (a torn tail is cut off first, when the
   * disk allows).
   */
  read(key: SessionKey): { records: unknown[]; bad: number; bytes: number } {
    const file = this.#file(key);
    if (!this.#fs.existsSync(file)) return { records: [], bad: 0, bytes: 0 };
    let content: Buffer = this.#fs.readFileSync(file); // read once: repaired, then parsed
    try {
      content = this.#cutTornTail(file, content);
    } catch {
      /* read-only: the torn line is skipped below */
    }
    const records: unknown[] = [];
    let bad = 0;
    const lines = content.toString('utf8').split('\n');
    const torn = lines.at(-1) !== '';
    lines.forEach((line, i) => {
      if (!line) return;
      try {
        records.push(JSON.parse(line));
      } catch {
        // a torn tail that could not be cut is not a bad record
        if (!(torn && i === lines.length - 1)) bad += 1;
      }
    });
    return { records, bad, bytes: content.length };
  }

  /** Forgets a session's journal (an abandoned session, see Registry). */
  remove(key: SessionKey): void {
    const file = this.#file(key);
    this.#checked.delete(file);
    try {
      this.#fs.unlinkSync(file);
    } catch {
      /* already gone, or the disk says no: it is read again on the next start */
    }
  }

  /**
   * Every journal: its session key (from its first record), when it was last
   * written, whether an agent acted in it (a reply or a postback), and its
   * context-summary ids (demo/brief.ts: a handoff brief's URL finds its
   * session without loading every journal).
   */
  list(): JournalEntry[] {
    const out: JournalEntry[] = [];
    for (const name of this.#fs.readdirSync(this.#sessions)) {
      if (!name.endsWith('.jsonl')) continue;
      const file = join(this.#sessions, name);
      try {
        const text = this.#fs.readFileSync(file, 'utf8');
        const r = JSON.parse(text.split('\n', 1)[0] ?? '') as { t?: unknown; key?: unknown };
        if (r.t !== 'open' || !isKey(r.key)) continue;
        out.push({
          key: r.key,
          mtimeMs: this.#fs.statSync(file).mtimeMs,
          agentActed: text.includes('{"t":"agent"'),
          summaries: [...text.matchAll(/\{"t":"summary","id":"([A-Za-z0-9_-]+)"\}/g)].map(
            (m) => m[1] as string,
          ),
        });
      } catch {
        /* not a journal */
      }
    }
    return out;
  }

  /** Reads a small JSON document (endpoint settings) as text; undefined when there is none. */
  readText(name: string): string | undefined {
    const file = join(this.#dir, name);
    if (!this.#fs.existsSync(file)) return undefined;
    return this.#fs.readFileSync(file, 'utf8');
  }

  /** The path of a document in the data folder (for messages about it). */
  path(name: string): string {
    return join(this.#dir, name);
  }

  /** Writes a small JSON document atomically and durably (a temporary file renamed over it). */
  writeJson(name: string, value: unknown): void {
    const file = join(this.#dir, name);
    const tmp = `${file}.tmp`;
    const data = Buffer.from(JSON.stringify(value, null, 2));
    this.#durably(tmp, 'w', (fd) => {
      let at = 0;
      while (at < data.length) at += this.#fs.writeSync(fd, data, at, data.length - at, at);
    });
    try {
      this.#fs.renameSync(tmp, file);
    } catch (e) {
      throw new StoreUnavailable(errnoOf(e));
    }
  }
}

export interface JournalEntry {
  key: SessionKey;
  mtimeMs: number;
  agentActed: boolean;
  summaries: string[];
}

function isKey(x: unknown): x is SessionKey {
  if (typeof x !== 'object' || x === null) return false;
  const k = x as Record<string, unknown>;
  return (
    typeof k.URLToken === 'string' &&
    typeof k.userId === 'string' &&
    typeof k.sessionId === 'string'
  );
}
