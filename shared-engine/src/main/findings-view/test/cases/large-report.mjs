// Thousands of findings render without freezing the page: the rows come a page at a time. The render
// time is measured in the browser and reported (test diagnostics and large-report-timings.json, with the
// machine's load average, since the figures depend on it), never asserted. bench/render-time.mjs
// measures more (every row at once, repeated runs).
import { describe, test, before } from 'node:test';
import assert from 'node:assert/strict';
import { writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { cpus, loadavg } from 'node:os';
import { sharedContext } from '../support/context.mjs';
import { openCase } from '../support/browser.mjs';
import { outputDirectory } from '../support/paths.mjs';
import { assertNoProblems } from '../support/problems.mjs';
import { clickAndLayoutMillis } from '../support/timing.mjs';
import { largeReport } from '../support/large-report.mjs';

const COUNT = 5000;

describe('a report with ' + COUNT + ' findings', () => {
  let browser, server, report;
  before(async () => {
    let demo;
    ({ browser, server, reports: { demo } } = await sharedContext());
    report = largeReport(demo, COUNT);
    server.add('large', report);
  });

  test('first page at once, the rest on request, filters and sorts over all of them', async (t) => {
    const { page, problems } = await openCase(browser, server.url('large'));
    const timings = await page.evaluate(() => ({ renderMillis: window.renderMillis, renderScriptMillis: window.renderScriptMillis }));
    t.diagnostic(`render of ${COUNT} findings, first 500 rows: ${timings.renderMillis.toFixed(1)} ms with layout, ${timings.renderScriptMillis.toFixed(1)} ms script`);
    assert.equal(await page.$$eval('.pfv-table tbody tr', (trs) => trs.length), 500);
    assert.equal(await page.textContent('.pfv-shown'), `Showing 500 of ${COUNT} matching findings (${COUNT} in the report)`);
    await page.click('.pfv-more');
    assert.equal(await page.$$eval('.pfv-table tbody tr', (trs) => trs.length), 1000);
    assert.equal(await page.textContent('.pfv-more'), 'Show 500 more');

    timings.sortThousandShownMillis = await clickAndLayoutMillis(page, 'button[data-sort="installed"]');
    t.diagnostic(`sort of ${COUNT} findings by version, 1000 rows shown, with layout: ${timings.sortThousandShownMillis.toFixed(1)} ms`);
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

    await mkdir(outputDirectory, { recursive: true });
    await writeFile(join(outputDirectory, 'large-report-timings.json'),
      JSON.stringify({ findings: COUNT, ...timings, loadAverage: loadavg(), cpus: cpus().length }, null, 2) + '\n');
  });
});
