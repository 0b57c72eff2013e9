// What must never happen on a page: a CSP violation, a console error or an uncaught exception.
import assert from 'node:assert/strict';

export async function assertNoProblems(problems) {
  assert.deepEqual(await problems.cspViolations(), [], 'CSP violations');
  assert.deepEqual(problems.consoleErrors, [], 'console errors');
  assert.deepEqual(problems.pageErrors, [], 'uncaught errors');
}
