// Filtering and sorting, checked against what the test computes from the report JSON itself.
import { describe, test, before } from 'node:test';
import assert from 'node:assert/strict';
import { sharedContext } from '../support/context.mjs';
import { openCase } from '../support/browser.mjs';
import { tableRows } from '../support/table.mjs';
import { assertNoProblems } from '../support/problems.mjs';

const RANK = { CRITICAL: 4, HIGH: 3, MEDIUM: 2, LOW: 1, UNKNOWN: 0 };
// The order the view documents: natural (numeric-aware), case-insensitive; ties keep the report's order.
const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });
const KEYS = {
  severity: (f) => RANK[f.severity],
  id: (f) => f.id,
  package: (f) => f.package.name,
  installed: (f) => f.package.version,
  fixed: (f) => f.fixedVersions.join(', '),
};

function sortedIds(findings, key, direction) {
  const sign = direction === 'ascending' ? 1 : -1;
  const value = KEYS[key];
  const compare = (a, b) => typeof value(a) === 'number' ? value(a) - value(b) : collator.compare(value(a), value(b));
  return findings.map((f, index) => ({ f, index }))
    .sort((a, b) => sign * compare(a.f, b.f) || a.index - b.index)
    .map(({ f }) => f.id);
}

function statusOf(f) {
  if (f.suppression) return 'suppressed';
  if (f.allowedByPolicy) return 'allowed';
  if (f.unfixedIgnored) return 'unfixed, ignored';
  return 'open';
}

function matchesText(f, query) {
  const q = query.toLowerCase();
  const s = f.suppression ?? {};
  return [f.id, ...f.aliases, f.package.name, f.package.version, ...f.fixedVersions, f.summary ?? '', statusOf(f),
    s.statement ?? '', s.origin ?? '']
    .some((s) => s.toLowerCase().includes(q));
}

/** The demo report's findings with more packages, versions, severities and every status the engine writes. */
function mixedReport(demo) {
  const report = structuredClone(demo);
  const base = report.findings[0];
  const extra = [
    ['PFV-LOW-1', 'LOW', 'Zlib', '1.2.10', ['1.2.12'], {}],
    ['PFV-LOW-2', 'LOW', 'zlib', '1.2.9', [], { unfixedIgnored: true, counted: false }],
    ['PFV-UNKNOWN-1', 'UNKNOWN', 'lib10', '10.0.0', ['10.0.1'], { allowedByPolicy: true, counted: false }],
    ['PFV-UNKNOWN-2', 'UNKNOWN', 'lib9', '9.0.0', [], {}],
    ['PFV-MEDIUM-1', 'MEDIUM', 'alpha', '0.9', ['1.0', '0.9.1'], {}],
    ['PFV-HIDDEN-1', 'HIGH', 'hidden', '1.0', [], { shown: false }],
  ];
  for (const [id, severity, name, version, fixedVersions, more] of extra) {
    report.findings.push({ ...structuredClone(base), id, aliases: [], severity, summary: 'synthetic ' + name,
      package: { ...base.package, name, version, purl: null }, fixedVersions, fixAvailable: fixedVersions.length > 0,
      references: [], suppression: null, ...more });
  }
  // Most severe first, as the engine writes them
  report.findings.sort((a, b) => RANK[b.severity] - RANK[a.severity]);
  return report;
}

