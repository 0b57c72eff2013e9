// The checks section: image configuration, secret and Kubernetes findings (the report's checks[]), each with
// its rule, where it is (a config field, a layer file, a manifest's file, line and field) and why it does or
// does not count. Shown only when the report has any; at most a page of rows, the JSON report has them all.
import { el } from './dom.js';
import { displayText, shorten } from './visible-text.js';

function textCell(className, value) {
  const full = displayText(value);
  const { text, cut } = shorten(full);
  return el('td', { className, title: cut ? full : null }, text);
}

function buildRow(row) {
  const rule = el('td', { className: 'pfv-check-rule' }, el('span', { className: 'pfv-check-id' }, shorten(displayText(row.id)).text));
  if (row.title) rule.append(el('span', { className: 'pfv-summary' }, shorten(displayText(row.title)).text));
  const where = textCell('pfv-check-where', row.location);
  if (row.removed) where.append(el('span', { className: 'pfv-check-removed' }, ' (removed in a later layer, still in the image)'));
  return el('tr', { 'data-severity': row.severity, 'data-status': row.status, 'data-index': row.index },
    el('td', { className: 'pfv-severity' }, el('span', { className: 'pfv-badge pfv-sev-' + row.severity.toLowerCase() }, row.severity)),
    textCell('pfv-check-kind', row.kind),
    rule,
    where,
    textCell('pfv-check-message', row.message),
    el('td', { className: 'pfv-status pfv-status-' + row.status }, row.status),
    textCell('pfv-why', row.suppressedWhy));
}

/** Null for a report without checks, so an image-only view looks as before. */
export function checksTable(checks, { pageSize }) {
  if (!checks.length) return null;
  const shown = checks.slice(0, pageSize);
  const section = el('section', { className: 'pfv-checks', 'aria-label': 'Checks' },
    el('h3', { className: 'pfv-checks-title' }, 'Configuration, secret and Kubernetes checks'),
    el('table', { className: 'pfv-checks-table' },
      el('thead', null, el('tr', null,
        ...['Severity', 'Kind', 'Rule', 'Where', 'Finding', 'Status', 'Suppressed because'].map((h) => el('th', { scope: 'col' }, h)))),
      el('tbody', null, ...shown.map(buildRow))));
  if (shown.length < checks.length) {
    section.append(el('p', { className: 'pfv-checks-more' },
      'Showing ' + shown.length + ' of ' + checks.length + ' check findings; the JSON report lists them all.'));
  }
  return section;
}
