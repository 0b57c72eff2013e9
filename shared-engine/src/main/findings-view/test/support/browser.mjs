// Debian's Chromium, headless, driven by playwright-core (no browser download).
import { chromium } from 'playwright-core';

const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'];

export function launchChromium() {
  return chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: FLAGS, timeout: 120_000 });
}

/**
 * Opens a case page and waits until the host script rendered it. Returns the page with what went
 * wrong on it: CSP violations (the page's own listener), console errors and uncaught errors.
 */
export async function openCase(browser, url, viewport = { width: 1280, height: 900 }) {
  const page = await browser.newPage({ viewport });
  const problems = { consoleErrors: [], pageErrors: [], requests: [] };
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => problems.pageErrors.push(String(e)));
  page.on('request', (r) => problems.requests.push(r.url()));
  await page.goto(url);
  await page.waitForSelector('html[data-rendered="true"]', { timeout: 30_000 });
  problems.cspViolations = () => page.evaluate(() => window.cspViolations);
  return { page, problems };
}
