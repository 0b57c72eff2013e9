package io.portcullis.inventory;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One installed package. Immutable.
 *
 * @param type the package-url type: deb, apk, rpm, maven, npm, pypi, golang, cargo, gem, nuget, composer
 * @param name package name as the package database spells it (for maven: {@code groupId:artifactId})
 * @param version full version string in the format's own syntax (dpkg/rpm epochs included)
 * @param arch architecture, or null where the format has none
 * @param source the source package, or null where the format has none
 * @param purl package-url; assigned when the inventory is assembled, because OS packages
 *     carry the distro in their purl and the distro is only known after all layers are merged
 * @param locations every place this package was found; the same package at two paths is two locations
 * @param foundBy id of the analyzer that found it
 * @param licenses declared licenses, as written
 * @param properties extra format-specific facts (e.g. "sha1" of a jar, "epoch", "status")
 */
public record Package(
        String type,
        String name,
        String version,
        String arch,
        SourcePackage source,
        String purl,
        List<Location> locations,
        String foundBy,
        List<String> licenses,
        Map<String, String> properties) {

    public Package {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        locations = List.copyOf(locations);
        licenses = licenses == null ? List.of() : List.copyOf(licenses);
        properties = properties == null ? Map.of() : Map.copyOf(properties);
    }

    /** Type, name, version, arch and source: equal for every copy of the same package, wherever found. */
    public PackageIdentity identity() {
        return new PackageIdentity(type, name, version, arch, source);
    }

    public Package withPurl(String newPurl) {
        return new Package(type, name, version, arch, source, newPurl, locations, foundBy, licenses, properties);
    }

    public Package withLocations(List<Location> newLocations) {
        return new Package(type, name, version, arch, source, purl, newLocations, foundBy, licenses, properties);
    }
}
