package io.portcullis.identify;

import io.portcullis.vulndb.Ecosystem;
import io.portcullis.vulndb.MavenChecksumIndex;
import io.portcullis.vulndb.MavenCoordinates;
import io.portcullis.vulndb.VulnDb;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The Maven artifacts a jar may be identified as: those the vulnerability records name, and those in
 * the Maven checksum index (with the SHA-1 of every published jar). Empty without a DB, so a jar without
 * {@code pom.properties} is then left unidentified rather than guessed.
 */
public final class MavenCatalog {

    private final Map<String, Set<String>> dataGroupsByArtifact;
    private final MavenChecksumIndex index;

    private MavenCatalog(Set<String> dataPackageNames, MavenChecksumIndex index) {
        this.dataGroupsByArtifact = new HashMap<>();
        for (String name : dataPackageNames) {
            int colon = name.indexOf(':');
            if (colon > 0) {
                dataGroupsByArtifact.computeIfAbsent(name.substring(colon + 1), a -> new TreeSet<>()).add(name.substring(0, colon));
            }
        }
        this.index = index;
    }

    public static MavenCatalog of(VulnDb db) {
        return new MavenCatalog(db.packageNames(Ecosystem.MAVEN.osvName()), db.mavenIndex().orElse(null));
    }

    public static MavenCatalog empty() {
        return new MavenCatalog(Set.of(), null);
    }

    /** Test and embedding use: explicit record names ({@code group:artifact}) and an optional index. */
    public static MavenCatalog of(Set<String> dataPackageNames, Optional<MavenChecksumIndex> index) {
        return new MavenCatalog(dataPackageNames, index.orElse(null));
    }

    List<MavenCoordinates> bySha1(String sha1) {
        return index == null || sha1 == null ? List.of() : index.find(sha1);
    }

    /** True when the records or the index know {@code group:artifact}. */
    boolean exists(String group, String artifact) {
        return groups(artifact).contains(group);
    }

    /** The groups the records name with this artifact id. */
    Set<String> groupsInData(String artifact) {
        return dataGroupsByArtifact.getOrDefault(artifact, Set.of());
    }

    /** The groups the records or the index know with this artifact id. */
    Set<String> groups(String artifact) {
        Set<String> groups = new TreeSet<>(groupsInData(artifact));
        if (index != null) {
            groups.addAll(index.groupsOf(artifact));
        }
        return groups;
    }
}
