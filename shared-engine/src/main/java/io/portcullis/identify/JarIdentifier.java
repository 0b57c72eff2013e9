package io.portcullis.identify;

import io.portcullis.inventory.Inventory;
import io.portcullis.inventory.Package;
import io.portcullis.inventory.PurlFactory;
import io.portcullis.inventory.IdentificationMethod;
import io.portcullis.inventory.JarEvidence;
import io.portcullis.vulndb.MavenCoordinates;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Gives Maven coordinates to the jars the archive analyzer could not name from {@code pom.properties}
 * (every Gradle-built jar, many old ones), trying in order of confidence:
 * <ol>
 * <li>the archive's SHA-1 in the Maven checksum index (the jar is byte for byte the one Maven Central publishes);</li>
 * <li>the manifest: a group from {@code Implementation-Vendor-Id}, {@code Bundle-SymbolicName} or
 *     {@code Automatic-Module-Name} with an artifact id from {@code Implementation-Title}, the symbolic name or the
 *     file name, taken only when the records or the index know that pair (a dotted symbolic name used as the
 *     artifact id, Eclipse style, may take the one group that publishes it);</li>
 * <li>the file name {@code <artifact>-<version>.jar}, only when exactly one group in the records has that
 *     artifact id; marked as low confidence.</li>
 * </ol>
 * A jar none of these identifies keeps its local name, gets no purl, is not matched, and is named in a warning.
 * Runs after the layers are merged because the per-layer analysis (cached by diffID) must not depend on the DB.
 */
public final class JarIdentifier {

    private static final Pattern NAME_AND_VERSION = Pattern.compile("(.+?)-(\\d[\\w.+\\-]*)\\.[A-Za-z]+");

    private final MavenCatalog catalog;

    public JarIdentifier(MavenCatalog catalog) {
        this.catalog = catalog;
    }

    /**
     * The inventory with jars identified, copies that became the same package merged, and a warning per jar left unidentified.
     * The layer merge lists each package once, so an inventory without such jars is returned as it is, not copied.
     */
    public Inventory identify(Inventory inventory) {
        List<Package> packages = inventory.packages();
        List<String> warnings = new ArrayList<>(inventory.warnings());
        Map<Integer, Package> named = new HashMap<>();
        for (int position = 0; position < packages.size(); position++) {
            Package pkg = packages.get(position);
            if (needsIdentity(pkg)) {
                named.put(position, identify(pkg, warnings));
            }
        }
        if (named.isEmpty()) {
            return inventory;
        }
        return new Inventory(inventory.os(), IdentifiedPackages.of(packages, named), warnings);
    }

    private static boolean needsIdentity(Package pkg) {
        if (!pkg.type().equals("maven")) {
            return false;
        }
        String method = pkg.properties().get(IdentificationMethod.PROPERTY);
        return method != null && !method.equals(IdentificationMethod.POM_PROPERTIES.propertyValue());
    }

    private Package identify(Package pkg, List<String> warnings) {
        Map<String, String> evidence = pkg.properties();
        String fileName = evidence.getOrDefault(JarEvidence.FILE_NAME, "");
        Matcher byName = NAME_AND_VERSION.matcher(fileName);
        String nameArtifact = byName.matches() ? byName.group(1) : null;
        String nameVersion = byName.matches() ? byName.group(2) : null;

        List<MavenCoordinates> published = catalog.bySha1(evidence.get(JarEvidence.SHA1));
        if (!published.isEmpty()) {
            MavenCoordinates chosen = published.stream().filter(c -> c.artifactId().equals(nameArtifact)).findFirst()
                    .orElse(published.get(0));
            return identified(pkg, chosen.packageName(), chosen.version(), IdentificationMethod.SHA1);
        }
        Optional<String> fromManifest = manifestPair(evidence, nameArtifact);
        if (fromManifest.isPresent()) {
            String version = manifestVersion(evidence, nameVersion);
            if (version != null) {
                return identified(pkg, fromManifest.get(), version, IdentificationMethod.MANIFEST);
            }
        }
        if (nameArtifact != null && !manifestNamesAnotherArtifact(evidence, nameArtifact)) {
            Set<String> groups = catalog.groupsInData(nameArtifact);
            if (groups.size() == 1) {
                return identified(pkg, groups.iterator().next() + ":" + nameArtifact, nameVersion, IdentificationMethod.FILE_NAME);
            }
        }
        warnings.add(pkg.locations().get(0).path() + ": jar not identified as a Maven artifact: it has no pom.properties, and"
                + " neither its SHA-1, its manifest nor its file name names an artifact that the vulnerability data or the"
                + " Maven index knows; listed as '" + pkg.name() + "' " + pkg.version() + " without a purl and not matched"
                + " (run 'portcullis db update' to refresh the Maven index)");
        return pkg;
    }

