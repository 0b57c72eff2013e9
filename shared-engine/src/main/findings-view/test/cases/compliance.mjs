// The compliance section, from a real scan of the demo image with every scan type and an audit log against the
// sample policy (cis_benchmark and pci_dss). What each control must be follows from how
// samples/build-demo-image.sh builds the image: alpine 3.11 plus one COPY layer of log4j 2.14.1 jars and npm
// packages, no USER, no HEALTHCHECK, no ADD, no package-manager step, no setuid file, no secret, read from a
// docker-save tarball (no digest pin, no signature); the scan appends to an audit log.
import { describe, test, before } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { sharedContext } from '../support/context.mjs';
import { openCase } from '../support/browser.mjs';
import { outputDirectory } from '../support/paths.mjs';
import { assertNoProblems } from '../support/problems.mjs';

const PLANTED = {
  cis_benchmark: {
    '4.1': 'FAIL', // no USER: runs as root
    '4.2': 'MANUAL',
    '4.3': 'MANUAL',
    '4.4': 'FAIL', // log4j 2.14.1 has fixed critical advisories
    '4.5': 'MANUAL',
    '4.6': 'FAIL', // no HEALTHCHECK
    '4.7': 'PASS',
    '4.8': 'PASS',
    '4.9': 'PASS',
    '4.10': 'PASS',
    '4.11': 'MANUAL',
  },
  pci_dss: {
    '6.2': 'FAIL', // Log4Shell, published 2021, fixed in 2.15.0
    '6.4': 'FAIL', // a tarball: neither pinned by digest nor signed
    '10.2': 'PASS', // --audit-log
  },
};

async function benchmarks(page) {
  return page.$$eval('.pfv-benchmark', (sections) => sections.map((s) => ({
    name: s.getAttribute('data-benchmark'),
    title: s.querySelector('.pfv-benchmark-title').textContent,
    score: s.querySelector('.pfv-benchmark-score').textContent,
    controls: [...s.querySelectorAll('tbody tr')].map((tr) => ({
      id: tr.querySelector('.pfv-control-id').textContent,
      title: tr.querySelector('.pfv-control-title').getAttribute('title') ?? tr.querySelector('.pfv-control-title').textContent,
      status: tr.querySelector('.pfv-control-status').textContent,
      rowStatus: tr.getAttribute('data-status'),
      evidence: [...tr.querySelectorAll('.pfv-evidence li')].map((li) => li.getAttribute('title') ?? li.textContent),
    })),
  })));
}

describe('compliance', () => {
  let browser, server, compliance, clean;
  before(async () => {
    ({ browser, server, reports: { compliance, clean } } = await sharedContext());
    server.add('compliance', compliance);
    server.add('clean-without-compliance', clean);
  });

  test('both benchmarks: the score and every control with the status the image implies and its evidence', async () => {
    const { page, problems } = await openCase(browser, server.url('compliance'));
    const shown = await benchmarks(page);
    assert.deepEqual(shown.map((b) => b.name), ['cis_benchmark', 'pci_dss']);
    assert.deepEqual(shown.map((b) => b.title), ['CIS Docker Benchmark 1.3.1', 'PCI DSS 4.0']);
    for (const b of shown) {
      const expected = PLANTED[b.name];
      assert.deepEqual(Object.fromEntries(b.controls.map((c) => [c.id, c.status])), expected, b.name);
      assert.ok(b.controls.every((c) => c.rowStatus === c.status));
      const automated = Object.values(expected).filter((s) => s !== 'MANUAL');
      const passed = automated.filter((s) => s === 'PASS').length;
      assert.equal(b.score, `Score ${passed}/${automated.length}: ${passed} of ${automated.length} automated controls passed (`
        + Math.round((100 * passed) / automated.length) + '%)', b.name);
      const inReport = compliance.compliance.find((r) => r.name === b.name);
      assert.deepEqual(b.controls.map((c) => c.title), inReport.controls.map((c) => c.title));
      assert.deepEqual(b.controls.map((c) => c.evidence), inReport.controls.map((c) => c.evidence));
    }
    const cis = shown[0].controls;
    assert.ok(cis.find((c) => c.id === '4.1').evidence.some((e) => e.startsWith('PCC-4.1-ROOT-USER')), 'the root-user check is the evidence');
    assert.ok(cis.find((c) => c.id === '4.4').evidence.some((e) => e.includes('log4j-core 2.14.1')));
    const pci = shown[1].controls;
    assert.ok(pci.find((c) => c.id === '6.2').evidence.some((e) => e.includes('past the 30d grace period')));
    assert.ok(pci.find((c) => c.id === '6.4').evidence.some((e) => e.includes('not pinned by digest')));
    assert.ok(pci.find((c) => c.id === '10.2').evidence.some((e) => e.startsWith('audit line appended to ')));
    await page.screenshot({ path: join(outputDirectory, 'compliance-report.png'), fullPage: true });
    await assertNoProblems(problems);
    await page.close();
  });

  test('a scan without a benchmark in its policy shows no compliance section', async () => {
    assert.deepEqual(clean.compliance, [], 'the clean scan runs without a policy');
    const { page, problems } = await openCase(browser, server.url('clean-without-compliance'));
    assert.equal(await page.$('.pfv-compliance'), null);
    await assertNoProblems(problems);
    await page.close();
  });

  test('a benchmark with nothing evaluated and a status the view does not know are never shown as passed', async () => {
    const report = structuredClone(compliance);
    report.compliance[1].passed = 0;
    report.compliance[1].evaluated = 0;
    report.compliance[1].controls[2].status = 'PASSED_BY_SOMEONE';
    server.add('compliance-odd', report);
    const { page, problems } = await openCase(browser, server.url('compliance-odd'));
    const pci = (await benchmarks(page))[1];
    assert.equal(pci.score, 'Not evaluated: no automated control could be judged');
    assert.equal(pci.controls[2].status, 'NOT_EVALUATED');
    await assertNoProblems(problems);
    await page.close();
  });
});
