package io.portcullis.vulndb;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The OSV ecosystems Portcullis can match. An OSV ecosystem string may carry a release suffix
 * ({@code Debian:12}, {@code Alpine:v3.11}); the enum is the part before the first colon.
 */
public enum Ecosystem {
    DEBIAN("Debian", true),
    ALPINE("Alpine", true),
    ALMALINUX("AlmaLinux", true),
    ROCKY_LINUX("Rocky Linux", true),
    UBUNTU("Ubuntu", true),
    MAVEN("Maven", false),
    NPM("npm", false),
    PYPI("PyPI", false),
    GO("Go", false),
    CRATES_IO("crates.io", false),
    RUBYGEMS("RubyGems", false),
    NUGET("NuGet", false),
    PACKAGIST("Packagist", false);

    private static final Pattern PEP503_SEPARATORS = Pattern.compile("[-_.]+");

    private final String osvName;
    private final boolean distribution;

    Ecosystem(String osvName, boolean distribution) {
        this.osvName = osvName;
        this.distribution = distribution;
    }

    /** The name as OSV writes it, without a release suffix. */
    public String osvName() {
        return osvName;
    }

    /** True for Linux distributions, whose advisories name source packages and carry a release suffix. */
    public boolean isDistribution() {
        return distribution;
    }

    /** The ecosystem of an OSV {@code affected[].package.ecosystem} value, if we support it. */
    public static Optional<Ecosystem> ofOsv(String ecosystemWithSuffix) {
        int colon = ecosystemWithSuffix.indexOf(':');
        String base = colon < 0 ? ecosystemWithSuffix : ecosystemWithSuffix.substring(0, colon);
        for (Ecosystem e : values()) {
            if (e.osvName.equals(base)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    /**
     * The package name as the index stores it, so that the spellings an ecosystem treats as equal
     * meet: PEP 503 for PyPI, case-insensitive NuGet and Packagist ids; the others are case-sensitive
     * and compared as written (Maven {@code group:artifact}, Go module paths).
     */
    public String normalizeName(String name) {
        return switch (this) {
            case PYPI -> PEP503_SEPARATORS.matcher(name.toLowerCase(Locale.ROOT)).replaceAll("-");
            case NUGET, PACKAGIST -> name.toLowerCase(Locale.ROOT);
            default -> name;
        };
    }
}
