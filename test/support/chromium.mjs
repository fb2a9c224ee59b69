// Where Chromium is and how to start it here (TOOLCHAIN.md): Debian's
// package, no sandbox as root, and no background calls to the network.
import { existsSync } from 'node:fs';

export const chromiumPath = process.env.CHROME_PATH || '/usr/bin/chromium';

export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export function chromiumInstalled() {
  return existsSync(chromiumPath);
}
