// Reads the engine's JSON report (docs/report-schema.md, schema version 1.x) into the plain rows the
// view shows. The report is data from a build: every field is checked for its type, never trusted.

export const SEVERITIES = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'UNKNOWN'];

export class ReportError extends Error {}

function text(value) {
  return typeof value === 'string' ? value : value === null || value === undefined ? null : String(value);
}

function strings(value) {
  return Array.isArray(value) ? value.filter((v) => typeof v === 'string') : [];
}

function count(value) {
  return Number.isInteger(value) && value >= 0 ? value : 0;
}

/** open, suppressed, allowed, unfixed-ignored: why a finding does or does not count toward the gate. */
function status(finding) {
  if (finding.suppression && typeof finding.suppression === 'object') return 'suppressed';
  if (finding.allowedByPolicy === true) return 'allowed';
  if (finding.unfixedIgnored === true) return 'unfixed-ignored';
  return 'open';
}

function suppressedWhy(finding) {
  const s = finding.suppression;
  if (!s || typeof s !== 'object') {
    if (finding.allowedByPolicy === true) return 'allowed by the policy';
    if (finding.unfixedIgnored === true) return 'no fix; unfixed findings are ignored';
    return null;
  }
  const parts = [];
  const statement = text(s.statement);
  const justification = text(s.justification);
  if (statement) parts.push(statement);
  else if (justification) parts.push(justification);
  const vex = text(s.status);
  if (vex) parts.push('VEX ' + vex);
  const origin = text(s.origin);
  if (origin) parts.push('(' + origin + ')');
  const expires = text(s.expires);
  if (expires) parts.push('until ' + expires);
  return parts.join(' ') || text(s.kind);
}

function row(finding, index) {
  const pkg = finding.package && typeof finding.package === 'object' ? finding.package : {};
  const severity = SEVERITIES.includes(finding.severity) ? finding.severity : 'UNKNOWN';
  return Object.freeze({
    index,
    id: text(finding.id) ?? '',
    aliases: Object.freeze(strings(finding.aliases)),
    severity,
    severityRank: SEVERITIES.indexOf(severity),
    summary: text(finding.summary),
    packageName: text(pkg.name) ?? '',
    packageType: text(pkg.type),
    installed: text(pkg.version) ?? '',
    fixed: Object.freeze(strings(finding.fixedVersions)),
    references: Object.freeze(strings(finding.references)),
    status: status(finding),
    suppressedWhy: suppressedWhy(finding),
  });
}

const CHECK_KINDS = Object.freeze({ CONFIG: 'image config', SECRET: 'secret', KUBERNETES: 'Kubernetes' });

/** A configuration, secret or Kubernetes finding (the report's checks[]): what broke which rule, and where. */
function checkRow(check, index) {
  const severity = SEVERITIES.includes(check.severity) ? check.severity : 'UNKNOWN';
  return Object.freeze({
    index,
    kind: CHECK_KINDS[check.kind] ?? text(check.kind) ?? '',
    id: text(check.id) ?? '',
    severity,
    title: text(check.title),
    message: text(check.message) ?? '',
    location: text(check.location) ?? '',
    removed: check.removed === true,
    status: check.suppression && typeof check.suppression === 'object' ? 'suppressed' : 'open',
    suppressedWhy: suppressedWhy(check),
  });
}

const CONTROL_STATUSES = Object.freeze(['PASS', 'FAIL', 'MANUAL', 'NOT_EVALUATED']);

/** One control of a benchmark; a status the view does not know is shown as not evaluated, never as passed. */
function controlRow(control) {
  return Object.freeze({
    id: text(control.id) ?? '',
    title: text(control.title) ?? '',
    status: CONTROL_STATUSES.includes(control.status) ? control.status : 'NOT_EVALUATED',
    evidence: Object.freeze(strings(control.evidence)),
  });
}

/** A benchmark of the report's compliance[] (schema 1.3): its score and every control. */
function benchmark(entry) {
  return Object.freeze({
    name: text(entry.name) ?? '',
    title: text(entry.title) ?? text(entry.name) ?? '',
    version: text(entry.version),
    passed: count(entry.passed),
    evaluated: count(entry.evaluated),
    controls: Object.freeze((Array.isArray(entry.controls) ? entry.controls : []).filter((c) => c && typeof c === 'object').map(controlRow)),
  });
}

/** The view's model of one report; throws ReportError when the value is not a Portcullis JSON report. */
export function readReport(report) {
  if (!report || typeof report !== 'object' || Array.isArray(report)) {
    throw new ReportError('the report is not a JSON object');
  }
  if (typeof report.schemaVersion !== 'string' || !/^1\.\d+$/.test(report.schemaVersion)) {
    throw new ReportError('unsupported report schemaVersion ' + JSON.stringify(text(report.schemaVersion)) + ' (expected 1.x)');
  }
  if (!Array.isArray(report.findings)) {
    throw new ReportError('the report has no findings array');
  }
  const findings = report.findings.filter((f) => f && typeof f === 'object');
  const all = findings.map(row);
  // The engine's display filter (--severity, --ignore-unfixed) marks findings shown: false.
  const rows = all.filter((r) => findings[r.index].shown !== false);
  const verdict = report.verdict && typeof report.verdict === 'object' ? report.verdict : {};
  const rules = Array.isArray(verdict.rules) ? verdict.rules.filter((r) => r && typeof r === 'object') : [];
  const summary = report.summary && typeof report.summary === 'object' ? report.summary : {};
  const openBySeverity = summary.open && typeof summary.open === 'object' ? summary.open : {};
  const counts = SEVERITIES.map((severity) => ({
    severity,
    open: count(openBySeverity[severity]),
    suppressed: all.filter((r) => r.severity === severity && r.status === 'suppressed').length,
  }));
  // Reports before schema 1.1 have no checks; the engine's display filter marks hidden ones shown: false.
  const checkObjects = (Array.isArray(report.checks) ? report.checks : []).filter((c) => c && typeof c === 'object');
  const checks = checkObjects.map(checkRow).filter((r) => checkObjects[r.index].shown !== false);
  // Reports before schema 1.3 have no compliance.
  const compliance = (Array.isArray(report.compliance) ? report.compliance : []).filter((b) => b && typeof b === 'object').map(benchmark);
  const image = report.image && typeof report.image === 'object' ? report.image : {};
  const database = report.database && typeof report.database === 'object' ? report.database : null;
  return {
    outcome: verdict.outcome === 'PASS' || verdict.outcome === 'FAIL' ? verdict.outcome : null,
    failedRules: rules.filter((r) => r.status === 'FAILED').map((r) => ({ rule: text(r.rule) ?? '', message: text(r.message) ?? '' })),
    notEvaluated: rules.filter((r) => r.status === 'NOT_EVALUATED').map((r) => text(r.rule) ?? ''),
    warnings: strings(verdict.warnings),
    counts,
    total: count(summary.total),
    suppressedTotal: count(summary.suppressed),
    hiddenByEngine: all.length - rows.length,
    rows,
    checks,
    compliance,
    imageReference: text(image.reference),
    imageDigest: text(image.manifestDigest) ?? text(image.configDigest),
    databaseBuiltAt: database ? text(database.builtAt) : null,
    toolVersion: report.tool && typeof report.tool === 'object' ? text(report.tool.version) : null,
  };
}