describe('filter and sort', () => {
  let browser, server, report, visible;
  before(async () => {
    let demo;
    ({ browser, server, reports: { demo } } = await sharedContext());
    report = mixedReport(demo);
    visible = report.findings.filter((f) => f.shown !== false);
    server.add('mixed', report);
  });

  const ids = async (page) => (await tableRows(page)).map((r) => r.id);

  test('the engine\'s display filter: shown: false findings are left out and counted', async () => {
    const { page, problems } = await openCase(browser, server.url('mixed'));
    assert.deepEqual(await ids(page), visible.map((f) => f.id));
    assert.match(await page.textContent('.pfv-total'), /; 1 hidden by the scan's display filter$/);
    assert.deepEqual((await tableRows(page)).map((r) => r.status), visible.map(statusOf));
    await assertNoProblems(problems);
    await page.close();
  });

  test('severity checkboxes', async () => {
    const { page, problems } = await openCase(browser, server.url('mixed'));
    for (const severity of ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'UNKNOWN']) {
      const n = visible.filter((f) => f.severity === severity).length;
      assert.equal(await page.textContent(`.pfv-sev-filter:has(input[value="${severity}"])`), ` ${severity} (${n})`);
    }
    await page.uncheck('input[value="CRITICAL"]');
    await page.uncheck('input[value="LOW"]');
    assert.deepEqual(await ids(page), visible.filter((f) => !['CRITICAL', 'LOW'].includes(f.severity)).map((f) => f.id));
    await page.check('input[value="CRITICAL"]');
    assert.deepEqual(await ids(page), visible.filter((f) => f.severity !== 'LOW').map((f) => f.id));
    const shown = visible.filter((f) => f.severity !== 'LOW').length;
    assert.equal(await page.textContent('.pfv-shown'), `Showing ${shown} of ${shown} matching findings (${visible.length} in the report)`);
    await assertNoProblems(problems);
    await page.close();
  });

  test('status and text filters, alone and together', async () => {
    const { page, problems } = await openCase(browser, server.url('mixed'));
    const statusLabels = await page.$$eval('.pfv-status-filter option', (os) => os.map((o) => o.textContent));
    assert.deepEqual(statusLabels, ['all statuses', 'open', 'suppressed', 'allowed', 'unfixed, ignored']);
    for (const [value, label] of [['suppressed', 'suppressed'], ['allowed', 'allowed'], ['unfixed-ignored', 'unfixed, ignored'], ['open', 'open']]) {
      await page.selectOption('.pfv-status-filter', value);
      assert.deepEqual(await ids(page), visible.filter((f) => statusOf(f) === label).map((f) => f.id), value);
    }
    await page.selectOption('.pfv-status-filter', 'all');
    for (const query of ['lodash', 'LODASH', 'CVE-2021-44228', '2.14.1', 'zlib', 'prototype pollution', '1.2.1']) {
      await page.fill('.pfv-search', query);
      const expected = visible.filter((f) => matchesText(f, query)).map((f) => f.id);
      assert.ok(expected.length > 0, query);
      assert.deepEqual(await ids(page), expected, query);
    }
    await page.fill('.pfv-search', 'lodash');
    await page.selectOption('.pfv-status-filter', 'open');
    assert.deepEqual(await ids(page), visible.filter((f) => matchesText(f, 'lodash') && statusOf(f) === 'open').map((f) => f.id));
    await page.fill('.pfv-search', 'no such package anywhere');
    assert.equal(await page.isVisible('.pfv-no-match'), true);
    assert.equal(await page.isVisible('.pfv-table'), false);
    assert.equal(await page.textContent('.pfv-shown'), `Showing 0 of 0 matching findings (${visible.length} in the report)`);
    await assertNoProblems(problems);
    await page.close();
  });

  test('sort buttons: each column both ways, with aria-sort', async () => {
    const { page, problems } = await openCase(browser, server.url('mixed'));
    assert.equal(await page.getAttribute('th:has(button[data-sort="severity"])', 'aria-sort'), 'descending', 'most severe first by default');
    assert.deepEqual(await ids(page), sortedIds(visible, 'severity', 'descending'));
    for (const key of ['id', 'package', 'installed', 'fixed']) {
      await page.click(`button[data-sort="${key}"]`);
      assert.deepEqual(await ids(page), sortedIds(visible, key, 'ascending'), key + ' ascending');
      assert.equal(await page.getAttribute(`th:has(button[data-sort="${key}"])`, 'aria-sort'), 'ascending');
      assert.equal(await page.$$eval('th[aria-sort]', (ths) => ths.length), 1, 'one sorted column');
      await page.click(`button[data-sort="${key}"]`);
      assert.deepEqual(await ids(page), sortedIds(visible, key, 'descending'), key + ' descending');
      assert.equal(await page.getAttribute(`th:has(button[data-sort="${key}"])`, 'aria-sort'), 'descending');
    }
    await page.click('button[data-sort="severity"]');
    assert.deepEqual(await ids(page), sortedIds(visible, 'severity', 'descending'));
    await page.click('button[data-sort="severity"]');
    assert.deepEqual(await ids(page), sortedIds(visible, 'severity', 'ascending'), 'least severe first');
    await assertNoProblems(problems);
    await page.close();
  });

  test('sorting from the keyboard: Tab reaches the sort buttons, Enter and Space sort', async () => {
    const { page, problems } = await openCase(browser, server.url('mixed'));
    await page.focus('.pfv-search');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.dataset.sort), 'severity');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.dataset.sort), 'package');
    await page.keyboard.press('Enter');
    assert.deepEqual(await ids(page), sortedIds(visible, 'package', 'ascending'));
    await page.keyboard.press('Space');
    assert.deepEqual(await ids(page), sortedIds(visible, 'package', 'descending'));
    assert.equal(await page.evaluate(() => document.activeElement.dataset.sort), 'package', 'focus stays on the button');
    await assertNoProblems(problems);
    await page.close();
  });

  test('filter and sort together; a new filter keeps the sort', async () => {
    const { page, problems } = await openCase(browser, server.url('mixed'));
    await page.click('button[data-sort="installed"]');
    await page.uncheck('input[value="CRITICAL"]');
    const expected = sortedIds(visible.filter((f) => f.severity !== 'CRITICAL'), 'installed', 'ascending');
    assert.deepEqual(await ids(page), expected);
    await assertNoProblems(problems);
    await page.close();
  });
});
