/**
 * The simulated Genesys Cloud agent desktop (`demo/pages/genesys.*`), served
 * from a SECOND origin (its own port), so the workspace runs in a true
 * cross-origin, third-party iframe as it does in a Genesys Script.
 */
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { escapeHtml } from './html.js';

export interface HostServerOptions {
  port?: number;
  host?: string;
  pagesDir: string;
  /** base URL of the workspace (the reference endpoint) */
  workspace: string;
  /** the URLToken the page's variables start with */
  token: string;
}

export interface HostServer {
  url: string;
  close(): Promise<void>;
}

const FILES: Record<string, [string, string]> = {
  '/genesys.js': ['genesys.js', 'text/javascript; charset=utf-8'],
  '/genesys.css': ['genesys.css', 'text/css; charset=utf-8'],
};

export async function startHostServer(options: HostServerOptions): Promise<HostServer> {
  const workspaceOrigin = new URL(options.workspace).origin;
  const config = escapeHtml(JSON.stringify({ workspace: options.workspace, token: options.token }));
  const headers = {
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-cache',
  };
  const http = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://local').pathname;
    void (async () => {
      try {
        if (path === '/' || path === '/genesys.html') {
          const html = (await readFile(join(options.pagesDir, 'genesys.html'), 'utf8')).replace(
            '{{CONFIG}}',
            config,
          );
          res.writeHead(200, {
            ...headers,
            'content-type': 'text/html; charset=utf-8',
            'content-security-policy': `default-src 'self'; script-src 'self'; style-src 'self'; frame-src ${workspaceOrigin}; object-src 'none'; base-uri 'none'; frame-ancestors 'none'`,
          });
          res.end(html);
          return;
        }
        if (path === '/favicon.ico') {
          res.writeHead(204, headers).end();
          return;
        }
        const file = FILES[path];
        if (file) {
          res.writeHead(200, { ...headers, 'content-type': file[1] });
          res.end(await readFile(join(options.pagesDir, file[0])));
          return;
        }
        res.writeHead(404, headers).end('not found');
      } catch {
        if (!res.headersSent) res.writeHead(500, headers);
        res.end('internal error');
      }
    })();
  });
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = http.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        http.close(() => resolve());
        http.closeAllConnections();
      }),
  };
}
