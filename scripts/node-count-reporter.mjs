// A node:test reporter that writes { passed, failed, skipped } as JSON, so
// scripts/test.mjs can print one closing line for every runner.
export default async function* countReporter(source) {
  const acc = { passed: 0, failed: 0, skipped: 0 };
  for await (const event of source) {
    const d = event.data;
    if (event.type === 'test:pass') {
      if (d.details?.type === 'suite') continue;
      if (d.skip || d.todo) acc.skipped += 1;
      else acc.passed += 1;
    } else if (event.type === 'test:fail') {
      // a suite fails by itself only when a hook of it failed
      if (d.details?.type === 'suite' && d.details?.error?.failureType === 'subtestsFailed')
        continue;
      acc.failed += 1;
    }
  }
  yield `${JSON.stringify(acc)}\n`;
}
