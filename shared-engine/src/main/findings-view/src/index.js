// window.PortcullisFindingsView: the findings view every Portcullis front end shows (Jenkins build
// tab, Azure DevOps build results tab). See docs/internals/findings-view.md.
import { el, clear } from './dom.js';
import { readReport, ReportError } from './report-model.js';
import { verdictBanner, severityCounts } from './summary.js';
import { findingsTable, DEFAULT_PAGE_SIZE } from './findings-table.js';
import { checksTable } from './checks-table.js';
import { complianceSection } from './compliance-section.js';
import { displayText } from './visible-text.js';

function root(container, title) {
  if (!container || typeof container.appendChild !== 'function') {
    throw new TypeError('PortcullisFindingsView: container must be a DOM element');
  }
  clear(container);
  const view = el('div', { className: 'pfv' });
  if (title !== undefined && title !== null && title !== '') view.append(el('h2', { className: 'pfv-title' }, displayText(title)));
  container.append(view);
  return view;
}

/** Shows a message instead of a report (no report attached, a failed download, a scan without output). */
export function renderEmpty(container, message) {
  const view = root(container);
  view.append(el('p', { className: 'pfv-empty' }, displayText(message) || 'No report to show.'));
}

/**
 * Renders the engine's JSON report (the parsed object) into container, replacing what was there.
 * options.advisoryUrl(id) -> https URL string, or null for no link; options.title; options.pageSize (rows per page).
 * A value that is not a Portcullis report is shown as a message, not thrown.
 */
export function render(container, reportJson, options = {}) {
  const view = root(container, options.title);
  let model;
  try {
    model = readReport(reportJson);
  } catch (e) {
    if (!(e instanceof ReportError)) throw e;
    view.append(el('p', { className: 'pfv-empty pfv-error' }, 'This is not a Portcullis JSON report: ' + e.message));
    return;
  }
  const pageSize = Number.isInteger(options.pageSize) && options.pageSize > 0 ? options.pageSize : DEFAULT_PAGE_SIZE;
  view.append(verdictBanner(model), severityCounts(model), findingsTable(model.rows, { advisoryUrl: options.advisoryUrl, pageSize }));
  const checks = checksTable(model.checks, { pageSize });
  if (checks) view.append(checks);
  const compliance = complianceSection(model.compliance);
  if (compliance) view.append(compliance);
}
