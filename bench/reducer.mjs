// The reducer in Node (pure code): a long conversation arriving one message
// per update, then replayed whole (idempotent).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { build } from 'esbuild';
import { root, round } from './lib.mjs';

const N = 5000;

/** The reducer, bundled once; each call of the returned function is one repetition. */
export async function reducerBench() {
  const out = mkdtempSync(join(tmpdir(), 'acw-bench-'));
  try {
    await build({
      entryPoints: [`${root}src/state/reduce.ts`],
      outfile: `${out}/reduce.mjs`,
      bundle: true,
      format: 'esm',
      platform: 'neutral',
      logLevel: 'warning',
      tsconfig: `${root}tsconfig.json`,
    });
    const { reduce, initialState } = await import(`${out}/reduce.mjs`);
    return ({ results }) => reducerFigures(reduce, initialState, results);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

function reducerFigures(reduce, initialState, results) {
  let state = reduce(initialState, { type: 'status', status: { type: 'joined' } });
  const t0 = performance.now();
  for (let i = 0; i < N; i++) {
    state = reduce(state, {
      type: 'tileUpdate',
      update: {
        id: 'transcript',
        version: 1,
        type: 'transcript',
        data: {
          messages: [
            {
              _id: `m${i}`,
              source: i % 2 ? 'user' : 'agent',
              text: `message ${i} card 4111 1111 1111 1111`,
            },
          ],
          redaction: { enabled: true },
        },
      },
    });
  }
  const perUpdate = (performance.now() - t0) / N;
  results.record(`reducer: append 1 of ${N} messages (avg)`, round(perUpdate * 1000), 'µs', 500);
  const t1 = performance.now();
  const replay = state.transcripts.get('transcript').toArray();
  reduce(state, {
    type: 'tileUpdate',
    update: { id: 'transcript', version: 1, type: 'transcript', data: { messages: replay } },
  });
  results.record(
    `reducer: idempotent replay of ${N} messages`,
    round(performance.now() - t1),
    'ms',
    50,
  );
}
