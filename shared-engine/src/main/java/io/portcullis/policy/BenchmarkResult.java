package io.portcullis.policy;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One compliance benchmark as this scan judged it: what the reports' compliance sections show.
 *
 * @param name the policy's name for it ({@code cis_benchmark}, {@code pci_dss})
 * @param title its human name ("CIS Docker Benchmark", "PCI DSS")
 * @param version the benchmark version judged ("1.3.1", "4.0")
 * @param controls the chosen controls in the benchmark's order
 */
public record BenchmarkResult(String name, String title, String version, List<ControlResult> controls) {

    public BenchmarkResult {
        Objects.requireNonNull(name, "name");
        controls = List.copyOf(controls);
    }

    public long passed() {
        return controls.stream().filter(c -> c.status() == ControlResult.Status.PASS).count();
    }

    /** Automated controls: the ones that passed or failed. MANUAL ones are not counted either way. */
    public long evaluated() {
        return controls.stream().filter(c -> c.status() != ControlResult.Status.MANUAL).count();
    }

    public List<ControlResult> failed() {
        return controls.stream().filter(c -> c.status() == ControlResult.Status.FAIL).toList();
    }

    /** Automated controls passed / automated controls evaluated, 0 to 1; empty when no control could be evaluated. */
    public Optional<Double> score() {
        long evaluated = evaluated();
        return evaluated == 0 ? Optional.empty() : Optional.of(passed() / (double) evaluated);
    }

    /** "CIS Docker Benchmark 1.3.1". */
    public String fullTitle() {
        return title + " " + version;
    }
}
