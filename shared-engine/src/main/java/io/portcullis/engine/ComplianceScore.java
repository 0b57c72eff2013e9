package io.portcullis.engine;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One compliance benchmark's score as a CI host keeps it: "pci_dss", 1 of 3 automated controls passed, 6.4 and 10.2
 * failed. A plain class for the same reason as {@link ScanSummary}.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
@JsonIgnoreProperties(ignoreUnknown = true)
public final class ComplianceScore implements Serializable {

    private static final long serialVersionUID = 1L;

    private String benchmark;
    private long passed;
    private long evaluated;
    private ArrayList<String> failedControls;

    private ComplianceScore() {
    }

    public ComplianceScore(String benchmark, long passed, long evaluated, List<String> failedControls) {
        this.benchmark = Objects.requireNonNull(benchmark, "benchmark");
        this.passed = passed;
        this.evaluated = evaluated;
        this.failedControls = new ArrayList<>(failedControls);
    }

    /** The policy's name of the benchmark: {@code cis_benchmark} or {@code pci_dss}. */
    public String getBenchmark() {
        return benchmark;
    }

    /** Automated controls that passed. */
    public long getPassed() {
        return passed;
    }

    /** Automated controls evaluated (passed or failed); manual ones are not counted. */
    public long getEvaluated() {
        return evaluated;
    }

    /** Passed / evaluated, 0 to 1; -1 when no control could be evaluated. */
    public double getScore() {
        return evaluated == 0 ? -1 : passed / (double) evaluated;
    }

    /** The numbers of the failed controls ("6.4"). */
    public List<String> getFailedControls() {
        return failedControls == null ? List.of() : Collections.unmodifiableList(failedControls);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ComplianceScore other && benchmark.equals(other.benchmark) && passed == other.passed
                && evaluated == other.evaluated && getFailedControls().equals(other.getFailedControls());
    }

    @Override
    public int hashCode() {
        return Objects.hash(benchmark, passed, evaluated);
    }

    @Override
    public String toString() {
        return benchmark + " " + passed + "/" + evaluated + (getFailedControls().isEmpty() ? "" : " failed " + getFailedControls());
    }
}
