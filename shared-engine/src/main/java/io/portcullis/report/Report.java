package io.portcullis.report;

import io.portcullis.match.Severity;
import io.portcullis.policy.AssessedCheck;
import io.portcullis.policy.AssessedFinding;
import io.portcullis.policy.Assessment;
import io.portcullis.policy.RuleResult;
import io.portcullis.policy.Suppressions;
import io.portcullis.policy.Verdict;
import io.portcullis.scan.ScanResult;

import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What every report writer renders: the scan, the policy's assessment of it, and the suppressions
 * that were in force.
 *
 * @param scan the scan result (image, inventory, findings, database)
 * @param assessment each finding with its treatment, and the verdict
 * @param suppressions the suppressions loaded for this scan
 * @param toolVersion the Portcullis version, e.g. "0.1.0"
 */
public record Report(ScanResult scan, Assessment assessment, Suppressions suppressions, String toolVersion) {

    /** Most severe first, then by vulnerability id, package name and version: the order every report uses. */
    public static final Comparator<AssessedFinding> ORDER = Comparator
            .comparing((AssessedFinding a) -> a.finding().severity()).reversed()
            .thenComparing(a -> a.finding().vulnerabilityId())
            .thenComparing(a -> a.finding().pkg().name())
            .thenComparing(a -> a.finding().pkg().version());

    /** Checks in the same order: most severe first, then rule id and location. */
    public static final Comparator<AssessedCheck> CHECK_ORDER = Comparator
            .comparing((AssessedCheck a) -> a.finding().severity()).reversed()
            .thenComparing(a -> a.finding().ruleId())
            .thenComparing(a -> a.finding().location())
            .thenComparing(a -> a.finding().message());

    public Report {
        Objects.requireNonNull(scan, "scan");
        Objects.requireNonNull(assessment, "assessment");
        suppressions = suppressions == null ? Suppressions.none() : suppressions;
        toolVersion = toolVersion == null ? "dev" : toolVersion;
    }

    public Verdict verdict() {
        return assessment.verdict();
    }

    /** Every finding, in report order. */
    public List<AssessedFinding> findings() {
        return assessment.findings().stream().sorted(ORDER).toList();
    }

    /** Findings a person should see: not suppressed and passing the display filter. */
    public List<AssessedFinding> shownFindings() {
        return findings().stream().filter(a -> !a.suppressed() && a.shown()).toList();
    }

    /** Findings passing the display filter, suppressed ones included (marked): what SARIF, JUnit and HTML list. */
    public List<AssessedFinding> displayedFindings() {
        return findings().stream().filter(AssessedFinding::shown).toList();
    }

    public List<AssessedFinding> suppressedFindings() {
        return findings().stream().filter(AssessedFinding::suppressed).toList();
    }

    /** Every misconfiguration and secret finding, in report order. */
    public List<AssessedCheck> checks() {
        return assessment.checks().stream().sorted(CHECK_ORDER).toList();
    }

    /** Checks passing the display filter, suppressed ones included (marked). */
    public List<AssessedCheck> displayedChecks() {
        return checks().stream().filter(AssessedCheck::shown).toList();
    }

    /** Unsuppressed findings per severity (all severities present, zero where none), regardless of the display filter. */
    public Map<Severity, Integer> openCounts() {
        Map<Severity, Integer> counts = new EnumMap<>(Severity.class);
        for (Severity s : Severity.values()) {
            counts.put(s, 0);
        }
        assessment.findings().stream().filter(a -> !a.suppressed()).forEach(a -> counts.merge(a.finding().severity(), 1, Integer::sum));
        return counts;
    }

    /** The keys of findings named by a failed rule: the findings that failed the gate. */
    public Set<String> failingFindingKeys() {
        Set<String> keys = new HashSet<>();
        verdict().rules().stream().filter(RuleResult::failed).forEach(r -> keys.addAll(r.findingIds()));
        return keys;
    }

    /** Image reference plus manifest digest when known, as reports name the scanned image. */
    public String imageName() {
        String reference = scan.image().reference();
        return scan.image().manifestDigest() == null ? reference : reference + "@" + scan.image().manifestDigest();
    }
}
