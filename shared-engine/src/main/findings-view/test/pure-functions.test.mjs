// The view's pure parts, run in Node without a browser: visible escapes and link rules.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { escapeInvisible, shorten } from '../src/visible-text.js';
import { defaultAdvisoryUrl, safeHttpsUrl, advisoryLink } from '../src/advisory-links.js';

test('bidi, zero-width, control characters and lone surrogates become visible escapes', () => {
  assert.equal(escapeInvisible('a\u202Eb\u202Ac\u2066d\u2069e\u200Ef\u061Cg'), 'a\\u202eb\\u202ac\\u2066d\\u2069e\\u200ef\\u061cg');
  assert.equal(escapeInvisible('tab\there\nnl\r\u0000\u007f\u0085'), 'tab\\u0009here\\u000anl\\u000d\\u0000\\u007f\\u0085');
  assert.equal(escapeInvisible('zero\u200Bwidth\uFEFF\u2060\u00AD'), 'zero\\u200bwidth\\ufeff\\u2060\\u00ad');
  assert.equal(escapeInvisible('lone \uD800 and \uDC00'), 'lone \\ud800 and \\udc00');
});

test('ordinary text of any script is left alone', () => {
  for (const text of ['log4j-core 2.14.1', 'שלום', 'مرحبا', '日本語のパッケージ', 'emoji \uD83D\uDE00', 'Ünïcödé', '<script>"\'`&']) {
    assert.equal(escapeInvisible(text), text);
  }
});

test('long text is cut to the limit with an ellipsis', () => {
  assert.deepEqual(shorten('abc', 3), { text: 'abc', cut: false });
  assert.deepEqual(shorten('abcd', 3), { text: 'ab\u2026', cut: true });
});

test('advisory ids link only for strict shapes', () => {
  assert.equal(defaultAdvisoryUrl('GHSA-jfh8-c2jp-5v3q'), 'https://github.com/advisories/GHSA-jfh8-c2jp-5v3q');
  assert.equal(defaultAdvisoryUrl('CVE-2021-44228'), 'https://nvd.nist.gov/vuln/detail/CVE-2021-44228');
  assert.equal(defaultAdvisoryUrl('DSA-5022-1'), 'https://osv.dev/vulnerability/DSA-5022-1');
  for (const id of ['', 'GHSA', 'CVE-21-1', 'GHSA-jfh8-c2jp-5v3Q', 'cve-2021-44228', 'javascript:alert(1)', 'A-<b>', 'X-' + 'a'.repeat(200), '-CVE-1', 'CVE-2021-1 x', 'CVE-2021-44228\n', null, 42]) {
    assert.equal(defaultAdvisoryUrl(id), null, String(id));
  }
});

test('only plain https URLs without credentials pass', () => {
  assert.equal(safeHttpsUrl('https://example.test/a b'), null);
  assert.equal(safeHttpsUrl('https://example.test/path?q="x"'), 'https://example.test/path?q=%22x%22');
  for (const url of ['http://example.test/', 'javascript:alert(1)', ' https://example.test/', 'https:example.test', 'HTTPS://example.test/',
    'https://u:p@example.test/', 'https://u@example.test/', 'https://example.test\\@evil.test/', 'https://exa\tmple.test/', 'https://', '//example.test/', 42]) {
    assert.equal(safeHttpsUrl(url), null, String(url));
  }
});

test('the host\'s advisoryUrl decides, but only https gets through; a throwing host means no link', () => {
  assert.equal(advisoryLink('GHSA-jfh8-c2jp-5v3q', [], () => 'https://host.test/x'), 'https://host.test/x');
  assert.equal(advisoryLink('GHSA-jfh8-c2jp-5v3q', [], () => null), null);
  assert.equal(advisoryLink('GHSA-jfh8-c2jp-5v3q', [], () => undefined), 'https://github.com/advisories/GHSA-jfh8-c2jp-5v3q');
  assert.equal(advisoryLink('GHSA-jfh8-c2jp-5v3q', [], () => 'javascript:alert(1)'), null);
  assert.equal(advisoryLink('GHSA-jfh8-c2jp-5v3q', [], () => { throw new Error('host bug'); }), null);
  assert.equal(advisoryLink('weird id', ['ftp://x.test/', 'https://ref.test/1', 'https://ref.test/2']), 'https://ref.test/1');
});
