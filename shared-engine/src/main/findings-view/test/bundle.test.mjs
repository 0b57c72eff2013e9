// The built bundle, read as text: the CSP-relevant things the source rules out must not appear in it
// either (esbuild or a later edit could bring them in).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { bundleDirectory } from './support/paths.mjs';

test('the bundle is one IIFE defining PortcullisFindingsView, with no markup parsing, eval or inline styles', async () => {
  const js = await readFile(join(bundleDirectory, 'findings-view.js'), 'utf8');
  assert.match(js, /^var PortcullisFindingsView=\(\(\)=>\{/);
  assert.ok(/^[\x09\x0a\x0d\x20-\x7e]*$/.test(js), 'ASCII only, whatever charset the host serves it with');
  for (const forbidden of ['innerHTML', 'outerHTML', 'insertAdjacentHTML', 'document.write', 'eval(', 'Function(', '.style', 'cssText',
    'setAttribute("on', "setAttribute('on", 'javascript:', 'import(', 'fetch(', 'XMLHttpRequest']) {
    assert.ok(!js.includes(forbidden), forbidden);
  }
  const css = await readFile(join(bundleDirectory, 'findings-view.css'), 'utf8');
  assert.ok(!/@import|url\(|expression\(/i.test(css), 'the stylesheet loads nothing');
  assert.ok(css.split('}').filter((rule) => rule.trim()).every((rule) => rule.trim().startsWith('.pfv') || rule.trim().startsWith('th[aria-sort') || rule.trim().startsWith('/*')),
    'every rule is scoped to the view');
});
