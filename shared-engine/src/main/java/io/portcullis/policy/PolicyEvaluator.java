package io.portcullis.policy;

import io.portcullis.check.CheckFinding;
import io.portcullis.check.CheckKind;
import io.portcullis.match.Finding;
import io.portcullis.match.Severity;
import io.portcullis.sbom.SbomCheck;
import io.portcullis.sbom.SbomValidation;
import io.portcullis.scan.ScanResult;
import io.portcullis.signature.SignatureVerification;
import io.portcullis.vulndb.DatabaseInfo;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * Applies suppressions, then the policy's gates and the command-line gate options, to a scan.
 * Reporting is separate: every finding comes back, marked with what happened to it.
 */
public final class PolicyEvaluator {
    private PolicyEvaluator() {
    }

    /** An evaluation of a scan that writes no audit log. */
    public static Assessment evaluate(ScanResult scan, Policy policy, GateOptions options, Suppressions suppressions, Instant now) {
        return evaluate(scan, policy, options, suppressions, now, null);
    }

    /**
     * @param now the evaluation time: suppression expiry is judged on its UTC date, database age against it
     * @param auditLog the audit log the scan appends its line to (PCI DSS 10.2), or null when it writes none
     */
    public static Assessment evaluate(ScanResult scan, Policy policy, GateOptions options, Suppressions suppressions, Instant now,
                                      Path auditLog) {
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        boolean ignoreUnfixed = policy.ignoreUnfixed() || options.ignoreUnfixed();
        List<AssessedFinding> assessed = new ArrayList<>();
        for (Finding finding : scan.findings()) {
            SuppressionRule suppression = suppressions.find(finding, scan.image(), today).orElse(null);
            boolean allowed = policy.allowVulnerabilities().stream().anyMatch(id -> SuppressionRule.idMatches(id, finding));
            boolean unfixedIgnored = ignoreUnfixed && !finding.hasFix();
            boolean shown = options.shows(finding.severity()) && !(options.ignoreUnfixed() && !finding.hasFix());
            assessed.add(new AssessedFinding(finding, suppression, allowed, unfixedIgnored, shown));
        }
        List<AssessedCheck> checks = new ArrayList<>();
        for (CheckFinding check : scan.checkFindings()) {
            checks.add(new AssessedCheck(check, suppressions.find(check, today).orElse(null), options.shows(check.severity())));
        }

        List<RuleResult> rules = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (Severity severity : Severity.highestFirst()) {
            policy.maxFindings(severity).ifPresent(limit -> rules.add(limitRule(severity, limit, assessed, checks)));
        }
        if (!policy.denyVulnerabilities().isEmpty()) {
            rules.add(denyRule("deny.vulnerabilities", String.join(", ", policy.denyVulnerabilities()), assessed,
                    f -> policy.denyVulnerabilities().stream().anyMatch(id -> SuppressionRule.idMatches(id, f))));
        }
        if (!policy.denyPackages().isEmpty()) {
            rules.add(denyRule("deny.packages", String.join(", ", policy.denyPackages()), assessed,
                    f -> policy.denyPackages().stream().anyMatch(p -> p.equals(f.pkg().name()) || SuppressionRule.purlMatches(p, f.pkg().purl()))));
        }
        if (options.failOn() != null) {
            rules.add(failOnRule(options.failOn(), assessed, checks));
        }
        if (options.exitCode() != null && options.exitCode() != 0 && options.failOn() == null
                && policy.maxFindings().isEmpty() && policy.denyVulnerabilities().isEmpty() && policy.denyPackages().isEmpty()) {
            rules.add(anyFindingRule(options, assessed, checks));
        }
        databaseAge(scan.database(), policy, now, rules, warnings);
        List<BenchmarkResult> benchmarks = compliance(scan, policy, assessed, checks, now, auditLog, rules, warnings);
        kubernetes(scan, policy, checks, rules, warnings);
        sbomValidation(scan.sbomValidation(), policy.sbomValidation(), rules, warnings);
        if (policy.signingRequired()) {
            rules.add(signingRule(scan.signature()));
        }
        for (SuppressionRule s : suppressions.expired(today)) {
            warnings.add("suppression of " + s.vulnerabilityId() + " expired on " + s.expires() + " [" + s.origin()
                    + "]; matching findings count again");
        }
        boolean failed = rules.stream().anyMatch(RuleResult::failed);
        Verdict verdict = new Verdict(failed ? Verdict.Outcome.FAIL : Verdict.Outcome.PASS, rules, warnings,
                failed ? options.failureExitCode() : 0);
        return new Assessment(assessed, verdict, checks, benchmarks);
    }

