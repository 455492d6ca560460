// Sums vitest JSON reports into the one line CI reads: "N passed, N failed".
// A report that is missing (the run crashed) counts as a failure, as does any failed step.
import { readFileSync } from 'node:fs';

const [stepFailures, ...reports] = process.argv.slice(2);
let passed = 0;
let failed = Number(stepFailures) || 0;
for (const path of reports) {
  try {
    const report = JSON.parse(readFileSync(path, 'utf8'));
    passed += report.numPassedTests;
    failed += report.numFailedTests;
    // A file that failed to load has no tests but must still fail the run.
    failed += report.testResults.filter(
      (file) => file.status === 'failed' && file.assertionResults.length === 0,
    ).length;
    // Name what failed here, at the end, where the tail of a CI log is read.
    for (const file of report.testResults) {
      const where = file.name.replace(process.cwd() + '/', '');
      if (file.status === 'failed' && file.assertionResults.length === 0) {
        console.log(`  failed to load: ${where}: ${String(file.message).split('\n')[0].slice(0, 300)}`);
      }
      for (const test of file.assertionResults.filter((result) => result.status === 'failed')) {
        // The first lines of the message: an accessibility audit lists the rule and the element there.
        const why = String(test.failureMessages?.[0] ?? '')
          .split('\n')
          .slice(0, 8)
          .map((line) => line.slice(0, 300))
          .join('\n      ');
        console.log(`  failed: ${where} > ${test.fullName}: ${why}`);
      }
    }
    console.log(`${path.split('/').pop()}: ${report.numPassedTests} passed, ${report.numFailedTests} failed`);
  } catch {
    console.log(`${path}: no report (the test run did not finish)`);
    failed += 1;
  }
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
