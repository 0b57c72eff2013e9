// Which ids link where: built from the id's shape, or chosen by the host, and only ever https.
import { describe, test, before } from 'node:test';
import assert from 'node:assert/strict';
import { sharedContext } from '../support/context.mjs';
import { openCase } from '../support/browser.mjs';
import { tableRows } from '../support/table.mjs';
import { assertNoProblems } from '../support/problems.mjs';

const CASES = [
  // id, references, expected link
  ['GHSA-jfh8-c2jp-5v3q', [], 'https://github.com/advisories/GHSA-jfh8-c2jp-5v3q'],
  ['CVE-2021-44228', [], 'https://nvd.nist.gov/vuln/detail/CVE-2021-44228'],
  ['ALPINE-CVE-2021-36159', [], 'https://osv.dev/vulnerability/ALPINE-CVE-2021-36159'],
  ['PYSEC-2021-19', [], 'https://osv.dev/vulnerability/PYSEC-2021-19'],
  ['RHSA-2024:1234', [], 'https://osv.dev/vulnerability/RHSA-2024%3A1234'],
  ['GHSA-jfh8-c2jp-5v3Q', [], null],
  ['CVE-21-1', ['https://example.test/cve'], 'https://example.test/cve'],
  ['CVE-2021-44228/../../x', ['https://example.test/advisory'], 'https://example.test/advisory'],
  ['no id shape', ['javascript:alert(1)', 'https://example.test/second'], 'https://example.test/second'],
  ['no id shape either', ['http://example.test/', 'ftp://example.test/', '//example.test/'], null],
];

describe('advisory links', () => {
  let browser, server;
  before(async () => {
    let demo;
    ({ browser, server, reports: { demo } } = await sharedContext());
    const report = structuredClone(demo);
    report.findings = CASES.map(([id, references]) => ({ ...structuredClone(demo.findings[0]), id, aliases: [], references }));
    server.add('links', report);
  });

  test('built from the id, else the first https reference, else none', async () => {
    const { page, problems } = await openCase(browser, server.url('links'));
    const rows = await tableRows(page);
    assert.deepEqual(rows.map((r) => [r.id, r.href]), CASES.map(([id, , href]) => [id, href]));
    const attributes = await page.$$eval('a.pfv-advisory', (as) => as.map((a) => [a.target, a.rel]));
    assert.ok(attributes.every(([target, rel]) => target === '_blank' && rel === 'noopener noreferrer'));
    await assertNoProblems(problems);
    await page.close();
  });

  test('the host\'s advisoryUrl wins, null means no link, and a non-https answer is refused', async () => {
    const { page, problems } = await openCase(browser, server.url('links', 'advisory=host'));
    const rows = await tableRows(page);
    // The host page answers GHSA ids with its own https URL, CVE ids with null, everything else with javascript:.
    const expected = CASES.map(([id]) => [id, id.startsWith('GHSA-') ? 'https://advisories.example.test/' + encodeURIComponent(id) : null]);
    assert.deepEqual(rows.map((r) => [r.id, r.href]), expected);
    assert.equal(await page.evaluate(() => window.hostLinkRan), undefined);
    await assertNoProblems(problems);
    await page.close();
  });
});
