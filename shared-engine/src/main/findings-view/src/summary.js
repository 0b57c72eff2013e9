// The top of the view: the verdict with the rules that failed, and the counts by severity.
import { el } from './dom.js';
import { displayText } from './visible-text.js';

export function verdictBanner(model) {
  const outcome = model.outcome ?? 'UNKNOWN';
  const banner = el('section', { className: 'pfv-verdict pfv-verdict-' + outcome.toLowerCase(), 'aria-label': 'Verdict' },
    el('p', { className: 'pfv-outcome' }, outcome === 'UNKNOWN' ? 'No verdict in this report' : outcome));
  if (model.failedRules.length) {
    banner.append(el('ul', { className: 'pfv-failed-rules' },
      ...model.failedRules.map((r) => el('li', null,
        el('span', { className: 'pfv-rule' }, displayText(r.rule)), ': ', displayText(r.message)))));
  } else if (outcome === 'PASS') {
    banner.append(el('p', { className: 'pfv-passed-note' }, 'Every evaluated rule passed.'));
  }
  if (model.warnings.length) {
    banner.append(el('ul', { className: 'pfv-warnings', 'aria-label': 'Warnings' },
      ...model.warnings.map((w) => el('li', null, displayText(w)))));
  }
  const facts = [
    ['Image', model.imageReference],
    ['Digest', model.imageDigest],
    ['Database built', model.databaseBuiltAt],
    ['Portcullis', model.toolVersion],
  ].filter(([, value]) => value);
  if (facts.length) {
    banner.append(el('dl', { className: 'pfv-facts' },
      ...facts.flatMap(([name, value]) => [el('dt', null, name), el('dd', null, displayText(value))])));
  }
  return banner;
}

export function severityCounts(model) {
  return el('section', { className: 'pfv-counts', 'aria-label': 'Counts by severity' },
    el('table', { className: 'pfv-counts-table' },
      el('thead', null, el('tr', null, el('td'),
        ...model.counts.map((c) => el('th', { scope: 'col', className: 'pfv-sev-' + c.severity.toLowerCase() }, c.severity)))),
      el('tbody', null,
        el('tr', { className: 'pfv-open' }, el('th', { scope: 'row' }, 'open'),
          ...model.counts.map((c) => el('td', { 'data-severity': c.severity }, String(c.open)))),
        el('tr', { className: 'pfv-suppressed' }, el('th', { scope: 'row' }, 'suppressed'),
          ...model.counts.map((c) => el('td', { 'data-severity': c.severity }, String(c.suppressed)))))),
    el('p', { className: 'pfv-total' }, model.total + ' findings, ' + model.suppressedTotal + ' suppressed'
      + (model.hiddenByEngine ? '; ' + model.hiddenByEngine + ' hidden by the scan\'s display filter' : '')));
}
