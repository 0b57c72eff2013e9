package io.portcullis.engine;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.portcullis.match.Severity;

import java.io.Serializable;
import java.util.Map;

/**
 * Findings per severity. A plain class with fields (not a record) so that XStream, which Jenkins
 * persists build actions with, and Jackson both read it back.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
@JsonIgnoreProperties(ignoreUnknown = true)
public final class SeverityCounts implements Serializable {

    private static final long serialVersionUID = 1L;

    private int critical;
    private int high;
    private int medium;
    private int low;
    private int unknown;
    private int total;

    private SeverityCounts() {
    }

    public SeverityCounts(int critical, int high, int medium, int low, int unknown) {
        this.critical = critical;
        this.high = high;
        this.medium = medium;
        this.low = low;
        this.unknown = unknown;
        this.total = critical + high + medium + low + unknown;
    }

    static SeverityCounts of(Map<Severity, Integer> counts) {
        return new SeverityCounts(counts.getOrDefault(Severity.CRITICAL, 0), counts.getOrDefault(Severity.HIGH, 0),
                counts.getOrDefault(Severity.MEDIUM, 0), counts.getOrDefault(Severity.LOW, 0), counts.getOrDefault(Severity.UNKNOWN, 0));
    }

    public int getCritical() {
        return critical;
    }

    public int getHigh() {
        return high;
    }

    public int getMedium() {
        return medium;
    }

    public int getLow() {
        return low;
    }

    public int getUnknown() {
        return unknown;
    }

    public int getTotal() {
        return total;
    }

    /** The count for one severity. */
    public int get(Severity severity) {
        return switch (severity) {
            case CRITICAL -> critical;
            case HIGH -> high;
            case MEDIUM -> medium;
            case LOW -> low;
            case UNKNOWN -> unknown;
        };
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SeverityCounts other && critical == other.critical && high == other.high && medium == other.medium
                && low == other.low && unknown == other.unknown && total == other.total;
    }

    @Override
    public int hashCode() {
        return ((((critical * 31 + high) * 31 + medium) * 31 + low) * 31 + unknown) * 31 + total;
    }

    @Override
    public String toString() {
        return "critical=" + critical + ", high=" + high + ", medium=" + medium + ", low=" + low + ", unknown=" + unknown;
    }
}
