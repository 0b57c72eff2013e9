package io.portcullis.version;

import java.util.Locale;
import java.util.Optional;

/** Chooses the {@link VersionScheme} for an OSV ecosystem name or a package-URL type. */
public final class VersionSchemes {

    public static final VersionScheme DPKG = new DpkgVersionScheme();
    public static final VersionScheme RPM = new RpmVersionScheme();
    public static final VersionScheme SEMVER = new SemVerVersionScheme();
    public static final VersionScheme GO = new GoVersionScheme();
    public static final VersionScheme MAVEN = new MavenVersionScheme();
    public static final VersionScheme PEP440 = new Pep440VersionScheme();
    public static final VersionScheme APK = new ApkVersionScheme();
    public static final VersionScheme RUBYGEMS = new RubyGemsVersionScheme();
    public static final VersionScheme NUGET = new NuGetVersionScheme();
    public static final VersionScheme PACKAGIST = new PackagistVersionScheme();

    private VersionSchemes() {
    }

    /**
     * The scheme for an OSV {@code ecosystem} value such as {@code Debian:12}, {@code Alpine:v3.11},
     * {@code Rocky Linux:9}, {@code PyPI} or {@code crates.io}; the release suffix after the first
     * ':' does not change the scheme. Empty for an ecosystem whose ordering is not supported.
     */
    public static Optional<VersionScheme> forEcosystem(String osvEcosystem) {
        int colon = osvEcosystem.indexOf(':');
        String family = (colon < 0 ? osvEcosystem : osvEcosystem.substring(0, colon)).strip();
        return Optional.ofNullable(switch (family) {
            case "Debian", "Ubuntu" -> DPKG;
            case "Alpine", "Wolfi", "Chainguard" -> APK;
            case "AlmaLinux", "Rocky Linux", "Red Hat", "openSUSE", "SUSE", "Mageia", "openEuler" -> RPM;
            case "npm", "crates.io" -> SEMVER;
            case "Go" -> GO;
            case "Maven" -> MAVEN;
            case "PyPI" -> PEP440;
            case "RubyGems" -> RUBYGEMS;
            case "NuGet" -> NUGET;
            case "Packagist" -> PACKAGIST;
            default -> null;
        });
    }

    /** The scheme for a package-URL type ({@code deb}, {@code rpm}, {@code npm}, ...), case-insensitive. */
    public static Optional<VersionScheme> forPackageType(String purlType) {
        return Optional.ofNullable(switch (purlType.toLowerCase(Locale.ROOT)) {
            case "deb" -> DPKG;
            case "rpm" -> RPM;
            case "apk" -> APK;
            case "npm", "cargo" -> SEMVER;
            case "golang" -> GO;
            case "maven" -> MAVEN;
            case "pypi" -> PEP440;
            case "gem" -> RUBYGEMS;
            case "nuget" -> NUGET;
            case "composer" -> PACKAGIST;
            default -> null;
        });
    }
}
