package io.portcullis.engine;

import io.portcullis.InputException;
import io.portcullis.check.CheckKind;

import java.util.Arrays;
import java.util.Locale;

/**
 * What a scan looks for; the same names in the CLI ({@code --scan-type}), the Jenkins step and the
 * Azure DevOps task. Every type but {@link #SBOM} is gated.
 */
public enum ScanType {
    /** Vulnerabilities of the inventoried packages. */
    VULNERABILITY,
    /** The inventory only, for an SBOM; no findings. */
    SBOM,
    /** Image configuration checks (config blob and history, setuid files). */
    CONFIG,
    /** Secrets in layer files and in the config. */
    SECRET,
    /** All of the above. */
    ALL;

    /** Case-insensitive. */
    public static ScanType parse(String name) {
        for (ScanType type : values()) {
            if (type.name().equalsIgnoreCase(name.trim())) {
                return type;
            }
        }
        throw new InputException("unknown scan type '" + name + "'; expected one of "
                + Arrays.stream(values()).map(t -> t.name().toLowerCase(Locale.ROOT)).toList());
    }

    public boolean matchesVulnerabilities() {
        return this == VULNERABILITY || this == ALL;
    }

    public boolean runs(CheckKind kind) {
        return this == ALL || name().equals(kind.name());
    }
}
