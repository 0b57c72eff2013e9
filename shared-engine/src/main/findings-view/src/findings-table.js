// The findings table: filter by severity, status and text; sort by any column; rows built only when
// first shown and added a page at a time, so a report with thousands of findings renders at once.
import { el, append } from './dom.js';
import { displayText, shorten } from './visible-text.js';
import { advisoryLink } from './advisory-links.js';
import { SEVERITIES } from './report-model.js';

export const DEFAULT_PAGE_SIZE = 500;
const TEXT_FILTER_DELAY_MS = 150;
const DEBOUNCE_ABOVE_ROWS = 2000;

export const STATUS_LABELS = Object.freeze({
  open: 'open',
  suppressed: 'suppressed',
  allowed: 'allowed',
  'unfixed-ignored': 'unfixed, ignored',
});

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });
const byText = (key) => (a, b) => collator.compare(key(a), key(b));

// Each column: its header, how it sorts (ascending) and the direction a first click sorts in.
const COLUMNS = [
  { key: 'severity', label: 'Severity', compare: (a, b) => b.severityRank - a.severityRank, first: 'descending' },
  { key: 'id', label: 'Vulnerability', compare: byText((r) => r.id), first: 'ascending' },
  { key: 'package', label: 'Package', compare: byText((r) => r.packageName), first: 'ascending' },
  { key: 'installed', label: 'Installed', compare: byText((r) => r.installed), first: 'ascending' },
  { key: 'fixed', label: 'Fixed in', compare: byText((r) => r.fixed.join(', ')), first: 'ascending' },
  { key: 'status', label: 'Status', compare: byText((r) => STATUS_LABELS[r.status]), first: 'ascending' },
  { key: 'why', label: 'Suppressed because', compare: byText((r) => r.suppressedWhy ?? ''), first: 'ascending' },
];

/** A cell's text: control and bidi characters made visible, long text cut with the whole of it in the title. */
function textCell(className, value) {
  const full = displayText(value);
  const { text, cut } = shorten(full);
  return el('td', { className, title: cut ? full : null }, text);
}

function idLink(id, references, hostAdvisoryUrl, className) {
  const shown = shorten(displayText(id));
  const href = advisoryLink(id, references, hostAdvisoryUrl);
  if (!href) return el('span', { className }, shown.text);
  return el('a', { className, href, target: '_blank', rel: 'noopener noreferrer' }, shown.text);
}

function buildRow(row, hostAdvisoryUrl) {
  const idCell = el('td', { className: 'pfv-id' }, idLink(row.id, row.references, hostAdvisoryUrl, 'pfv-advisory'));
  if (row.aliases.length) {
    const aliases = el('span', { className: 'pfv-aliases' });
    row.aliases.forEach((alias, i) => {
      if (i) aliases.append(', ');
      aliases.append(idLink(alias, null, hostAdvisoryUrl, 'pfv-alias'));
    });
    idCell.append(aliases);
  }
  if (row.summary) {
    const summary = shorten(displayText(row.summary));
    idCell.append(el('span', { className: 'pfv-summary', title: summary.cut ? displayText(row.summary) : null }, summary.text));
  }
  const fixed = row.fixed.length ? textCell('pfv-fixed', row.fixed.join(', ')) : el('td', { className: 'pfv-fixed pfv-nofix' }, 'no fix');
  return el('tr', { 'data-severity': row.severity, 'data-status': row.status, 'data-index': row.index },
    el('td', { className: 'pfv-severity' }, el('span', { className: 'pfv-badge pfv-sev-' + row.severity.toLowerCase() }, row.severity)),
    idCell,
    textCell('pfv-package', row.packageName),
    textCell('pfv-installed', row.installed),
    fixed,
    el('td', { className: 'pfv-status pfv-status-' + row.status }, STATUS_LABELS[row.status]),
    textCell('pfv-why', row.suppressedWhy));
}

function haystack(row) {
  return [row.id, ...row.aliases, row.packageName, row.installed, ...row.fixed, row.summary ?? '', STATUS_LABELS[row.status], row.suppressedWhy ?? '']
    .join('\n').toLowerCase();
}

