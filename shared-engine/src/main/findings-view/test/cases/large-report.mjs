// Thousands of findings render without freezing the page: the rows come a page at a time. The render
// time is measured in the browser and reported (test diagnostics and large-report-timings.json, with the
// machine's load average, since the figures depend on it), never asserted.
import { describe, test, before } from 'node:test';
import assert from 'node:assert/strict';
import { writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { cpus, loadavg } from 'node:os';
import { sharedContext } from '../support/context.mjs';
import { openCase } from '../support/browser.mjs';
import { outputDirectory } from '../support/paths.mjs';
import { assertNoProblems } from '../support/problems.mjs';

const COUNT = 5000;
const SEVERITIES = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'UNKNOWN'];

/** COUNT findings made from the demo report's, each with its own id, package and version. */
function largeReport(demo) {
  const report = structuredClone(demo);
  const templates = demo.findings;
  report.findings = Array.from({ length: COUNT }, (_, i) => {
    const f = structuredClone(templates[i % templates.length]);
    f.id = 'PFV-' + String(i).padStart(5, '0');
    f.severity = SEVERITIES[i % 5];
    f.package.name = 'package-' + (i % 700);
    f.package.version = '1.' + (i % 40) + '.' + (i % 9);
    f.summary = 'Synthetic finding ' + i + ' for the render-time measurement';
    f.references = f.references.slice(0, 3);
    return f;
  });
  return report;
}

describe('a report with ' + COUNT + ' findings', () => {
  let browser, server, report;
  const timings = {};
  before(async () => {
    let demo;
    ({ browser, server, reports: { demo } } = await sharedContext());
    report = largeReport(demo);
    server.add('large', report);
  });

  test('first page at once, the rest on request, filters over all of them', async (t) => {
    const { page, problems } = await openCase(browser, server.url('large'));
    Object.assign(timings, await page.evaluate(() => ({ firstPageMillis: window.renderMillis, firstPageScriptMillis: window.renderScriptMillis })));
    t.diagnostic(`render of ${COUNT} findings, first 500 rows: ${timings.firstPageMillis.toFixed(1)} ms with layout, ${timings.firstPageScriptMillis.toFixed(1)} ms script`);
    assert.equal(await page.$$eval('.pfv-table tbody tr', (trs) => trs.length), 500);
    assert.equal(await page.textContent('.pfv-shown'), `Showing 500 of ${COUNT} matching findings (${COUNT} in the report)`);
    await page.click('.pfv-more');
    assert.equal(await page.$$eval('.pfv-table tbody tr', (trs) => trs.length), 1000);
    assert.equal(await page.textContent('.pfv-more'), 'Show 500 more');

    timings.sortFirstThousandMillis = await page.$eval('button[data-sort="installed"]', (button) => {
      const started = performance.now();
      button.click();
      void document.body.offsetHeight;
      return performance.now() - started;
    });
    t.diagnostic(`sort of ${COUNT} findings by version, 1000 rows shown, with layout: ${timings.sortFirstThousandMillis.toFixed(1)} ms`);
    assert.equal(await page.$$eval('.pfv-table tbody tr', (trs) => trs.length), 1000, 'the sort keeps the rows shown');

    await page.fill('.pfv-search', 'package-69');
    const expected = report.findings.filter((f) => f.package.name.startsWith('package-69')).length;
    await page.waitForFunction((n) => document.querySelector('.pfv-shown').textContent.startsWith('Showing ' + Math.min(n, 500) + ' of ' + n + ' '), expected);
    await page.click('button[data-sort="package"]');
    const names = await page.$$eval('.pfv-table tbody .pfv-package', (tds) => tds.map((td) => td.textContent));
    assert.equal(names[0], 'package-69');
    assert.equal(names.at(-1), 'package-699');
    await assertNoProblems(problems);
    await page.close();
  });

  test('every row at once (pageSize ' + COUNT + ')', async (t) => {
    const { page, problems } = await openCase(browser, server.url('large', 'pageSize=' + COUNT));
    Object.assign(timings, await page.evaluate(() => ({ allRowsMillis: window.renderMillis, allRowsScriptMillis: window.renderScriptMillis })));
    t.diagnostic(`render of ${COUNT} findings, all rows: ${timings.allRowsMillis.toFixed(1)} ms with layout, ${timings.allRowsScriptMillis.toFixed(1)} ms script`);
    assert.equal(await page.$$eval('.pfv-table tbody tr', (trs) => trs.length), COUNT);
    // Two clicks: ascending, then descending; each timed in the page from the click to the laid-out table.
    timings.sortAllRowsMillis = [];
    for (let i = 0; i < 2; i++) {
      timings.sortAllRowsMillis.push(await page.$eval('button[data-sort="id"]', (button) => {
        const started = performance.now();
        button.click();
        void document.body.offsetHeight;
        return performance.now() - started;
      }));
    }
    t.diagnostic(`sort of ${COUNT} shown rows by id, with layout: ${timings.sortAllRowsMillis.map((m) => m.toFixed(1)).join(' ms, ')} ms`);
    assert.equal(await page.textContent('.pfv-table tbody tr:first-child .pfv-advisory'), 'PFV-0' + (COUNT - 1));
    await assertNoProblems(problems);
    await page.close();
    await mkdir(outputDirectory, { recursive: true });
    await writeFile(join(outputDirectory, 'large-report-timings.json'),
      JSON.stringify({ findings: COUNT, ...timings, loadAverage: loadavg(), cpus: cpus().length }, null, 2) + '\n');
  });
});
