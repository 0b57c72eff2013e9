package io.portcullis.match;

import java.util.List;

/**
 * Findings of one match run and the problems met on the way (a version that does not parse, an ecosystem
 * whose versions cannot be ordered); each warning names the package or ecosystem.
 */
public record MatchResult(List<Finding> findings, List<String> warnings) {
    public MatchResult {
        findings = List.copyOf(findings);
        warnings = List.copyOf(warnings);
    }
}
