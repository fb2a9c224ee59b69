// Runs the BUILT reference endpoint (build/demo/server.mjs) as a child
// process, the way `npm start` does, for end-to-end tests.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folder holding package.json, found upward from this (possibly bundled) file. */
function findRoot(from: string): string {
  let dir = from;
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('package.json not found');
    dir = up;
  }
  return `${dir}/`;
}

export const repoRoot = findRoot(dirname(fileURLToPath(import.meta.url)));

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      s.close(() => resolve(port));
    });
  });
}

export interface EndpointProcess {
  url: string;
  port: number;
  /** the standalone URL printed on start */
  printedUrl: string;
  /** the Genesys host page URL printed on start (a second origin) */
  genesysUrl: string;
  output: () => string;
  /** SIGTERM (graceful) by default; SIGKILL for a crash */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export async function startEndpoint(opts: {
  port: number;
  dataDir: string;
  stepMs?: number;
  genesysPort?: number;
  env?: Record<string, string>;
}): Promise<EndpointProcess> {
  const genesysPort = opts.genesysPort ?? (await freePort());
  const child: ChildProcess = spawn(process.execPath, [`${repoRoot}build/demo/server.mjs`], {
    cwd: repoRoot,
    env: {
      ...process.env,
      PORT: String(opts.port),
      ACW_DATA_DIR: opts.dataDir,
      ACW_STEP_MS: String(opts.stepMs ?? 120),
      ACW_GENESYS_PORT: String(genesysPort),
      ...opts.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const printedUrl = await new Promise<string>((resolve, reject) => {
    const onData = () => {
      const m = /(http:\/\/127\.0\.0\.1:\d+\/\?\S+)/.exec(out);
      if (m?.[1] && /Press Ctrl\+C/.test(out)) {
        child.stdout?.off('data', onData);
        resolve(m[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`endpoint exited with ${code}: ${out}`)));
  });
  return {
    url: `http://127.0.0.1:${opts.port}`,
    port: opts.port,
    printedUrl,
    genesysUrl: /Genesys host[^\n]*\n\s*(\S+)/.exec(out)?.[1] ?? '',
    output: () => out,
    stop: (signal: NodeJS.Signals = 'SIGTERM') =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill(signal);
      }),
  };
}

/** Calls the demo control API. */
export async function control<T = unknown>(
  base: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<T> {
  const init: RequestInit = { method };
  if (body !== undefined) {
    if (method === 'GET') {
      path += `?${new URLSearchParams(body as Record<string, string>)}`;
    } else {
      init.headers = { 'content-type': 'application/json' };
      init.body = JSON.stringify(body);
    }
  }
  const res = await fetch(`${base}/__control/${path}`, init);
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return JSON.parse(text) as T;
}