    private Optional<String> manifestPair(Map<String, String> evidence, String nameArtifact) {
        String symbolicName = JarEvidence.withoutDirectives(evidence.get(JarEvidence.manifestProperty("Bundle-SymbolicName")));
        String moduleName = evidence.get(JarEvidence.manifestProperty("Automatic-Module-Name"));
        String vendorId = evidence.get(JarEvidence.manifestProperty("Implementation-Vendor-Id"));
        String title = evidence.get(JarEvidence.manifestProperty("Implementation-Title"));

        Set<String> groups = new LinkedHashSet<>();
        addIfPresent(groups, vendorId);
        groups.addAll(prefixes(symbolicName));
        groups.addAll(prefixes(moduleName));
        Set<String> artifacts = new LinkedHashSet<>();
        if (title != null && !title.contains(" ")) {
            artifacts.add(title);
        }
        addIfPresent(artifacts, nameArtifact);
        addIfPresent(artifacts, symbolicName);
        addIfPresent(artifacts, lastSegment(symbolicName));
        addIfPresent(artifacts, lastSegment(moduleName));
        for (String artifact : artifacts) {
            for (String group : groups) {
                if (catalog.exists(group, artifact)) {
                    return Optional.of(group + ":" + artifact);
                }
            }
        }
        if (symbolicName != null && symbolicName.contains(".")) {
            Set<String> publishers = catalog.groups(symbolicName);
            if (publishers.size() == 1) {
                return Optional.of(publishers.iterator().next() + ":" + symbolicName);
            }
        }
        return Optional.empty();
    }

    /** A renamed jar: its own manifest title (an artifact-id-like word) says it is something else than its file name. */
    private static boolean manifestNamesAnotherArtifact(Map<String, String> evidence, String nameArtifact) {
        String title = evidence.get(JarEvidence.manifestProperty("Implementation-Title"));
        return title != null && !title.contains(" ") && !title.equals(nameArtifact);
    }

    /**
     * Implementation-Version, else Bundle-Version; an OSGi qualifier ({@code 3.18.0.v20230523-2142}) is dropped
     * when the file name carries the version without it, as Maven Central names such bundles.
     */
    private static String manifestVersion(Map<String, String> evidence, String nameVersion) {
        String version = evidence.get(JarEvidence.manifestProperty("Implementation-Version"));
        if (version == null) {
            version = evidence.get(JarEvidence.manifestProperty("Bundle-Version"));
        }
        if (version != null && nameVersion != null && version.startsWith(nameVersion + ".")) {
            return nameVersion;
        }
        return version;
    }

    private static Package identified(Package pkg, String name, String version, IdentificationMethod method) {
        Map<String, String> properties = new HashMap<>(pkg.properties());
        properties.put(IdentificationMethod.PROPERTY, method.propertyValue());
        Package renamed = new Package(pkg.type(), name, version, pkg.arch(), pkg.source(), null, pkg.locations(),
                pkg.foundBy(), pkg.licenses(), properties);
        return renamed.withPurl(PurlFactory.purl(renamed, null));
    }

    /** {@code a.b.c} -> {@code a.b.c}, {@code a.b}, {@code a}: most specific first. */
    private static List<String> prefixes(String dotted) {
        List<String> prefixes = new ArrayList<>();
        if (dotted == null || dotted.isBlank()) {
            return prefixes;
        }
        String current = dotted;
        while (true) {
            prefixes.add(current);
            int dot = current.lastIndexOf('.');
            if (dot <= 0) {
                return prefixes;
            }
            current = current.substring(0, dot);
        }
    }

    private static String lastSegment(String dotted) {
        return dotted == null ? null : dotted.substring(dotted.lastIndexOf('.') + 1);
    }

    private static void addIfPresent(Set<String> values, String value) {
        if (value != null && !value.isBlank()) {
            values.add(value);
        }
    }
}
