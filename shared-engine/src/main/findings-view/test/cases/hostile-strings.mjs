// Strings from an image or from vulnerability data are text, never markup, links or reordering marks.
import { describe, test, before } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { sharedContext } from '../support/context.mjs';
import { openCase } from '../support/browser.mjs';
import { outputDirectory } from '../support/paths.mjs';
import { tableRows } from '../support/table.mjs';
import { assertNoProblems } from '../support/problems.mjs';

const SCRIPT_TAG = '<script>window.pwned = "script tag"</script>';
const ATTRIBUTE_BREAKOUT = '"><img src=x onerror="window.pwned = \'img onerror\'">';
const QUOTES = '\' onmouseover=\'window.pwned = 1\' x=\'"`';
const SVG = '<svg onload="window.pwned = \'svg\'"><a href="javascript:window.pwned=2">x</a></svg>';
const RIGHT_TO_LEFT_OVERRIDE = 'evil\u202Egpj.exe';
const ISOLATES_AND_ZERO_WIDTH = '1.0\u2066\u200B\u2069-\u200Fr1';
const NEWLINE = 'pkg\n##vso[task.setvariable variable=PATH]/tmp\r';
const LONG = 'A'.repeat(5000) + '<script>window.pwned = "long"</script>';

/** The demo report with hostile strings in every field the view shows. */
function hostileReport(demo) {
  const report = structuredClone(demo);
  report.image.reference = SCRIPT_TAG;
  report.tool.version = ATTRIBUTE_BREAKOUT;
  report.verdict.rules.find((r) => r.status === 'FAILED').message = SVG;
  report.verdict.rules.push({ rule: RIGHT_TO_LEFT_OVERRIDE, status: 'FAILED', limit: '0', actual: '1', findings: [], message: QUOTES });
  report.verdict.warnings = [SCRIPT_TAG, NEWLINE];
  const [a, b, c, d] = report.findings;
  a.id = SCRIPT_TAG;
  a.aliases = ['CVE-2021-44228"><script>window.pwned="alias"</script>', 'javascript:window.pwned="alias link"'];
  a.references = ['javascript:window.pwned="reference"', ' JaVaScRiPt:window.pwned=1', 'data:text/html,<script>window.pwned=1</script>',
    'https://user:secret@advisories.example.test/', 'http://advisories.example.test/plain-http', 'https:evil'];
  a.package.name = ATTRIBUTE_BREAKOUT;
  a.summary = LONG;
  b.id = 'javascript:window.pwned="id"';
  b.references = ['javascript:window.pwned="ref"', 'https://advisories.example.test/b?q="><x>'];
  b.package.name = RIGHT_TO_LEFT_OVERRIDE;
  b.package.version = ISOLATES_AND_ZERO_WIDTH;
  b.fixedVersions = [QUOTES, '<b>2</b>'];
  c.package.name = NEWLINE;
  c.summary = SVG;
  d.suppression = { kind: 'ignore_file', status: null, justification: null, statement: SVG + RIGHT_TO_LEFT_OVERRIDE, expires: null, origin: SCRIPT_TAG };
  const [benchmark] = report.compliance;
  benchmark.name = QUOTES;
  benchmark.title = SCRIPT_TAG;
  benchmark.version = SVG;
  const [control] = benchmark.controls;
  control.id = RIGHT_TO_LEFT_OVERRIDE;
  control.title = ATTRIBUTE_BREAKOUT;
  control.status = '<b>PASS</b>';
  control.evidence = [NEWLINE, LONG, SVG];
  return report;
}

