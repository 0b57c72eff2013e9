package io.portcullis.vulndb;

import io.portcullis.version.VersionScheme;
import io.portcullis.version.VersionSchemes;

import java.util.Optional;

/** The engine's version schemes: the ecosystem's own for ECOSYSTEM ranges, SemVer for SEMVER ranges. */
public enum StandardSchemes implements SchemeLookup {
    INSTANCE;

    @Override
    public Optional<VersionScheme> scheme(Ecosystem ecosystem, String rangeType) {
        if (rangeType.equals("SEMVER")) {
            // Go writes SEMVER ranges too; its scheme is SemVer that also accepts the "v" prefix Go versions carry.
            return Optional.of(ecosystem == Ecosystem.GO ? VersionSchemes.GO : VersionSchemes.SEMVER);
        }
        return VersionSchemes.forEcosystem(ecosystem.osvName());
    }
}
