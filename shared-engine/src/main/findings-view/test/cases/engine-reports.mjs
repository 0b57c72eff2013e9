// The view renders real reports from our engine: the demo image, and an image with no findings.
import { describe, test, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { sharedContext } from '../support/context.mjs';
import { openCase } from '../support/browser.mjs';
import { SUPPRESSED_ID, SUPPRESSION_STATEMENT } from '../support/demo-report.mjs';
import { outputDirectory } from '../support/paths.mjs';
import { tableRows } from '../support/table.mjs';
import { assertNoProblems } from '../support/problems.mjs';

const SEVERITIES = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'UNKNOWN'];

describe('real engine reports', () => {
  let browser, server, demo, clean;
  before(async () => {
    ({ browser, server, reports: { demo, clean } } = await sharedContext());
    server.add('demo', demo);
    server.add('clean', clean);
    server.add('not-a-report', { findings: 'none' });
  });

  test('the demo report: verdict, failed rule, counts and every finding in the report order', async () => {
    const { page, problems } = await openCase(browser, server.url('demo', 'title=Container%20Security'));
    assert.equal(await page.textContent('.pfv-title'), 'Container Security');
    assert.equal(demo.verdict.outcome, 'FAIL', 'the sample policy fails the demo image');
    assert.equal(await page.textContent('.pfv-outcome'), 'FAIL');
    assert.ok(await page.$('.pfv-verdict.pfv-verdict-fail'));
    const failed = demo.verdict.rules.filter((r) => r.status === 'FAILED').map((r) => r.rule + ': ' + r.message);
    assert.ok(failed.length > 0);
    assert.deepEqual(await page.$$eval('.pfv-failed-rules li', (lis) => lis.map((li) => li.textContent)), failed);
    assert.deepEqual(await page.$$eval('.pfv-warnings li', (lis) => lis.map((li) => li.textContent)), demo.verdict.warnings);

    for (const severity of SEVERITIES) {
      const open = await page.textContent(`.pfv-open td[data-severity="${severity}"]`);
      const suppressed = await page.textContent(`.pfv-suppressed td[data-severity="${severity}"]`);
      assert.equal(Number(open), demo.summary.open[severity], severity + ' open');
      assert.equal(Number(suppressed), demo.findings.filter((f) => f.severity === severity && f.suppression).length, severity + ' suppressed');
    }
    assert.equal(await page.textContent('.pfv-total'), demo.summary.total + ' findings, ' + demo.summary.suppressed + ' suppressed');

    const rows = await tableRows(page);
    assert.deepEqual(rows.map((r) => r.id), demo.findings.map((f) => f.id));
    assert.deepEqual(rows.map((r) => r.aliases), demo.findings.map((f) => f.aliases));
    assert.deepEqual(rows.map((r) => r.summary), demo.findings.map((f) => f.summary));
    assert.deepEqual(rows.map((r) => r.package), demo.findings.map((f) => f.package.name));
    assert.deepEqual(rows.map((r) => r.installed), demo.findings.map((f) => f.package.version));
    assert.deepEqual(rows.map((r) => r.fixed), demo.findings.map((f) => f.fixedVersions.join(', ') || 'no fix'));
    assert.deepEqual(rows.map((r) => r.severity), demo.findings.map((f) => f.severity));
    assert.equal(await page.textContent('.pfv-shown'), `Showing ${demo.findings.length} of ${demo.findings.length} matching findings (${demo.findings.length} in the report)`);

    const suppressed = rows.filter((r) => r.status === 'suppressed');
    assert.deepEqual(suppressed.map((r) => r.id), [SUPPRESSED_ID]);
    const origin = demo.findings.find((f) => f.id === SUPPRESSED_ID).suppression.origin;
    assert.equal(suppressed[0].why, `${SUPPRESSION_STATEMENT} (${origin}) until 2099-12-31`);
    assert.ok(rows.filter((r) => r.id !== SUPPRESSED_ID).every((r) => r.status === 'open' && r.why === ''));

    for (const row of rows) {
      assert.equal(row.href, 'https://github.com/advisories/' + row.id, 'GHSA ids link to GitHub');
      assert.deepEqual(row.aliasHrefs, row.aliases.map((cve) => 'https://nvd.nist.gov/vuln/detail/' + cve), 'CVE ids link to NVD');
    }

    await mkdir(outputDirectory, { recursive: true });
    await page.screenshot({ path: join(outputDirectory, 'demo-report.png'), fullPage: true });
    await assertNoProblems(problems);
    await page.close();
  });

  test('an image without findings: the verdict, zero counts and the empty table message', async () => {
    assert.equal(clean.findings.length, 0, 'the GitHub advisories hold nothing for alpine 3.11');
    const { page, problems } = await openCase(browser, server.url('clean'));
    assert.equal(await page.textContent('.pfv-outcome'), clean.verdict.outcome);
    assert.equal(clean.verdict.outcome, 'PASS');
    assert.deepEqual(await page.$$eval('.pfv-counts-table tbody td', (tds) => tds.map((td) => td.textContent)), Array(10).fill('0'));
    assert.equal(await page.textContent('.pfv-empty-table'), 'No findings: nothing in this image matched the vulnerability data.');
    assert.equal(await page.$('.pfv-table'), null, 'no table without rows');
    await page.screenshot({ path: join(outputDirectory, 'clean-report.png'), fullPage: true });
    await assertNoProblems(problems);
    await page.close();
  });

  test('renderEmpty shows the host\'s message in place of a report', async () => {
    const message = 'This build ran ContainerScan but produced no report: see the task log';
    const { page, problems } = await openCase(browser, server.url('demo', 'empty=' + encodeURIComponent(message)));
    assert.equal(await page.textContent('#view'), message);
    assert.equal(await page.$('.pfv-table'), null, 'the report in the page is not rendered');
    await assertNoProblems(problems);
    await page.close();
  });

  test('a value that is not a report is a message, not an exception', async () => {
    const { page, problems } = await openCase(browser, server.url('not-a-report'));
    assert.equal(await page.textContent('.pfv-error'), 'This is not a Portcullis JSON report: unsupported report schemaVersion null (expected 1.x)');
    await assertNoProblems(problems);
    await page.close();
  });
});
