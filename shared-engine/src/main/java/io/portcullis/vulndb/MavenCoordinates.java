package io.portcullis.vulndb;

import java.util.Objects;

/** A Maven artifact version as Maven Central addresses it: {@code groupId:artifactId:version}. */
public record MavenCoordinates(String groupId, String artifactId, String version) {

    public MavenCoordinates {
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(artifactId, "artifactId");
        Objects.requireNonNull(version, "version");
    }

    /** {@code groupId:artifactId}, the package name OSV records and the inventory use for Maven. */
    public String packageName() {
        return groupId + ":" + artifactId;
    }

    @Override
    public String toString() {
        return groupId + ":" + artifactId + ":" + version;
    }
}
