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
const scanSelector = (tab) => tab.frame.locator(".portcullis-tab-selector select");
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
  assert.equal(await tab.frame.locator(".portcullis-tab-selector").count(), 0);
  assert.deepEqual(tab.pageErrors, []);
});

test("no scan: an empty attachment list is the clear no-report state, not a blank page", async (t) => {
  const tab = await openTab(t, { attachments: [] });
  assert.equal((await tabText(tab)).trim(), NO_REPORT);
  assert.equal(calls(tab, "notifyLoadSucceeded").length, 1);
  assert.deepEqual(tab.pageErrors, []);
});

test("a 404 on the attachment list is the same no-report state, and the load still succeeds", async (t) => {
  const tab = await openTab(t, { listStatus: 404 });
  assert.equal((await tabText(tab)).trim(), NO_REPORT);
  assert.equal(calls(tab, "notifyLoadSucceeded").length, 1);
  assert.deepEqual(calls(tab, "notifyLoadFailed"), []);
  assert.deepEqual(tab.pageErrors, []);
});

test("two scans: a selector keyed by record id switches between the reports", async (t) => {
  const tab = await openTab(t, { attachments: [attachment(DEMO, RECORD_DEMO, "demo.json"), attachment(ALPINE, RECORD_ALPINE, "alpine.json")] });
  const select = scanSelector(tab);
  assert.deepEqual(await select.locator("option").evaluateAll((options) => options.map((o) => o.value)), [RECORD_DEMO, RECORD_ALPINE]);
  const labels = await select.locator("option").allTextContents();
  assert.ok(labels[0].includes(DEMO.image.reference) && labels[0].includes(DEMO.verdict.outcome), labels[0]);
  assert.ok(labels[1].includes(ALPINE.image.reference) && labels[1].includes(ALPINE.verdict.outcome), labels[1]);

  const shown = () => tab.frame.evaluate(() => document.querySelector(".portcullis-tab-scan").textContent);
  assert.ok((await shown()).includes(DEMO.findings[0].id));
  await select.selectOption(RECORD_ALPINE);
  const alpine = await shown();
  assert.ok(alpine.includes(ALPINE.image.reference), alpine);
  assert.ok(!alpine.includes(DEMO.findings[0].id), alpine);
  await select.selectOption(RECORD_DEMO);
  assert.ok((await shown()).includes(DEMO.findings[0].id));

  const screenshots = process.env.TAB_SCREENSHOT_DIR || join(tmpdir(), "portcullis-tab-screenshots");
  mkdirSync(screenshots, { recursive: true });
  await tab.page.screenshot({ path: join(screenshots, "two-scans.png"), fullPage: true });
  assert.equal(calls(tab, "notifyLoadSucceeded").length, 1);
});

test("the REST calls: project and build from the host services, ids from the href, Bearer token, api-version, CORS origin", async (t) => {
  const tab = await openTab(t, { attachments: [attachment(DEMO, RECORD_DEMO, "report.json")] });
  const gets = tab.requests.filter((r) => r.method === "GET");
  assert.deepEqual(gets.map((r) => r.path), [
    `/org/${PROJECT.id}/_apis/build/builds/${BUILD_ID}/attachments/portcullis.report`,
    `/org/${PROJECT.id}/_apis/build/builds/${BUILD_ID}/${TIMELINE}/${RECORD_DEMO}/attachments/portcullis.report/report.json`,
  ]);
  for (const request of gets) {
    assert.equal(request.authorization, `Bearer ${TOKEN}`);
    assert.match(request.accept, /;api-version=7\.2-preview\.2(;|$)/);
    assert.match(request.origin, /^http:\/\/127\.0\.0\.1:\d+$/);
  }
  assert.match(gets[0].accept, /^application\/json;.*noArrayWrap=true/);
  const areas = calls(tab, "getResourceAreaLocation").map((e) => e.areaId);
  assert.deepEqual(areas, ["965220d5-5bb9-42cf-8d67-9b146df2a5a4"]);
  const services = calls(tab, "getService").map((e) => e.contributionId);
  assert.ok(services.includes("ms.vss-build-web.build-page-data-service") && services.includes("ms.vss-tfs-web.tfs-page-data-service"), services);
  assert.equal(calls(tab, "initialHandshake")[0].loaded, false);
});

