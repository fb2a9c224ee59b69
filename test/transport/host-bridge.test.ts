import { expect } from '@open-wc/testing';
import { HostBridge } from '../../src/transport/host-bridge.js';
import { parseOrigins } from '../../src/transport/url.js';

describe('host bridge', () => {
  it('takes exact http(s) origins only', () => {
    expect(
      parseOrigins(
        "https://apps.mypurecloud.com  http://127.0.0.1:8081, https://*.pure.cloud 'self' javascript:alert(1) https://x.example/path http://localhost:9/",
      ),
    ).to.deep.equal([
      'https://apps.mypurecloud.com',
      'http://127.0.0.1:8081',
      'http://localhost:9',
    ]);
    expect(parseOrigins('')).to.deep.equal([]);
  });

  it('posts nothing and accepts nothing when the page is not framed', async () => {
    const commands: unknown[] = [];
    const bridge = new HostBridge({
      window,
      parentOrigins: [location.origin],
      onCommand: (c) => commands.push(c),
    });
    expect(bridge.framed).to.equal(false);
    const heard: unknown[] = [];
    const listen = (e: MessageEvent) => heard.push(e.data);
    window.addEventListener('message', listen);
    bridge.post({ type: 'ready', accepts: [] });
    // a message the page posts to itself is not from a parent
    window.postMessage({ protocol: 'acw', version: 1, type: 'get-state' }, '*');
    await new Promise<void>((resolve) => {
      const marker = (e: MessageEvent) => {
        if (e.data === 'marker') {
          window.removeEventListener('message', marker);
          resolve();
        }
      };
      window.addEventListener('message', marker);
      window.postMessage('marker', '*');
    });
    window.removeEventListener('message', listen);
    bridge.dispose();
    expect(commands).to.deep.equal([]);
    expect(heard.filter((d) => (d as { type?: string })?.type === 'ready')).to.deep.equal([]);
  });
});
