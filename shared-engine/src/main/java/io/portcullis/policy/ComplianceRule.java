package io.portcullis.policy;


import java.util.List;
import java.util.stream.Collectors;

/**
 * A benchmark's controls as one gate rule: FAILED on any failed control, its actual value the score
 * "passed/evaluated" over the automated controls, its findings those that failed a control.
 */
public final class ComplianceRule {

    private ComplianceRule() {
    }

    public static RuleResult of(BenchmarkResult benchmark) {
        List<ControlResult> failed = benchmark.failed();
        List<String> findings = failed.stream().flatMap(c -> c.findings().stream()).distinct().toList();
        String manual = benchmark.controls().stream().filter(c -> c.status() == ControlResult.Status.MANUAL).map(ControlResult::control)
                .collect(Collectors.joining(", "));
        String message = benchmark.fullTitle() + ": " + benchmark.passed() + " of " + benchmark.evaluated() + " automated controls passed"
                + (failed.isEmpty() ? "" : "; failed: " + failed.stream().map(ControlResult::control).collect(Collectors.joining(", ")))
                + (manual.isEmpty() ? "" : "; manual (not counted as passed): " + manual);
        return new RuleResult("compliance." + benchmark.name(), failed.isEmpty() ? RuleResult.Status.PASSED : RuleResult.Status.FAILED,
                "every automated control passes", benchmark.passed() + "/" + benchmark.evaluated(), findings, message);
    }
}