export function findingsTable(rows, { advisoryUrl, pageSize = DEFAULT_PAGE_SIZE } = {}) {
  const state = {
    severities: new Set(SEVERITIES),
    status: 'all',
    query: '',
    sortKey: 'severity',
    direction: 'descending',
    limit: pageSize,
  };
  const rowElements = new Map();
  const searchText = new Map();

  const section = el('section', { className: 'pfv-findings', 'aria-label': 'Findings' });
  if (!rows.length) {
    append(section, [el('h3', null, 'Findings'), el('p', { className: 'pfv-empty-table' }, 'No findings: nothing in this image matched the vulnerability data.')]);
    return section;
  }

  // Filters
  const severityBoxes = SEVERITIES.map((severity) => {
    const n = rows.filter((r) => r.severity === severity).length;
    const box = el('input', { type: 'checkbox', value: severity, checked: true, disabled: n === 0 });
    box.checked = n > 0;
    if (n === 0) state.severities.delete(severity);
    const label = el('label', { className: 'pfv-sev-filter pfv-sev-' + severity.toLowerCase() }, box, ' ' + severity + ' (' + n + ')');
    box.addEventListener('change', () => {
      if (box.checked) state.severities.add(severity);
      else state.severities.delete(severity);
      state.limit = pageSize;
      update();
    });
    return { severity, box, label };
  });
  const statuses = Object.keys(STATUS_LABELS).filter((s) => rows.some((r) => r.status === s));
  const statusSelect = el('select', { className: 'pfv-status-filter', 'aria-label': 'Status' },
    el('option', { value: 'all' }, 'all statuses'),
    ...statuses.map((s) => el('option', { value: s }, STATUS_LABELS[s])));
  statusSelect.addEventListener('change', () => {
    state.status = statusSelect.value;
    state.limit = pageSize;
    update();
  });
  const search = el('input', { type: 'search', className: 'pfv-search', placeholder: 'Filter: id, package, version, title', 'aria-label': 'Filter findings' });
  let pending = null;
  search.addEventListener('input', () => {
    const apply = () => {
      pending = null;
      state.query = search.value.trim().toLowerCase();
      state.limit = pageSize;
      update();
    };
    if (pending) clearTimeout(pending);
    if (rows.length > DEBOUNCE_ABOVE_ROWS) pending = setTimeout(apply, TEXT_FILTER_DELAY_MS);
    else apply();
  });
  const filters = el('div', { className: 'pfv-filters', role: 'group', 'aria-label': 'Filters' },
    el('fieldset', { className: 'pfv-sev-filters' }, el('legend', null, 'Severity'), ...severityBoxes.map((b) => b.label)),
    el('label', null, 'Status ', statusSelect),
    el('label', { className: 'pfv-search-label' }, 'Text ', search));

  // Header with sort buttons
  const headers = COLUMNS.map((column) => {
    const button = el('button', { type: 'button', className: 'pfv-sort', 'data-sort': column.key }, column.label);
    const th = el('th', { scope: 'col', className: 'pfv-col-' + column.key }, button);
    button.addEventListener('click', () => {
      if (state.sortKey === column.key) state.direction = state.direction === 'ascending' ? 'descending' : 'ascending';
      else {
        state.sortKey = column.key;
        state.direction = column.first;
      }
      update();
    });
    return { column, th };
  });
  const tbody = el('tbody');
  const table = el('table', { className: 'pfv-table' }, el('thead', null, el('tr', null, ...headers.map((h) => h.th))), tbody);
  const status = el('p', { className: 'pfv-shown', role: 'status', 'aria-live': 'polite' });
  const more = el('button', { type: 'button', className: 'pfv-more' }, 'Show more');
  more.addEventListener('click', () => {
    state.limit += pageSize;
    update();
  });
  const noMatch = el('p', { className: 'pfv-no-match', hidden: true }, 'No finding matches the filter.');

  function matching() {
    const query = state.query;
    return rows.filter((r) => {
      if (!state.severities.has(r.severity)) return false;
      if (state.status !== 'all' && r.status !== state.status) return false;
      if (!query) return true;
      let text = searchText.get(r.index);
      if (text === undefined) {
        text = haystack(r);
        searchText.set(r.index, text);
      }
      return text.includes(query);
    });
  }

  function update() {
    const column = COLUMNS.find((c) => c.key === state.sortKey);
    const sign = state.direction === 'ascending' ? 1 : -1;
    const list = matching().sort((a, b) => sign * column.compare(a, b) || a.index - b.index);
    const visible = list.slice(0, state.limit);
    const fragment = document.createDocumentFragment();
    for (const r of visible) {
      let tr = rowElements.get(r.index);
      if (!tr) {
        tr = buildRow(r, advisoryUrl);
        rowElements.set(r.index, tr);
      }
      fragment.append(tr);
    }
    tbody.replaceChildren(fragment);
    for (const { column: c, th } of headers) {
      if (c.key === state.sortKey) th.setAttribute('aria-sort', state.direction);
      else th.removeAttribute('aria-sort');
    }
    status.textContent = 'Showing ' + visible.length + ' of ' + list.length + ' matching findings (' + rows.length + ' in the report)';
    noMatch.hidden = list.length > 0;
    table.hidden = list.length === 0;
    more.hidden = visible.length >= list.length;
    more.textContent = 'Show ' + Math.min(pageSize, list.length - visible.length) + ' more';
  }

  update();
  append(section, [el('h3', null, 'Findings'), filters, status, table, noMatch, more]);
  return section;
}
