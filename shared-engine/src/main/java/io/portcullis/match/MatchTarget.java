package io.portcullis.match;

import io.portcullis.inventory.OperatingSystem;
import io.portcullis.inventory.Package;
import io.portcullis.vulndb.Ecosystem;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What one inventoried package is looked up as: the OSV ecosystem (with release suffix for distributions),
 * the name the advisories use (the source package for OS packages), and the version to compare.
 *
 * @param ecosystem the ecosystem family
 * @param ecosystemKey the OSV ecosystem string as records write it ({@code Debian:12}, {@code PyPI})
 * @param name normalised lookup name
 * @param version the version compared against the ranges
 * @param sourceName the source package name when it is what was looked up, else null
 */
record MatchTarget(Ecosystem ecosystem, String ecosystemKey, String name, String version, String sourceName) {

    private static final Map<String, Ecosystem> APPLICATION_TYPES = Map.of(
            "maven", Ecosystem.MAVEN,
            "npm", Ecosystem.NPM,
            "pypi", Ecosystem.PYPI,
            "golang", Ecosystem.GO,
            "cargo", Ecosystem.CRATES_IO,
            "gem", Ecosystem.RUBYGEMS,
            "nuget", Ecosystem.NUGET,
            "composer", Ecosystem.PACKAGIST);

    private static final Map<String, String> DISTRIBUTION_PACKAGE_TYPES = Map.of(
            "debian", "deb", "ubuntu", "deb", "alpine", "apk", "almalinux", "rpm", "rocky", "rpm");

    /** Empty for a package no supported ecosystem covers (an rpm on an unknown distro, a type we do not match). */
    static Optional<MatchTarget> of(Package pkg, OperatingSystem os) {
        Ecosystem application = APPLICATION_TYPES.get(pkg.type());
        if (application != null) {
            String version = pkg.version();
            if (application == Ecosystem.GO && pkg.name().equals("stdlib") && version.startsWith("go")) {
                version = version.substring(2);
            }
            return Optional.of(new MatchTarget(application, application.osvName(), application.normalizeName(pkg.name()),
                    version, null));
        }
        if (os == null || !pkg.type().equals(DISTRIBUTION_PACKAGE_TYPES.get(os.id().toLowerCase(Locale.ROOT)))) {
            return Optional.empty();
        }
        return distributionEcosystem(os).map(key -> {
            Ecosystem ecosystem = Ecosystem.ofOsv(key).orElseThrow();
            boolean bySource = pkg.source() != null && !pkg.source().name().isBlank();
            String name = bySource ? pkg.source().name() : pkg.name();
            String version = bySource && pkg.source().version() != null && !pkg.source().version().isBlank()
                    ? pkg.source().version() : pkg.version();
            return new MatchTarget(ecosystem, key, name, version, bySource ? name : null);
        });
    }

    /**
     * The OSV ecosystem of a distribution release as osv.dev names it: {@code Debian:12}, {@code Alpine:v3.11},
     * {@code AlmaLinux:9}, {@code Rocky Linux:9}, {@code Ubuntu:22.04:LTS}. Empty when the release is unknown.
     */
    static Optional<String> distributionEcosystem(OperatingSystem os) {
        String versionId = os.versionId();
        if (versionId == null || versionId.isBlank()) {
            return Optional.empty();
        }
        String[] parts = versionId.split("\\.");
        return Optional.ofNullable(switch (os.id().toLowerCase(Locale.ROOT)) {
            case "debian" -> "Debian:" + parts[0];
            case "alpine" -> parts.length < 2 ? null : "Alpine:v" + parts[0] + "." + parts[1];
            case "almalinux" -> "AlmaLinux:" + parts[0];
            case "rocky" -> "Rocky Linux:" + parts[0];
            case "ubuntu" -> "Ubuntu:" + versionId + (isLts(os, parts) ? ":LTS" : "");
            default -> null;
        });
    }

    /** Ubuntu says "LTS" in its names; failing that, LTS releases are the even years' April releases. */
    private static boolean isLts(OperatingSystem os, String[] parts) {
        if (os.prettyName() != null && os.prettyName().contains("LTS")) {
            return true;
        }
        return parts.length == 2 && parts[1].equals("04") && parts[0].matches("\\d+") && Integer.parseInt(parts[0]) % 2 == 0;
    }
}