    private static RuleResult limitRule(Severity severity, int limit, List<AssessedFinding> assessed, List<AssessedCheck> checks) {
        List<String> ids = counted(assessed, checks, s -> s == severity);
        String rule = severity.name().toLowerCase(Locale.ROOT) + "_vulnerabilities";
        boolean failed = ids.size() > limit;
        String message = ids.size() + " " + severity.name().toLowerCase(Locale.ROOT) + " finding(s), at most " + limit + " allowed";
        return new RuleResult(rule, failed ? RuleResult.Status.FAILED : RuleResult.Status.PASSED,
                String.valueOf(limit), String.valueOf(ids.size()), ids, message);
    }

    /** Keys of the counted vulnerability and check findings whose severity the gate picks: both kinds count alike. */
    private static List<String> counted(List<AssessedFinding> assessed, List<AssessedCheck> checks, Predicate<Severity> picked) {
        List<String> ids = new ArrayList<>(assessed.stream().filter(AssessedFinding::counted)
                .filter(a -> picked.test(a.finding().severity())).map(AssessedFinding::key).toList());
        checks.stream().filter(AssessedCheck::counted).filter(c -> picked.test(c.finding().severity()))
                .map(AssessedCheck::key).forEach(ids::add);
        return ids;
    }

    /** Deny lists fail regardless of count, severity, allow list or fix state; only a suppression (with its statement) lifts them. */
    private static RuleResult denyRule(String rule, String limit, List<AssessedFinding> assessed, Predicate<Finding> denied) {
        List<String> ids = assessed.stream().filter(a -> !a.suppressed()).filter(a -> denied.test(a.finding()))
                .map(AssessedFinding::key).toList();
        String message = ids.isEmpty() ? "no denied finding present" : ids.size() + " denied finding(s) present";
        return new RuleResult(rule, ids.isEmpty() ? RuleResult.Status.PASSED : RuleResult.Status.FAILED,
                limit, String.valueOf(ids.size()), ids, message);
    }

    private static RuleResult failOnRule(Severity failOn, List<AssessedFinding> assessed, List<AssessedCheck> checks) {
        List<String> ids = counted(assessed, checks, s -> s.compareTo(failOn) >= 0);
        String message = ids.size() + " finding(s) at or above " + failOn;
        return new RuleResult("fail_on", ids.isEmpty() ? RuleResult.Status.PASSED : RuleResult.Status.FAILED,
                failOn.name(), String.valueOf(ids.size()), ids, message);
    }

    /** Trivy's meaning of {@code --exit-code} on its own: any finding that is shown fails. */
    private static RuleResult anyFindingRule(GateOptions options, List<AssessedFinding> assessed, List<AssessedCheck> checks) {
        List<String> ids = new ArrayList<>(assessed.stream().filter(AssessedFinding::counted).filter(AssessedFinding::shown)
                .map(AssessedFinding::key).toList());
        checks.stream().filter(AssessedCheck::counted).filter(AssessedCheck::shown).map(AssessedCheck::key).forEach(ids::add);
        String scope = options.severities().isEmpty() ? "any severity" : options.severities().stream().sorted().map(Severity::name).toList().toString();
        return new RuleResult("exit_code", ids.isEmpty() ? RuleResult.Status.PASSED : RuleResult.Status.FAILED,
                "0 findings (" + scope + ")", String.valueOf(ids.size()), ids,
                ids.size() + " finding(s) of " + scope + " with --exit-code " + options.exitCode());
    }

