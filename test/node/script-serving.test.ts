// The single script on the wire (#18 item 5): precompressed at build time,
// the encoding chosen by Accept-Encoding, an ETag per encoding, the page
// naming a content-hashed URL that is cached for a year, the stable name
// always revalidated. Real HTTP requests to the in-process endpoint.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { type EndpointServer, startEndpointServer } from '../../demo/server.js';
import { chooseEncoding } from '../../demo/endpoint/script-asset.js';
import { repoRoot } from '../support/endpoint-process.js';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

function get(url: string, headers: Record<string, string> = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the script on the wire', () => {
  let dataDir: string;
  let server: EndpointServer;
  const script = readFileSync(join(repoRoot, 'dist/acw-workspace.js'));
  before(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'acw-script-'));
    server = await startEndpointServer({ dataDir, distDir: join(repoRoot, 'dist'), demo: true });
  });
  after(async () => {
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('Accept-Encoding picks brotli, then gzip, then none; each decodes to the built script', async () => {
    const br = await get(`${server.url}/acw-workspace.js`, {
      'accept-encoding': 'gzip, deflate, br',
    });
    assert.equal(br.headers['content-encoding'], 'br');
    assert.equal(br.headers.vary, 'Accept-Encoding');
    assert.ok(brotliDecompressSync(br.body).equals(script));
    assert.ok(br.body.length < script.length * 0.3, `${br.body.length} of ${script.length} bytes`);
    const gz = await get(`${server.url}/acw-workspace.js`, { 'accept-encoding': 'gzip' });
    assert.equal(gz.headers['content-encoding'], 'gzip');
    assert.ok(gunzipSync(gz.body).equals(script));
    assert.ok(br.body.length < gz.body.length);
    const plain = await get(`${server.url}/acw-workspace.js`);
    assert.equal(plain.headers['content-encoding'], undefined);
    assert.ok(plain.body.equals(script));
    assert.equal(chooseEncoding('br;q=0, gzip'), 'gzip');
    assert.equal(chooseEncoding('*'), 'br');
    assert.equal(chooseEncoding('identity'), 'identity');
  });

  test('the page names the hashed URL, cached for a year; the stable name is revalidated: a 304 when unchanged', async () => {
    const page = await get(`${server.url}/`);
    const src = /<script src="(\/acw-workspace\.[0-9a-f]{16}\.js)"/.exec(page.body.toString())?.[1];
    assert.ok(src, 'the page loads a content-hashed URL');
    const hashed = await get(`${server.url}${src}`, { 'accept-encoding': 'br' });
    assert.equal(hashed.status, 200);
    assert.equal(hashed.headers['cache-control'], 'public, max-age=31536000, immutable');
    assert.ok(brotliDecompressSync(hashed.body).equals(script));
    assert.equal((await get(`${server.url}/acw-workspace.0000000000000000.js`)).status, 404);

    const stable = await get(`${server.url}/acw-workspace.js`, { 'accept-encoding': 'br' });
    assert.equal(stable.headers['cache-control'], 'public, no-cache');
    const etag = String(stable.headers.etag);
    const again = await get(`${server.url}/acw-workspace.js`, {
      'accept-encoding': 'br',
      'if-none-match': etag,
    });
    assert.equal(again.status, 304);
    assert.equal(again.body.length, 0);
    const otherEncoding = await get(`${server.url}/acw-workspace.js`, {
      'accept-encoding': 'gzip',
      'if-none-match': etag,
    });
    assert.equal(otherEncoding.status, 200, 'an ETag names one encoding');

    // bytes on the wire: a cold start (page + script) and a warm one (page + a 304)
    const cold = page.body.length + hashed.body.length;
    console.log(
      `script on the wire: cold ${cold} bytes (page ${page.body.length}, script ${hashed.body.length} br of ${script.length}), warm ${page.body.length} bytes (the script from cache, immutable)`,
    );
  });
});
