package io.portcullis.engine;

import io.portcullis.InputException;
import io.portcullis.check.CheckKind;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** What a scan looks for. */
public enum ScanType {
    /** Inventory, SBOMs and known vulnerabilities, gated by the policy. */
    VULNERABILITY,
    /** Inventory and SBOMs only: no DB, no matching; the gate passes. */
    SBOM,
    /** Image configuration checks (config blob and history), gated by the policy; no DB. */
    CONFIG,
    /** Secrets in layer files (credentials, keys, tokens), gated by the policy; no DB. */
    SECRET,
    /** Vulnerabilities and every check. */
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

    public boolean matchesVulnerabilities() {
        return this == VULNERABILITY || this == ALL;
    }

    /** Whether this scan type looks for findings of {@code kind}. */
    public boolean runs(CheckKind kind) {
        return this == ALL || name().equals(kind.name());
    }

    /** The kinds of check finding this scan type looks for. */
    public Set<CheckKind> checkKinds() {
        return Arrays.stream(CheckKind.values()).filter(this::runs).collect(Collectors.toUnmodifiableSet());
    }

    /** Every type but {@link #SBOM} produces findings for the gate. */
    public boolean gated() {
        return this != SBOM;
    }
}
