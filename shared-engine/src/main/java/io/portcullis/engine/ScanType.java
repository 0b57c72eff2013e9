package io.portcullis.engine;

import io.portcullis.InputException;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What a scan looks for. */
public enum ScanType {
    /** Inventory, SBOMs and known vulnerabilities, gated by the policy. */
    VULNERABILITY,
    /** Inventory and SBOMs only: no DB, no matching; the gate passes. */
    SBOM,
    /** Misconfigurations (issue 11; not yet available). */
    CONFIG,
    /** Secrets in image files (issue 11; not yet available). */
    SECRET,
    /** Everything above (issue 11; not yet available). */
    ALL;

    /** Case-insensitive, '-' for '_'. */
    public static ScanType parse(String name) {
        String wanted = name == null ? "" : name.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (ScanType type : values()) {
            if (type.name().equals(wanted)) {
                return type;
            }
        }
        throw new InputException("unknown scan type '" + name + "' (known: "
                + Arrays.stream(values()).map(t -> t.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")) + ")");
    }

    boolean matchesVulnerabilities() {
        return this == VULNERABILITY;
    }
}
