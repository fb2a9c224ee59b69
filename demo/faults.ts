/**
 * Store faults on demand, for QA and the chaos test (demo mode only, through
 * `POST /__control/store-fault`): node:fs with a switch that makes the disk
 * full, read-only, or kills the process halfway through a journal write (the
 * torn line a crash or a power cut leaves).
 */
import * as fs from 'node:fs';
import type { StoreFs } from './store.js';

export const STORE_FAULTS = ['none', 'full', 'read-only', 'crash-mid-write'] as const;
export type StoreFault = (typeof STORE_FAULTS)[number];

const fail = (code: string) => Object.assign(new Error(code), { code });

export function switchableFs(): { fs: StoreFs; set(fault: StoreFault): void } {
  let fault: StoreFault = 'none';
  const wrapped: StoreFs = {
    ...fs,
    openSync: ((path: fs.PathLike, flags: fs.OpenMode = 'r', mode?: fs.Mode) => {
      if (fault === 'read-only' && flags !== 'r') throw fail('EROFS');
      return fs.openSync(path, flags, mode);
    }) as typeof fs.openSync,
    writeSync: ((fd: number, buf: Buffer, off: number, len: number, pos: number) => {
      if (fault === 'full') {
        // a full disk takes part of a write, then says no
        fs.writeSync(fd, buf, off, Math.max(1, Math.floor(len / 2)), pos);
        throw fail('ENOSPC');
      }
      if (fault === 'crash-mid-write') {
        fs.writeSync(fd, buf, off, Math.max(1, Math.floor(len / 2)), pos);
        fs.fdatasyncSync(fd);
        process.kill(process.pid, 'SIGKILL');
      }
      return fs.writeSync(fd, buf, off, len, pos);
    }) as typeof fs.writeSync,
  };
  return {
    fs: wrapped,
    set(f) {
      fault = f;
    },
  };
}
