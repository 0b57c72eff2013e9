// One headless Chromium for the tab tests, and a run of the built tab (dist/) inside the test host page
// against a Build REST server with the given attachments.
import { chromium } from "playwright-core";
import { build } from "esbuild";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { directoryFiles, startBuildRestServer, startFileServer } from "./servers.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, "..", "..", "dist");
const TAB_FILES = ["results-tab.html", "results-tab.js", "results-tab.css", "findings-view.js", "findings-view.css"];

export const PROJECT = { id: "5b0c6d1e-2f3a-4b5c-8d9e-0f1a2b3c4d5e", name: "Shop" };
export const BUILD_ID = 4711;
export const TOKEN = "test-access-token-7c1f";

async function hostBundle() {
  const result = await build({
    entryPoints: [join(here, "host.js")],
    bundle: true,
    format: "iife",
    write: false,
    logLevel: "warning",
    alias: { "azure-devops-extension-sdk/XDM.js": join(here, "..", "..", "node_modules", "azure-devops-extension-sdk", "esm", "XDM.js") },
  });
  return result.outputFiles[0].contents;
}

export async function startTabEnvironment() {
  const browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
      "--disable-sync", "--no-first-run"],
  });
  const tabServer = await startFileServer(directoryFiles("/tab/", dist, TAB_FILES));
  const hostServer = await startFileServer({
    ...directoryFiles("/", here, ["host.html"]),
    "/host.js": { body: await hostBundle(), type: "text/javascript; charset=utf-8" },
  });
  return {
    /**
     * Opens the host page with the tab for a build whose attachments are given and waits until the tab called
     * notifyLoadSucceeded or notifyLoadFailed. Returns {page, frame (the tab), hostEvents, requests, pageErrors, dialogs}.
     * Options: attachments, listStatus, collectionPath (default "/org/"), token (what the host hands out),
     * buildId (what the build page data service says; null: no build in the page data).
     */
    async open({ attachments = [], listStatus, collectionPath = "/org/", token = TOKEN, buildId = BUILD_ID } = {}) {
      const rest = await startBuildRestServer({ allowedOrigin: tabServer.origin, token: TOKEN, collectionPath,
        projectId: PROJECT.id, buildId: BUILD_ID, attachments, listStatus });
      const page = await browser.newPage({ viewport: { width: 1220, height: 900 } });
      const pageErrors = [];
      const dialogs = [];
      page.on("pageerror", (error) => pageErrors.push(error.message));
      page.on("dialog", (dialog) => { dialogs.push(dialog.message()); dialog.dismiss(); });
      const scenario = { tabUrl: `${tabServer.origin}/tab/results-tab.html`, restRoot: `${rest.origin}${collectionPath}`,
        token, buildId, project: PROJECT };
      await page.addInitScript((s) => { if (window.top === window) window.scenario = s; }, scenario);
      await page.goto(`${hostServer.origin}/host.html`);
      await page.waitForFunction(() => window.hostEvents.some((e) => e.call === "notifyLoadSucceeded" || e.call === "notifyLoadFailed"),
        null, { timeout: 60000 });
      const frame = page.frames().find((f) => f.url() === scenario.tabUrl);
      const hostEvents = await page.evaluate(() => window.hostEvents);
      return { page, frame, hostEvents, requests: rest.requests, pageErrors, dialogs,
        close: async () => { await page.close(); await rest.close(); } };
    },
    async close() {
      await browser.close();
      await tabServer.close();
      await hostServer.close();
    },
  };
}
