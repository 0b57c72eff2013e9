package io.portcullis.policy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How the policy tunes its compliance benchmarks: the controls chosen per benchmark (the seed's
 * {@code compliance_requirements} block) and the PCI DSS 6.2 patch grace period ({@code patch_grace_period}).
 *
 * @param controls control numbers chosen per benchmark name ({@code pci_dss -> [6.2, 6.4]}); a benchmark not in the map has all its controls
 * @param patchGracePeriod how long a fixable CRITICAL or HIGH vulnerability may stay open before 6.2 fails
 */
public record ComplianceRequirements(Map<String, List<String>> controls, Duration patchGracePeriod) {

    /** PCI DSS 4.0 requirement 6.3.3 gives critical patches one month; 30 days is the usual reading. */
    public static final Duration DEFAULT_PATCH_GRACE_PERIOD = Duration.ofDays(30);
    public static final ComplianceRequirements DEFAULT = new ComplianceRequirements(Map.of(), DEFAULT_PATCH_GRACE_PERIOD);

    public ComplianceRequirements {
        controls = Map.copyOf(controls);
        Objects.requireNonNull(patchGracePeriod, "patchGracePeriod");
    }

    /** The benchmark's results restricted to the chosen controls, in the benchmark's order. */
    BenchmarkResult chosen(BenchmarkResult all) {
        List<String> chosen = controls.get(all.name());
        if (chosen == null) {
            return all;
        }
        return new BenchmarkResult(all.name(), all.title(), all.version(),
                all.controls().stream().filter(c -> chosen.contains(c.control())).toList());
    }
}
