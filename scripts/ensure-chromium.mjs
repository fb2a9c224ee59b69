#!/usr/bin/env node
// Installs Debian's chromium when it is missing (CI starts on a clean
// machine); CHROME_PATH points at another build.
import { execFileSync } from 'node:child_process';
import { chromiumInstalled, chromiumPath } from '../test/support/chromium.mjs';

if (!chromiumInstalled()) {
  if (process.env.CHROME_PATH) {
    console.error(`CHROME_PATH=${chromiumPath} does not exist.`);
    process.exit(1);
  }
  if (process.getuid?.() !== 0) {
    console.error(
      'Chromium is missing: install it with `sudo apt-get install -y chromium` or set CHROME_PATH.',
    );
    process.exit(1);
  }
  console.log('Installing Debian chromium (once)…');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env });
}
