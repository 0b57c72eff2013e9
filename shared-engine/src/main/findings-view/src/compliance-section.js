// The compliance section: per benchmark the policy asked for (the report's compliance[]), its score over the
// automated controls and every control with its status and evidence. Manual controls are listed, never scored.
import { el } from './dom.js';
import { displayText, shorten } from './visible-text.js';

function textCell(className, value) {
  const full = displayText(value);
  const { text, cut } = shorten(full);
  return el('td', { className, title: cut ? full : null }, text);
}

function evidenceCell(evidence) {
  if (!evidence.length) return el('td', { className: 'pfv-evidence' });
  return el('td', { className: 'pfv-evidence' }, el('ul', { className: 'pfv-evidence-list' },
    ...evidence.map((line) => {
      const full = displayText(line);
      const { text, cut } = shorten(full);
      return el('li', { title: cut ? full : null }, text);
    })));
}

function controlRow(control) {
  return el('tr', { 'data-status': control.status },
    textCell('pfv-control-id', control.id),
    textCell('pfv-control-title', control.title),
    el('td', { className: 'pfv-control-status' },
      el('span', { className: 'pfv-badge pfv-control-' + control.status.toLowerCase() }, control.status)),
    evidenceCell(control.evidence));
}

function scoreText(b) {
  if (b.evaluated === 0) return 'Not evaluated: no automated control could be judged';
  return 'Score ' + b.passed + '/' + b.evaluated + ': ' + b.passed + ' of ' + b.evaluated + ' automated controls passed ('
    + Math.round((100 * b.passed) / b.evaluated) + '%)';
}

function benchmarkSection(b) {
  const heading = displayText(b.title) + (b.version && !b.title.includes(b.version) ? ' ' + displayText(b.version) : '');
  return el('section', { className: 'pfv-benchmark', 'data-benchmark': displayText(b.name) },
    el('h4', { className: 'pfv-benchmark-title' }, heading),
    el('p', { className: 'pfv-benchmark-score' + (b.evaluated > 0 && b.passed === b.evaluated ? ' pfv-score-full' : '') }, scoreText(b)),
    el('table', { className: 'pfv-compliance-table' },
      el('thead', null, el('tr', null, ...['Control', 'Title', 'Status', 'Evidence'].map((h) => el('th', { scope: 'col' }, h)))),
      el('tbody', null, ...b.controls.map(controlRow))));
}

/** Null for a report without benchmarks, so a view without compliance looks as before. */
export function complianceSection(benchmarks) {
  if (!benchmarks.length) return null;
  return el('section', { className: 'pfv-compliance', 'aria-label': 'Compliance' },
    el('h3', { className: 'pfv-compliance-title' }, 'Compliance'),
    ...benchmarks.map(benchmarkSection));
}
