// The checks section, from a real `portcullis k8s` report: every check in the report order, where it is, and the
// suppressed one marked with its statement; a report without checks has no section.
import { describe, test, before } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { sharedContext } from '../support/context.mjs';
import { openCase } from '../support/browser.mjs';
import { SUPPRESSED_CHECK, CHECK_STATEMENT } from '../support/demo-report.mjs';
import { outputDirectory } from '../support/paths.mjs';
import { assertNoProblems } from '../support/problems.mjs';

describe('check findings', () => {
  let browser, server, demo, manifests;
  before(async () => {
    ({ browser, server, reports: { demo, manifests } } = await sharedContext());
    server.add('manifests', manifests);
    server.add('demo-without-checks', demo);
  });

  test('a manifests report: each check with its rule, place and status, the failed kubernetes rule in the verdict', async () => {
    const { page, problems } = await openCase(browser, server.url('manifests'));
    const checks = manifests.checks;
    assert.ok(checks.length >= 2 && checks.every((c) => c.kind === 'KUBERNETES'), 'the helm manifest plants several violations');
    // A cell cut at 200 characters keeps the whole text in its title.
    const rows = await page.$$eval('.pfv-checks-table tbody tr', (trs) => trs.map((tr) => {
      const full = (name) => {
        const cell = tr.querySelector(name);
        return cell.getAttribute('title') ?? cell.textContent;
      };
      return {
        severity: full('.pfv-severity'),
        kind: full('.pfv-check-kind'),
        id: full('.pfv-check-id'),
        where: full('.pfv-check-where'),
        message: full('.pfv-check-message'),
        status: full('.pfv-status'),
        why: full('.pfv-why'),
      };
    }));
    assert.deepEqual(rows.map((r) => r.id), checks.map((c) => c.id));
    assert.deepEqual(rows.map((r) => r.where), checks.map((c) => c.location));
    assert.deepEqual(rows.map((r) => r.message), checks.map((c) => c.message));
    assert.deepEqual(rows.map((r) => r.severity), checks.map((c) => c.severity));
    assert.ok(rows.every((r) => r.kind === 'Kubernetes'));
    assert.deepEqual(rows.filter((r) => r.status === 'suppressed').map((r) => [r.id, r.why.startsWith(CHECK_STATEMENT)]),
      checks.filter((c) => c.id === SUPPRESSED_CHECK).map((c) => [c.id, true]));
    assert.ok(rows.some((r) => r.id === 'PCK-PRIVILEGE-ESCALATION' && r.status === 'open'
      && /helm-rendered\.yaml:\d+ .*allowPrivilegeEscalation$/.test(r.where)), JSON.stringify(rows));
    const failed = await page.$$eval('.pfv-failed-rules li', (lis) => lis.map((li) => li.textContent));
    assert.ok(failed.some((f) => f.startsWith('kubernetes: ') && f.includes('PCK-PRIVILEGE-ESCALATION at ')), failed.join('\n'));
    await page.screenshot({ path: join(outputDirectory, 'manifests-report.png'), fullPage: true });
    await assertNoProblems(problems);
    await page.close();
  });

  test('a report without checks shows no checks section', async () => {
    assert.equal(demo.checks.length, 0, 'a vulnerability scan runs no check');
    const { page, problems } = await openCase(browser, server.url('demo-without-checks'));
    assert.equal(await page.$('.pfv-checks'), null);
    await assertNoProblems(problems);
    await page.close();
  });
});