describe('hostile strings', () => {
  let browser, server, report;
  before(async () => {
    let demo;
    ({ browser, server, reports: { demo } } = await sharedContext());
    report = hostileReport(demo);
    server.add('hostile', report);
  });

  test('no script runs, no element or attribute is injected, no unsafe link is made', async () => {
    const { page, problems } = await openCase(browser, server.url('hostile', 'title=' + encodeURIComponent(SCRIPT_TAG)));
    const dom = await page.$eval('#view', (view) => {
      const elements = [...view.querySelectorAll('*')];
      return {
        pwned: window.pwned,
        tags: [...new Set(elements.map((e) => e.localName))].sort(),
        eventAttributes: elements.flatMap((e) => [...e.attributes].filter((a) => a.name.startsWith('on')).map((a) => a.name)),
        styleAttributes: elements.filter((e) => e.hasAttribute('style')).length,
        hrefs: [...view.querySelectorAll('[href]')].map((e) => e.getAttribute('href')),
        text: view.textContent,
      };
    });
    assert.equal(dom.pwned, undefined, 'no injected script ran');
    assert.deepEqual(dom.tags, ['a', 'button', 'dd', 'div', 'dl', 'dt', 'fieldset', 'h2', 'h3', 'h4', 'input', 'label', 'legend', 'li', 'option',
      'p', 'section', 'select', 'span', 'table', 'tbody', 'td', 'th', 'thead', 'tr', 'ul'], 'only the elements the view makes itself');
    assert.deepEqual(dom.eventAttributes, []);
    assert.equal(dom.styleAttributes, 0);
    for (const href of dom.hrefs) {
      assert.match(href, /^https:\/\/(github\.com\/advisories\/GHSA-|nvd\.nist\.gov\/vuln\/detail\/CVE-|osv\.dev\/vulnerability\/|advisories\.example\.test\/b\?)/, href);
    }
    assert.ok(!/[\u202A-\u202E\u2066-\u2069\u200B-\u200F\n\r]/.test(dom.text), 'no bidi, zero-width or line-break character reaches the page');

    const rows = await tableRows(page);
    assert.equal(rows[0].id, SCRIPT_TAG);
    assert.equal(rows[0].href, null, 'no id pattern and no safe reference: no link');
    assert.deepEqual(rows[0].aliases, report.findings[0].aliases);
    assert.deepEqual(rows[0].aliasHrefs, [null, null]);
    assert.equal(rows[0].package, ATTRIBUTE_BREAKOUT);
    assert.equal(rows[0].summary, 'A'.repeat(199) + '\u2026', 'long text is cut');
    assert.equal(await page.getAttribute('.pfv-table tbody tr:first-child .pfv-summary', 'title'), LONG, 'and kept whole in the title');
    assert.equal(rows[1].id, 'javascript:window.pwned="id"');
    assert.equal(rows[1].href, 'https://advisories.example.test/b?q=%22%3E%3Cx%3E', 'the https reference, as the URL parser normalised it');
    assert.equal(rows[1].package, 'evil\\u202egpj.exe', 'a bidi override is shown as an escape');
    assert.equal(rows[1].installed, '1.0\\u2066\\u200b\\u2069-\\u200fr1');
    assert.equal(rows[1].fixed, QUOTES + ', <b>2</b>');
    assert.equal(rows[2].package, 'pkg\\u000a##vso[task.setvariable variable=PATH]/tmp\\u000d');
    assert.equal(rows[2].summary, SVG);
    assert.equal(rows[3].why, SVG + 'evil\\u202egpj.exe (' + SCRIPT_TAG + ')');

    assert.equal(await page.getAttribute('.pfv-benchmark', 'data-benchmark'), QUOTES);
    assert.equal(await page.textContent('.pfv-benchmark-title'), SCRIPT_TAG + ' ' + SVG);
    const control = await page.$eval('.pfv-compliance-table tbody tr', (tr) => ({
      id: tr.querySelector('.pfv-control-id').textContent,
      title: tr.querySelector('.pfv-control-title').textContent,
      status: tr.querySelector('.pfv-control-status').textContent,
      evidence: [...tr.querySelectorAll('.pfv-evidence li')].map((li) => [li.textContent, li.getAttribute('title')]),
    }));
    assert.deepEqual(control, {
      id: 'evil\\u202egpj.exe',
      title: ATTRIBUTE_BREAKOUT,
      status: 'NOT_EVALUATED', // a status that is not one of the four is never shown, least of all as a pass
      evidence: [['pkg\\u000a##vso[task.setvariable variable=PATH]/tmp\\u000d', null], ['A'.repeat(199) + '\u2026', LONG], [SVG, null]],
    });

    assert.equal(await page.textContent('.pfv-title'), SCRIPT_TAG);
    assert.deepEqual(await page.$$eval('.pfv-failed-rules li', (lis) => lis.map((li) => li.textContent)),
      // Every failed rule in the report's order: the real ones (the first with the SVG message), then the hostile one.
      report.verdict.rules.filter((r) => r.status === 'FAILED')
        .map((r) => (r.rule === RIGHT_TO_LEFT_OVERRIDE ? 'evil\\u202egpj.exe' : r.rule) + ': ' + r.message));
    assert.deepEqual(await page.$$eval('.pfv-facts dd', (dds) => dds.map((dd) => dd.textContent)).then((v) => v.slice(0, 1)), [SCRIPT_TAG]);

    await page.screenshot({ path: join(outputDirectory, 'hostile-strings.png'), fullPage: false });
    assert.equal(await page.evaluate(() => window.pwned), undefined, 'nothing ran later either');
    await assertNoProblems(problems);
    await page.close();
  });
});
