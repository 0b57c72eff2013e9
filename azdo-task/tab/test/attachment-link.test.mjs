import { test } from "node:test";
import assert from "node:assert/strict";
import { parseAttachmentLink } from "../src/attachment-link.js";

const TIMELINE = "9f0e1d2c-3b4a-4596-8877-665544332211";
const RECORD = "11111111-2222-4333-8444-555555555555";
const ROUTE = `_apis/build/builds/4711/${TIMELINE}/${RECORD}/attachments/portcullis.report/report.json`;
const link = (href, name = "report.json") => ({ name, _links: { self: { href } } });

test("Azure DevOps Services href: ids after the project", () => {
  assert.deepEqual(parseAttachmentLink(link(`https://dev.azure.com/contoso/5b0c6d1e-2f3a-4b5c-8d9e-0f1a2b3c4d5e/${ROUTE}`)),
    { timelineId: TIMELINE, recordId: RECORD, name: "report.json" });
});

test("Server collection href (/tfs/DefaultCollection/) and a deeper virtual directory give the same ids", () => {
  for (const root of ["http://tfs.corp:8080/tfs/DefaultCollection/Shop/", "https://corp.example/devops/tfs/Fabrikam Collection/Shop/"]) {
    assert.deepEqual(parseAttachmentLink(link(`${root}${ROUTE}`)), { timelineId: TIMELINE, recordId: RECORD, name: "report.json" });
  }
});

test("upper-case GUIDs are normalised, a query string is ignored", () => {
  const href = `https://dev.azure.com/contoso/p/_apis/build/builds/4711/${TIMELINE.toUpperCase()}/${RECORD.toUpperCase()}/attachments/portcullis.report/r.json?api-version=7.1`;
  assert.deepEqual(parseAttachmentLink(link(href, "r.json")), { timelineId: TIMELINE, recordId: RECORD, name: "r.json" });
});

test("a link that is not a build attachment route is refused with the href in the message", () => {
  assert.throws(() => parseAttachmentLink(link("https://dev.azure.com/contoso/p/_apis/build/builds/4711/logs/3")),
    /not a build attachment route: https:\/\/dev\.azure\.com\/contoso\/p\/_apis\/build\/builds\/4711\/logs\/3/);
  assert.throws(() => parseAttachmentLink(link(`https://dev.azure.com/contoso/p/_apis/build/builds/4711/not-a-guid/${RECORD}/attachments/t/n`)),
    /not a build attachment route/);
  assert.throws(() => parseAttachmentLink({ name: "x" }), /has no _links\.self\.href/);
  assert.throws(() => parseAttachmentLink(link("report.json")), /not a URL: report\.json/);
});
