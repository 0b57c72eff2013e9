package io.portcullis.vulndb;

import io.portcullis.version.VersionScheme;

import java.util.Optional;

/** The version scheme an OSV range of one ecosystem is evaluated with. */
@FunctionalInterface
public interface SchemeLookup {

    /**
     * @param ecosystem the package's ecosystem
     * @param rangeType the OSV range type: {@code ECOSYSTEM} (the ecosystem's own ordering) or {@code SEMVER}
     * @return the scheme, or empty when Portcullis cannot order this ecosystem's versions
     */
    Optional<VersionScheme> scheme(Ecosystem ecosystem, String rangeType);
}
