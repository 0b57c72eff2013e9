// The built tab (dist/) in headless Chromium, inside a test host page that plays Azure DevOps.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { tmpdir } from "node:os";
import { fileURLToPath } from "node:url";
import { BUILD_ID, PROJECT, TOKEN, startTabEnvironment } from "./harness/tab-session.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const fixture = (name) => JSON.parse(readFileSync(join(here, "fixtures", name), "utf8"));
const DEMO = fixture("demo-report.json");
const ALPINE = fixture("alpine-report.json");
const TIMELINE = "9f0e1d2c-3b4a-4596-8877-665544332211";
const RECORD_DEMO = "11111111-2222-4333-8444-555555555555";
const RECORD_ALPINE = "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee";
const NO_REPORT = "This build ran ContainerScan but produced no report: see the task log.";

function attachment(report, recordId, name) {
  return { timelineId: TIMELINE, recordId, name, body: Buffer.from(JSON.stringify(report), "utf8") };
}

let environment;
before(async () => { environment = await startTabEnvironment(); });
after(async () => { await environment.close(); });

async function openTab(t, options) {
  const tab = await environment.open(options);
  t.after(tab.close);
  return tab;
}

const tabText = (tab) => tab.frame.evaluate(() => document.getElementById("portcullis-tab").textContent);
const calls = (tab, name) => tab.hostEvents.filter((e) => e.call === name);

test("one scan: its verdict and every finding are shown, and the load is reported as succeeded", async (t) => {
  const tab = await openTab(t, { attachments: [attachment(DEMO, RECORD_DEMO, "report.json")] });
  const text = await tabText(tab);
  assert.ok(text.includes(DEMO.verdict.outcome), text);
  for (const finding of DEMO.findings) {
    assert.ok(text.includes(finding.id), `${finding.id} missing`);
    assert.ok(text.includes(finding.summary), `${finding.summary} missing`);
  }
  assert.equal(calls(tab, "notifyLoadSucceeded").length, 1);
  assert.deepEqual(calls(tab, "notifyLoadFailed"), []);
  assert.equal(await tab.frame.locator("select").count(), 0);
  assert.deepEqual(tab.pageErrors, []);
});
