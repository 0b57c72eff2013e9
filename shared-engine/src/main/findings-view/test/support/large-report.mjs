// A report with many findings, made from the demo report's: each with its own id, package and version.
const SEVERITIES = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'UNKNOWN'];

export function largeReport(demo, count) {
  const report = structuredClone(demo);
  const templates = demo.findings;
  report.findings = Array.from({ length: count }, (_, i) => {
    const f = structuredClone(templates[i % templates.length]);
    f.id = 'PFV-' + String(i).padStart(5, '0');
    f.severity = SEVERITIES[i % 5];
    f.package.name = 'package-' + (i % 700);
    f.package.version = '1.' + (i % 40) + '.' + (i % 9);
    f.summary = 'Synthetic finding ' + i + ' for the render-time measurement';
    f.references = f.references.slice(0, 3);
    return f;
  });
  return report;
}
