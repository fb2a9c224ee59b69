// A web-test-runner reporter that writes the number of passed and failed
// tests to a JSON file, so scripts/test.mjs can print one closing line.
import { writeFileSync } from 'node:fs';

function count(results, acc) {
  if (!results) return acc;
  for (const t of results.tests ?? []) {
    if (t.skipped) acc.skipped += 1;
    else if (t.passed) acc.passed += 1;
    else acc.failed += 1;
  }
  for (const s of results.suites ?? []) count(s, acc);
  return acc;
}

export function countReporter(file = process.env.ACW_WTR_COUNTS) {
  return {
    onTestRunFinished({ sessions }) {
      const acc = { passed: 0, failed: 0, skipped: 0 };
      for (const s of sessions) {
        count(s.testResults, acc);
        // a test file that failed to load counts as one failure
        if (!s.passed && (s.errors?.length ?? 0) > 0) acc.failed += 1;
      }
      if (file) writeFileSync(file, JSON.stringify(acc));
    },
  };
}