    private static void databaseAge(DatabaseInfo db, Policy policy, Instant now, List<RuleResult> rules, List<String> warnings) {
        Duration max = policy.maxDatabaseAge();
        if (db == null || db.builtAt() == null) {
            if (max != null) {
                rules.add(new RuleResult("max_db_age", RuleResult.Status.NOT_EVALUATED, format(max), null, List.of(),
                        "no vulnerability database was used"));
                warnings.add("max_db_age not evaluated: no vulnerability database was used");
            }
            return;
        }
        Duration age = Duration.between(db.builtAt(), now);
        if (max != null) {
            boolean failed = age.compareTo(max) > 0;
            rules.add(new RuleResult("max_db_age", failed ? RuleResult.Status.FAILED : RuleResult.Status.PASSED,
                    format(max), format(age), List.of(), "vulnerability database built " + db.builtAt() + ", " + format(age) + " ago"));
        }
    }

    /**
     * Each requested benchmark, restricted to the policy's chosen controls, as a rule; one the scan cannot judge (CIS
     * without the configuration checks, PCI DSS without a vulnerability match) is not evaluated, never passed.
     */
    private static List<BenchmarkResult> compliance(ScanResult scan, Policy policy, List<AssessedFinding> assessed, List<AssessedCheck> checks,
                                                    Instant now, Path auditLog, List<RuleResult> rules, List<String> warnings) {
        List<BenchmarkResult> benchmarks = new ArrayList<>();
        ComplianceRequirements requirements = policy.complianceRequirements();
        for (String benchmark : policy.compliance()) {
            BenchmarkResult result;
            if (benchmark.equals(CisDockerBenchmark.NAME)) {
                if (!scan.checksRun().contains(CheckKind.CONFIG)) {
                    benchmarkNotEvaluated(benchmark, "CIS Docker Benchmark needs the configuration checks: scan with scan type config or all",
                            "the configuration checks did not run", rules, warnings);
                    continue;
                }
                result = new BenchmarkResult(CisDockerBenchmark.NAME, CisDockerBenchmark.TITLE, CisDockerBenchmark.VERSION,
                        CisDockerBenchmark.evaluate(checks, scan.database() == null ? null : assessed));
            } else {
                if (scan.database() == null) {
                    benchmarkNotEvaluated(benchmark, "PCI DSS 6.2 needs the vulnerability scan: scan with scan type vulnerability or all",
                            "no vulnerability scan in this run", rules, warnings);
                    continue;
                }
                result = PciDss.evaluate(assessed, new PciDss.ScanEvidence(scan.image(), scan.signature(), auditLog, policy.audit()),
                        requirements.patchGracePeriod(), now);
            }
            BenchmarkResult chosen = requirements.chosen(result);
            benchmarks.add(chosen);
            if (chosen.evaluated() == 0) {
                benchmarkNotEvaluated(benchmark, chosen.fullTitle() + ": every chosen control is manual",
                        "every control chosen in compliance_requirements is manual", rules, warnings);
                continue;
            }
            rules.add(ComplianceRule.of(chosen));
        }
        return benchmarks;
    }

    private static void benchmarkNotEvaluated(String benchmark, String message, String why, List<RuleResult> rules, List<String> warnings) {
        rules.add(new RuleResult("compliance." + benchmark, RuleResult.Status.NOT_EVALUATED, "required", null, List.of(), message));
        warnings.add("compliance." + benchmark + " not evaluated (" + why + "); not counted as passed");
    }

