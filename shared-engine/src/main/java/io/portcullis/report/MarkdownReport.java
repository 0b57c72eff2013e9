package io.portcullis.report;

import io.portcullis.check.CheckFinding;
import io.portcullis.match.Finding;
import io.portcullis.match.Severity;
import io.portcullis.policy.AssessedCheck;
import io.portcullis.policy.AssessedFinding;
import io.portcullis.policy.BenchmarkResult;
import io.portcullis.policy.ControlResult;
import io.portcullis.policy.RuleResult;
import io.portcullis.sbom.SbomCheck;
import io.portcullis.sbom.SbomValidation;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A short summary for pull-request comments and CI summaries (GitHub step summary, Azure DevOps
 * markdown): verdict, counts by severity, failed rules, each compliance control, warnings, the top findings with links.
 */
public final class MarkdownReport implements ReportWriter {
    static final int TOP = 10;

    @Override
    public void write(Report report, OutputStream out) throws IOException {
        PrintWriter w = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        boolean pass = report.verdict().passed();
        w.println("## Portcullis: " + (pass ? "PASS" : "FAIL") + " — " + MarkdownText.code(report.imageName()));
        w.println();
        w.println("| Severity | Open |");
        w.println("|---|---:|");
        for (Severity s : Severity.highestFirst()) {
            w.println("| " + s.name() + " | " + report.openCounts().get(s) + " |");
        }
        w.println();
        w.println("Suppressed: " + report.suppressedFindings().size() + " of " + report.findings().size() + " findings.");
        w.println();
        w.println("Signature: " + report.scan().signature().status() + " — " + MarkdownText.cell(report.scan().signature().reason()));
        if (!report.verdict().rules().isEmpty()) {
            w.println();
            w.println("### Gates");
            w.println();
            w.println("| Rule | Status | Limit | Actual |");
            w.println("|---|---|---|---|");
            for (RuleResult r : report.verdict().rules()) {
                w.println("| " + MarkdownText.cell(r.rule()) + " | " + r.status() + " | " + MarkdownText.cell(r.limit()) + " | "
                        + MarkdownText.cell(r.actual() == null ? "—" : r.actual()) + " |");
            }
        }
        for (BenchmarkResult b : report.assessment().compliance()) {
            w.println();
            w.println("### Compliance: " + MarkdownText.cell(b.fullTitle()) + " — score " + b.passed() + "/" + b.evaluated());
            w.println();
            w.println("| Control | Status | Title | Evidence |");
            w.println("|---|---|---|---|");
            for (ControlResult c : b.controls()) {
                w.println("| " + MarkdownText.cell(c.control()) + " | " + c.status() + " | " + MarkdownText.cell(c.title()) + " | "
                        + MarkdownText.cell(String.join("; ", c.evidence())) + " |");
            }
        }
        if (!report.verdict().warnings().isEmpty()) {
            w.println();
            w.println("### Warnings");
            w.println();
            report.verdict().warnings().forEach(x -> w.println("- " + MarkdownText.cell(x)));
        }
        sbomValidation(w, report.scan().sbomValidation());
        List<AssessedFinding> shown = report.shownFindings();
        if (!shown.isEmpty()) {
            w.println();
            w.println("### Top findings" + (shown.size() > TOP ? " (" + TOP + " of " + shown.size() + ")" : ""));
            w.println();
            w.println("| Severity | Vulnerability | Package | Installed | Fixed in |");
            w.println("|---|---|---|---|---|");
            for (AssessedFinding a : shown.subList(0, Math.min(TOP, shown.size()))) {
                Finding f = a.finding();
                w.println("| " + f.severity() + " | [" + MarkdownText.cell(f.vulnerabilityId()) + "](" + link(f) + ") | " + MarkdownText.cell(f.pkg().name())
                        + " | " + MarkdownText.cell(f.pkg().version()) + " | " + MarkdownText.cell(f.hasFix() ? String.join(", ", f.fixedVersions()) : "no fix") + " |");
            }
        }
        List<AssessedCheck> checks = report.displayedChecks().stream().filter(c -> !c.suppressed()).toList();
        if (!checks.isEmpty()) {
            w.println();
            w.println("### Configuration and secrets" + (checks.size() > TOP ? " (" + TOP + " of " + checks.size() + ")" : ""));
            w.println();
            w.println("| Severity | Check | CIS | Where | Evidence |");
            w.println("|---|---|---|---|---|");
            for (AssessedCheck c : checks.subList(0, Math.min(TOP, checks.size()))) {
                CheckFinding f = c.finding();
                w.println("| " + f.severity() + " | " + MarkdownText.cell(f.ruleId()) + " | " + MarkdownText.cell(f.cisControl() == null ? "—" : f.cisControl())
                        + " | " + MarkdownText.cell(f.location()) + " | " + MarkdownText.cell(f.message() + (f.removed() ? " (removed later, still in the image)" : "")) + " |");
            }
        }
        w.flush();
    }

    /** Each validated SBOM with its verdict; for an invalid one its listed problems and missing packages. */
    private static void sbomValidation(PrintWriter w, SbomValidation validation) {
        if (!validation.ran()) {
            return;
        }
        w.println();
        w.println("### SBOM validation");
        w.println();
        w.println("| Document | Format | Result |");
        w.println("|---|---|---|");
        for (SbomCheck check : validation.documents()) {
            String result = check.valid() ? "valid" : check.problemCount() + " schema problem(s), " + check.missingCount() + " missing package(s)";
            w.println("| " + MarkdownText.cell(check.document()) + " | " + MarkdownText.cell(check.format()) + " | " + result + " |");
        }
        for (SbomCheck check : validation.documents()) {
            if (check.valid()) {
                continue;
            }
            w.println();
            w.println(MarkdownText.cell(check.document()) + ":");
            w.println();
            check.problems().forEach(p -> w.println("- " + MarkdownText.code(p.pointer().isEmpty() ? "/" : p.pointer()) + " " + MarkdownText.cell(p.message())));
            check.missing().forEach(m -> w.println("- missing: " + MarkdownText.cell(m)));
        }
    }

    /** The advisory page on osv.dev, which knows every id the database is built from. */
    static String link(Finding f) {
        return "https://osv.dev/vulnerability/" + URLEncoder.encode(f.vulnerabilityId(), StandardCharsets.UTF_8);
    }
}
