// One browser, one page server and one set of engine reports for every case: starting Chromium and
// running the CLI cost seconds, so they are made once per test run.
import { startPageServer } from './page-server.mjs';
import { launchChromium } from './browser.mjs';
import { scanSamples } from './demo-report.mjs';

let context = null;

export function sharedContext() {
  context ??= Promise.all([scanSamples(), startPageServer(), launchChromium()])
    .then(([reports, server, browser]) => ({ reports, server, browser }));
  return context;
}

export async function closeSharedContext() {
  if (!context) return;
  const { server, browser } = await context.catch(() => ({}));
  await browser?.close();
  await server?.close();
}
