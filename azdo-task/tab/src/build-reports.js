import { parseAttachmentLink } from "./attachment-link.js";

/** The attachment type the ContainerScan task adds, one attachment per scan (per task step). */
export const REPORT_ATTACHMENT_TYPE = "portcullis.report";

/**
 * The Portcullis JSON reports attached to one build, fetched through the Build REST client.
 * Each scan comes back as {recordId, name, report} or, when that one attachment cannot be read,
 * {recordId, name, problem} so the other scans still show.
 */
export class BuildReports {
  constructor(buildClient, project, buildId) {
    this.buildClient = buildClient;
    this.project = project;
    this.buildId = buildId;
  }

  /** All scans of the build, in attachment-list order; [] when the build has none (the list answers 404 then). */
  async load() {
    let attachments;
    try {
      attachments = await this.buildClient.getAttachments(this.project, this.buildId, REPORT_ATTACHMENT_TYPE);
    } catch (e) {
      if (e && e.status === 404) {
        return [];
      }
      throw e;
    }
    return Promise.all((attachments || []).map((attachment) => this.loadOne(attachment)));
  }

  async loadOne(attachment) {
    let link;
    try {
      link = parseAttachmentLink(attachment);
    } catch (e) {
      return { recordId: null, name: attachment && attachment.name, problem: e.message };
    }
    try {
      const body = await this.buildClient.getAttachment(this.project, this.buildId,
        link.timelineId, link.recordId, REPORT_ATTACHMENT_TYPE, link.name);
      return { recordId: link.recordId, name: link.name, report: parseReport(body) };
    } catch (e) {
      const problem = e && e.status === 404 ? "the attachment is no longer stored on the server" : messageOf(e);
      return { recordId: link.recordId, name: link.name, problem };
    }
  }
}

/** The report bytes are UTF-8 JSON (docs/report-schema.md); a wrong encoding is an error, not mojibake. */
function parseReport(body) {
  const text = new TextDecoder("utf-8", { fatal: true }).decode(body);
  const report = JSON.parse(text);
  const version = report && typeof report.schemaVersion === "string" ? report.schemaVersion : "";
  if (!version.startsWith("1.")) {
    throw new Error(`not a Portcullis report of schema version 1 (schemaVersion ${JSON.stringify(report && report.schemaVersion)})`);
  }
  return report;
}

function messageOf(e) {
  return (e && e.message) || String(e);
}