    /**
     * The policy's {@code kubernetes} block as one rule: failed by any counted Kubernetes finding, whatever its
     * severity (the profile is a must, not a budget); not evaluated, never passed, when no manifest was checked.
     */
    private static void kubernetes(ScanResult scan, Policy policy, List<AssessedCheck> checks, List<RuleResult> rules, List<String> warnings) {
        if (policy.kubernetes() == null) {
            return;
        }
        if (!scan.checksRun().contains(CheckKind.KUBERNETES)) {
            rules.add(new RuleResult("kubernetes", RuleResult.Status.NOT_EVALUATED, "security profile", null, List.of(),
                    "no Kubernetes manifest was given"));
            warnings.add("kubernetes not evaluated (no manifests were given); not counted as passed");
            return;
        }
        List<String> ids = checks.stream().filter(AssessedCheck::counted).filter(c -> c.finding().kind() == CheckKind.KUBERNETES)
                .map(AssessedCheck::key).toList();
        rules.add(new RuleResult("kubernetes", ids.isEmpty() ? RuleResult.Status.PASSED : RuleResult.Status.FAILED,
                "0 violations of the security profile (" + policy.kubernetes().source() + ")", String.valueOf(ids.size()), ids,
                ids.isEmpty() ? "every workload meets the security profile" : violations(ids)));
    }

    /**
     * "2 violation(s) of the security profile: PCK-X at deploy/app.yaml:38 spec...": a CI gate message is often all a
     * reader sees, so it names the rule, file, line and field of the first few.
     */
    private static String violations(List<String> keys) {
        int named = Math.min(keys.size(), 3);
        return keys.size() + " violation(s) of the security profile: " + String.join("; ", keys.subList(0, named))
                + (keys.size() > named ? "; and " + (keys.size() - named) + " more" : "");
    }

    /**
     * {@code sbom_validation}: required fails on any schema problem or missing package; optional only warns, as it is
     * no gate. A supplied SBOM ({@code --sbom FILE}) under a policy that says nothing gates as required: the user asked
     * for the check. Not evaluated, never passed, when nothing was validated (a scan of manifests alone).
     */
    private static void sbomValidation(SbomValidation validation, SbomRequirement requirement, List<RuleResult> rules,
                                       List<String> warnings) {
        SbomRequirement effective = requirement == SbomRequirement.DISABLED && validation.hasSupplied() ? SbomRequirement.REQUIRED : requirement;
        if (effective == SbomRequirement.DISABLED) {
            return;
        }
        String limit = effective.name().toLowerCase(Locale.ROOT);
        if (!validation.ran()) {
            if (effective == SbomRequirement.REQUIRED) {
                rules.add(new RuleResult("sbom_validation", RuleResult.Status.NOT_EVALUATED, limit, null, List.of(),
                        "no SBOM was validated for this scan"));
            }
            warnings.add("sbom_validation not evaluated (no SBOM was validated); not counted as passed");
            return;
        }
        if (effective == SbomRequirement.OPTIONAL) {
            if (!validation.valid()) {
                warnings.add("sbom_validation (optional, not gating): " + validation.summary());
            }
            return;
        }
        int problems = validation.documents().stream().mapToInt(SbomCheck::problemCount).sum();
        int missing = validation.documents().stream().mapToInt(SbomCheck::missingCount).sum();
        String actual = validation.valid() ? "valid" : problems + " schema problem(s), " + missing + " missing package(s)";
        rules.add(new RuleResult("sbom_validation", validation.valid() ? RuleResult.Status.PASSED : RuleResult.Status.FAILED,
                limit, actual, List.of(), validation.summary()));
    }

    /**
     * Fails closed: only a verified signature passes. An image whose signature could not be checked (no key, a
     * source that keeps no signatures, an unreadable tag) fails too, with the reason, since the gate asks for proof.
     */
    private static RuleResult signingRule(SignatureVerification signature) {
        return new RuleResult("signing_required", signature.verified() ? RuleResult.Status.PASSED : RuleResult.Status.FAILED,
                "true", signature.status().name(), List.of(), signature.reason());
    }

    /** Durations as policy files write them, to the precision that matters for a database age: "9d", "7d 2h", "5h", "30m". */
    static String format(Duration duration) {
        long days = duration.toDays();
        long hours = duration.toHoursPart();
        if (days > 0) {
            return hours == 0 ? days + "d" : days + "d " + hours + "h";
        }
        if (duration.toHours() > 0) {
            return duration.toHours() + "h";
        }
        return Math.max(0, duration.toMinutes()) + "m";
    }
}
