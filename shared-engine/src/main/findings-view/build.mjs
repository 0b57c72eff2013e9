// Bundles src/ into one IIFE (window.PortcullisFindingsView) and copies the stylesheet.
// Usage: node build.mjs OUTPUT_DIRECTORY (the Maven build passes target/classes/io/portcullis/findings-view).
import { build } from 'esbuild';
import { copyFile, mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';

const out = process.argv[2];
if (!out) {
  console.error('usage: node build.mjs OUTPUT_DIRECTORY');
  process.exit(2);
}
const here = new URL('.', import.meta.url).pathname;
await mkdir(out, { recursive: true });
await build({
  entryPoints: [resolve(here, 'src/index.js')],
  outfile: resolve(out, 'findings-view.js'),
  bundle: true,
  format: 'iife',
  globalName: 'PortcullisFindingsView',
  platform: 'browser',
  target: ['es2020'],
  minify: true,
  legalComments: 'none',
  charset: 'ascii',
  logLevel: 'warning',
});
await copyFile(resolve(here, 'src/findings-view.css'), resolve(out, 'findings-view.css'));
