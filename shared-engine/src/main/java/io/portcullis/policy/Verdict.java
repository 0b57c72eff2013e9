package io.portcullis.policy;

import java.util.List;
import java.util.Objects;

/**
 * The policy's decision on one scan.
 *
 * @param outcome PASS or FAIL; FAIL when any rule failed
 * @param rules every rule that was configured, in evaluation order, passed or not
 * @param warnings things the user should know that did not fail the gate (expired suppressions,
 *     an old database, rules not evaluated)
 * @param exitCode what the CLI exits with: 0 on PASS, the {@code --exit-code} (default 1) on FAIL
 */
public record Verdict(Outcome outcome, List<RuleResult> rules, List<String> warnings, int exitCode) {

    public enum Outcome { PASS, FAIL }

    public Verdict {
        Objects.requireNonNull(outcome, "outcome");
        rules = List.copyOf(rules);
        warnings = List.copyOf(warnings);
    }

    public boolean passed() {
        return outcome == Outcome.PASS;
    }

    /** The failed rules: why the gate failed. */
    public List<RuleResult> reasons() {
        return rules.stream().filter(RuleResult::failed).toList();
    }
}
