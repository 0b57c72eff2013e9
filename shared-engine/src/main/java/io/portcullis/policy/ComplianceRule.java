package io.portcullis.policy;


import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A benchmark's controls as one gate rule: FAILED on any failed control, its actual value the score
 * "passed/evaluated" over the automated controls, its findings the evidence of the failed ones.
 */
public final class ComplianceRule {

    private ComplianceRule() {
    }

    public static RuleResult of(String rule, String benchmarkTitle, List<ControlResult> controls) {
        long passed = controls.stream().filter(c -> c.status() == ControlResult.Status.PASS).count();
        long evaluated = controls.stream().filter(c -> c.status() != ControlResult.Status.MANUAL).count();
        List<ControlResult> failed = controls.stream().filter(c -> c.status() == ControlResult.Status.FAIL).toList();
        List<String> evidence = failed.stream().flatMap(c -> c.evidence().stream()).distinct().toList();
        String manual = controls.stream().filter(c -> c.status() == ControlResult.Status.MANUAL).map(ControlResult::control)
                .collect(Collectors.joining(", "));
        String message = benchmarkTitle + ": " + passed + " of " + evaluated + " automated controls passed"
                + (failed.isEmpty() ? "" : "; failed: " + failed.stream().map(ControlResult::control).collect(Collectors.joining(", ")))
                + (manual.isEmpty() ? "" : "; manual (not counted as passed): " + manual);
        return new RuleResult(rule, failed.isEmpty() ? RuleResult.Status.PASSED : RuleResult.Status.FAILED,
                "every automated control passes", passed + "/" + evaluated, evidence, message);
    }

    /** The score of an evaluated compliance rule (its actual value "passed/evaluated"), for the Prometheus gauge. */
    public static Optional<Double> score(RuleResult rule) {
        if (!rule.rule().startsWith("compliance.") || rule.status() == RuleResult.Status.NOT_EVALUATED || rule.actual() == null) {
            return Optional.empty();
        }
        String[] parts = rule.actual().split("/", 2);
        if (parts.length != 2 || Long.parseLong(parts[1]) == 0) {
            return Optional.empty();
        }
        return Optional.of(Long.parseLong(parts[0]) / (double) Long.parseLong(parts[1]));
    }
}
