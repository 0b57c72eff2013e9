// The view renders a real report from our engine: the demo image scanned by the CLI.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { startPageServer } from './support/page-server.mjs';
import { launchChromium, openCase } from './support/browser.mjs';
import { scanDemoImage, SUPPRESSED_ID, SUPPRESSION_STATEMENT } from './support/demo-report.mjs';
import { outputDirectory } from './support/paths.mjs';
import { tableRows } from './support/table.mjs';

let server, browser, report;

before(async () => {
  [report, server, browser] = await Promise.all([scanDemoImage(), startPageServer(), launchChromium()]);
  server.add('demo', report);
});
after(async () => {
  await browser?.close();
  await server?.close();
});

test('the demo report: verdict, failed rule, counts and every finding in the report order', async () => {
  const { page, problems } = await openCase(browser, server.url('demo', 'title=Container%20Security'));
  assert.equal(await page.textContent('.pfv-outcome'), report.verdict.outcome);
  assert.equal(report.verdict.outcome, 'FAIL', 'the sample policy fails the demo image');
  const failed = report.verdict.rules.filter((r) => r.status === 'FAILED').map((r) => r.rule + ': ' + r.message);
  assert.deepEqual(await page.$$eval('.pfv-failed-rules li', (lis) => lis.map((li) => li.textContent)), failed);

  for (const severity of ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'UNKNOWN']) {
    const open = await page.textContent(`.pfv-open td[data-severity="${severity}"]`);
    const suppressed = await page.textContent(`.pfv-suppressed td[data-severity="${severity}"]`);
    assert.equal(Number(open), report.summary.open[severity], severity + ' open');
    assert.equal(Number(suppressed), report.findings.filter((f) => f.severity === severity && f.suppression).length, severity + ' suppressed');
  }

  const rows = await tableRows(page);
  assert.deepEqual(rows.map((r) => r.id), report.findings.map((f) => f.id));
  assert.deepEqual(rows.map((r) => r.package), report.findings.map((f) => f.package.name));
  assert.deepEqual(rows.map((r) => r.installed), report.findings.map((f) => f.package.version));
  assert.deepEqual(rows.map((r) => r.fixed), report.findings.map((f) => f.fixedVersions.join(', ') || 'no fix'));
  assert.deepEqual(rows.map((r) => r.severity), report.findings.map((f) => f.severity));

  const suppressed = rows.find((r) => r.id === SUPPRESSED_ID);
  assert.equal(suppressed.status, 'suppressed');
  assert.match(suppressed.why, new RegExp('^' + SUPPRESSION_STATEMENT + ' \\(.*portcullisignore\\.yaml:\\d+\\) until 2099-12-31$'));
  assert.ok(rows.filter((r) => r.id !== SUPPRESSED_ID).every((r) => r.status === 'open' && r.why === ''));

  const log4shell = rows.find((r) => r.id === 'GHSA-jfh8-c2jp-5v3q');
  assert.equal(log4shell.href, 'https://github.com/advisories/GHSA-jfh8-c2jp-5v3q');
  assert.deepEqual(log4shell.aliasHrefs, ['https://nvd.nist.gov/vuln/detail/CVE-2021-44228']);

  await mkdir(outputDirectory, { recursive: true });
  await page.screenshot({ path: join(outputDirectory, 'demo-report.png'), fullPage: true });
  assert.deepEqual(await problems.cspViolations(), []);
  assert.deepEqual(problems.consoleErrors, []);
  assert.deepEqual(problems.pageErrors, []);
});
