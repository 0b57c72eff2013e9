// Render time of the findings view for a report with many findings, in Debian's headless Chromium:
// the first page (default pageSize) and every row at once, RUNS times each; prints the figures as JSON.
// Not part of the build. Needs the bundle built and PORTCULLIS_CLASSPATH (see docs/internals/findings-view.md):
//   npm run build -- ../../../target/classes/io/portcullis/findings-view
//   PORTCULLIS_CLASSPATH=... COUNT=5000 RUNS=5 npm run bench
import { cpus, loadavg } from 'node:os';
import { startPageServer } from '../test/support/page-server.mjs';
import { launchChromium, openCase } from '../test/support/browser.mjs';
import { scanSamples } from '../test/support/demo-report.mjs';
import { largeReport } from '../test/support/large-report.mjs';
import { clickAndLayoutMillis } from '../test/support/timing.mjs';

const count = Number(process.env.COUNT ?? 5000);
const runs = Number(process.env.RUNS ?? 5);
const { demo } = await scanSamples();
const server = await startPageServer();
const browser = await launchChromium();
server.add('large', largeReport(demo, count));
const figures = { findings: count, runs, loadAverageBefore: loadavg(), cpus: cpus().length, firstPage: [], allRows: [], sortAllRows: [] };
try {
  for (let i = 0; i < runs; i++) {
    for (const [name, query] of [['firstPage', ''], ['allRows', 'pageSize=' + count]]) {
      const { page } = await openCase(browser, server.url('large', query));
      figures[name].push(await page.evaluate(() => ({ withLayout: window.renderMillis, script: window.renderScriptMillis })));
      if (name === 'allRows') figures.sortAllRows.push(await clickAndLayoutMillis(page, 'button[data-sort="id"]'));
      await page.close();
    }
  }
} finally {
  await browser.close();
  await server.close();
}
figures.loadAverageAfter = loadavg();
console.log(JSON.stringify(figures, null, 2));