test("Azure DevOps Server: a /tfs/DefaultCollection/ collection URL and its hrefs", async (t) => {
  const tab = await openTab(t, { collectionPath: "/tfs/DefaultCollection/", attachments: [attachment(DEMO, RECORD_DEMO, "report.json")] });
  assert.ok((await tabText(tab)).includes(DEMO.findings[0].id));
  const content = tab.requests.filter((r) => r.method === "GET")[1];
  assert.equal(content.path,
    `/tfs/DefaultCollection/${PROJECT.id}/_apis/build/builds/${BUILD_ID}/${TIMELINE}/${RECORD_DEMO}/attachments/portcullis.report/report.json`);
  assert.equal(calls(tab, "notifyLoadSucceeded").length, 1);
});

test("non-ASCII titles, package names and image references are decoded as UTF-8", async (t) => {
  const report = structuredClone(DEMO);
  const title = "Überlauf in der Zeichenkette – 日本語の脆弱性 ✓ 𝔘nicode";
  report.findings[0].summary = title;
  report.findings[0].package.name = "bibliothèque-ünïcode";
  report.image.reference = "registry.example/équipe/app:ß";
  const tab = await openTab(t, { attachments: [attachment(report, RECORD_DEMO, "report.json"), attachment(ALPINE, RECORD_ALPINE, "alpine.json")] });
  const text = await tabText(tab);
  assert.ok(text.includes(title), text);
  assert.ok(text.includes("bibliothèque-ünïcode"), text);
  assert.ok((await scanSelector(tab).locator("option").first().textContent()).includes("registry.example/équipe/app:ß"));
});

test("hostile strings from the image are shown as text: no script runs, no element is injected", async (t) => {
  const report = structuredClone(DEMO);
  const hostile = {
    summary: `<img src=x onerror="window.parent.postMessage('pwned','*');alert('summary')">`,
    name: `<script>alert('package')</script>`,
    version: `"><svg onload="alert('version')">`,
    reference: `</option><iframe srcdoc="<script>alert('reference')</script>">`,
  };
  report.findings[0].summary = hostile.summary;
  report.findings[0].package.name = hostile.name;
  report.findings[0].package.version = hostile.version;
  report.image.reference = hostile.reference;
  const tab = await openTab(t, { attachments: [attachment(report, RECORD_DEMO, "report.json"), attachment(ALPINE, RECORD_ALPINE, "a.json")] });
  const text = await tabText(tab);
  for (const value of [hostile.summary, hostile.name, hostile.version]) {
    assert.ok(text.includes(value), `${value} not shown as text`);
  }
  assert.equal(await scanSelector(tab).locator("option").first().textContent(), `${hostile.reference} — ${report.verdict.outcome}`);
  const injected = await tab.frame.evaluate(() => document.querySelectorAll("#portcullis-tab img, #portcullis-tab svg, #portcullis-tab script, #portcullis-tab iframe").length);
  assert.equal(injected, 0);
  assert.deepEqual(tab.dialogs, []);
  assert.deepEqual(tab.pageErrors, []);
});

test("one unreadable report among two: the other still shows, the bad one says why", async (t) => {
  const broken = { timelineId: TIMELINE, recordId: RECORD_ALPINE, name: "broken.json", body: Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]) };
  const tab = await openTab(t, { attachments: [attachment(DEMO, RECORD_DEMO, "demo.json"), broken] });
  assert.ok((await tabText(tab)).includes(DEMO.findings[0].id));
  await scanSelector(tab).selectOption(RECORD_ALPINE);
  const shown = await tab.frame.evaluate(() => document.querySelector(".portcullis-tab-scan").textContent);
  assert.match(shown, /The report broken\.json could not be read: .*(encoded|decode|invalid)/i);
  assert.equal(calls(tab, "notifyLoadSucceeded").length, 1);
});

test("a refused token: the tab says the report could not be loaded and reports the failure to the host", async (t) => {
  const tab = await openTab(t, { token: "wrong-token", attachments: [attachment(DEMO, RECORD_DEMO, "report.json")] });
  const text = await tabText(tab);
  assert.match(text, /^The Container Security report could not be loaded: TF400813/);
  const failed = calls(tab, "notifyLoadFailed");
  assert.equal(failed.length, 1);
  assert.match(failed[0].error, /TF400813/);
  assert.deepEqual(calls(tab, "notifyLoadSucceeded"), []);
  assert.ok(tab.requests.every((r) => r.authorization !== `Bearer ${TOKEN}`));
});

test("a build page without a build: a clear message and notifyLoadFailed, no REST call", async (t) => {
  const tab = await openTab(t, { buildId: null, attachments: [attachment(DEMO, RECORD_DEMO, "report.json")] });
  assert.equal(await tabText(tab), "The Container Security report could not be loaded: the host page did not say which build this is");
  assert.equal(calls(tab, "notifyLoadFailed").length, 1);
  assert.deepEqual(tab.requests, []);
});
