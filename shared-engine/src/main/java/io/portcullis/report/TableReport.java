package io.portcullis.report;

import io.portcullis.match.Severity;
import io.portcullis.output.LogSafeText;
import io.portcullis.check.CheckFinding;
import io.portcullis.policy.AssessedCheck;
import io.portcullis.policy.AssessedFinding;
import io.portcullis.policy.RuleResult;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The terminal table, as Trivy prints it: one row per shown finding, most severe first, the
 * fixed version beside the installed one, then a summary line and the verdict.
 */
public final class TableReport implements ReportWriter {
    private static final String[] HEADER = {"SEVERITY", "VULNERABILITY", "PACKAGE", "INSTALLED", "FIXED IN", "TITLE"};
    private static final String[] CHECK_HEADER = {"SEVERITY", "CHECK", "WHERE", "LAYER", "FINDING"};
    private static final int MAX_TITLE = 60;

    @Override
    public void write(Report report, OutputStream out) throws IOException {
        PrintWriter w = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        w.println(LogSafeText.of(report.imageName()));
        List<AssessedCheck> checks = report.displayedChecks().stream().filter(c -> !c.suppressed()).toList();
        if (!report.shownFindings().isEmpty() || checks.isEmpty()) {
            List<String[]> rows = new ArrayList<>();
            rows.add(HEADER);
            for (AssessedFinding a : report.shownFindings()) {
                var f = a.finding();
                rows.add(new String[] {f.severity().name(), LogSafeText.of(f.vulnerabilityId()), LogSafeText.of(f.pkg().name()),
                        LogSafeText.of(f.pkg().version()), f.hasFix() ? LogSafeText.of(String.join(", ", f.fixedVersions())) : "(no fix)",
                        title(f.summary())});
            }
            printRows(w, rows);
        }
        if (!checks.isEmpty()) {
            printChecks(w, report, checks);
        }
        w.println();
        w.println(summary(report));
        for (RuleResult r : report.verdict().reasons()) {
            w.println("  FAILED " + LogSafeText.of(r.rule() + ": " + r.message()));
        }
        for (String warning : report.verdict().warnings()) {
            w.println("  WARNING " + LogSafeText.of(warning));
        }
        w.flush();
    }

    /**
     * Misconfigurations, secrets and Kubernetes findings: where each is (a file and line, a manifest's file and line),
     * the layer holding it, and what it says; messages carry secrets redacted only.
     */
    private static void printChecks(PrintWriter w, Report report, List<AssessedCheck> checks) {
        w.println();
        List<String[]> rows = new ArrayList<>();
        rows.add(CHECK_HEADER);
        for (AssessedCheck c : checks) {
            CheckFinding f = c.finding();
            String where = f.manifest() != null ? f.manifest().file() + ":" + f.manifest().line()
                    : f.location() + (f.line() == null ? "" : ":" + f.line());
            String layer = f.layerIndex() == null ? "" : f.layerIndex() + (f.removed() ? " (removed)" : "");
            rows.add(new String[] {f.severity().name(), LogSafeText.of(f.ruleId()), LogSafeText.of(where), layer, LogSafeText.of(f.message())});
        }
        printRows(w, rows);
        long suppressed = report.checks().stream().filter(AssessedCheck::suppressed).count();
        w.println("Checks: " + checks.size() + " shown, " + suppressed + " suppressed");
    }

    private static void printRows(PrintWriter w, List<String[]> rows) {
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(i == row.length - 1 ? row[i] : pad(row[i], widths[i] + 2));
            }
            w.println(line.toString().stripTrailing());
        }
    }

    static String summary(Report report) {
        Map<Severity, Integer> counts = report.openCounts();
        int total = counts.values().stream().mapToInt(Integer::intValue).sum();
        List<String> parts = new ArrayList<>();
        for (Severity s : Severity.highestFirst()) {
            parts.add(s.name() + ": " + counts.get(s));
        }
        return "Total: " + total + " (" + String.join(", ", parts) + "), suppressed: " + report.suppressedFindings().size()
                + ", shown: " + report.shownFindings().size() + " | Verdict: " + report.verdict().outcome();
    }

    private static String title(String summary) {
        if (summary == null) {
            return "";
        }
        String shown = LogSafeText.of(summary.strip());
        if (shown.codePointCount(0, shown.length()) <= MAX_TITLE) {
            return shown;
        }
        return shown.substring(0, shown.offsetByCodePoints(0, MAX_TITLE - 3)) + "...";
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(Math.max(0, width - text.length()));
    }
}
