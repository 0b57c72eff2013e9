package io.portcullis.inventory.java;

import io.portcullis.TempDirectory;
import io.portcullis.inventory.JarEvidence;
import io.portcullis.inventory.IdentificationMethod;
import io.portcullis.inventory.Location;
import io.portcullis.inventory.Package;
import io.portcullis.inventory.analyzer.NestedArchiveBudget;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Walks one top-level archive and everything nested in it, collecting packages. Not thread-safe:
 * one instance per top-level archive, because it counts the bytes inflated so far.
 *
 * <p>Archives are opened through their central directory, so only the entries that identify a
 * package ({@code pom.properties}, {@code MANIFEST.MF}) and nested archives are inflated; the class
 * files that make up most of a jar are never decompressed. Each archive is first spooled (and its
 * SHA-1 taken on the way): in memory when small, to a temporary file otherwise.
 */
final class ArchiveReader {

    private static final Pattern POM_PROPERTIES = Pattern.compile("META-INF/maven/[^/]+/[^/]+/pom\\.properties");
    private static final Pattern NAME_AND_VERSION = Pattern.compile("(.+?)-(\\d[\\w.+\\-]*)");
    private static final long RATIO_CHECK_FLOOR = 1L << 20;
    private static final int IN_MEMORY_ARCHIVE_BYTES = 16 << 20;

    private final String analyzerId;
    private final ArchiveLimits limits;
    private final NestedArchiveBudget layerBudget;
    private final List<Package> packages;
    private final List<String> warnings;
    private final TempDirectory tempDirectory;
    private long inflatedTotal;
    private int nestedArchives;

    ArchiveReader(String analyzerId, ArchiveLimits limits, NestedArchiveBudget layerBudget, List<Package> packages,
                  List<String> warnings, TempDirectory tempDirectory) {
        this.analyzerId = analyzerId;
        this.limits = limits;
        this.layerBudget = layerBudget;
        this.packages = packages;
        this.warnings = warnings;
        this.tempDirectory = tempDirectory;
    }

    /**
     * Reads the archive at {@code path} of {@code size} bytes (-1 when unknown); problems become warnings,
     * except I/O failures of the outer stream.
     */
    void read(String path, InputStream content, long size, int depth) throws IOException {
        try (SpooledArchive spooled = SpooledArchive.of(content, size, IN_MEMORY_ARCHIVE_BYTES, tempDirectory)) {
            List<Properties> poms = new ArrayList<>();
            Manifest manifest = null;
            try (ZipFile zip = spooled.open()) {
                for (ZipArchiveEntry entry : Collections.list(zip.getEntries())) {
                    String name = entry.getName();
                    if (entry.isDirectory()) {
                        continue;
                    }
                    if (POM_PROPERTIES.matcher(name).matches()) {
                        Properties pom = new Properties();
                        try (InputStream in = counted(zip, entry, path)) {
                            pom.load(in);
                        }
                        poms.add(pom);
                    } else if (name.equalsIgnoreCase("META-INF/MANIFEST.MF")) {
                        try (InputStream in = counted(zip, entry, path)) {
                            manifest = new Manifest(in);
                        }
                    } else if (JavaArchiveAnalyzer.isArchiveName(name)) {
                        readNested(path, zip, entry, depth + 1);
                    }
                }
            } catch (ArchiveBombException e) {
                throw e;
            } catch (IOException e) {
                // The archive is already spooled, so any failure from here on is its content, not the layer's stream.
                warnings.add(path + ": corrupt archive: " + e.getMessage());
                return;
            }
            identify(path, poms, manifest, spooled.sha1());
        }
    }

    private void readNested(String parentPath, ZipFile zip, ZipArchiveEntry entry, int depth) throws IOException {
        String path = parentPath + "!/" + entry.getName();
        if (depth > limits.maxDepth()) {
            warnings.add(path + ": archive nested deeper than " + limits.maxDepth() + " levels, not read");
            return;
        }
        if (++nestedArchives > layerBudget.perFile()) {
            throw new ArchiveBombException(path + ": more than " + layerBudget.perFile() + " nested archives in one archive");
        }
        if (!layerBudget.tryOpen()) {
            if (layerBudget.firstRefusal()) {
                warnings.add(layerBudget.layer() + ": " + path + ": more than " + layerBudget.perLayer()
                        + " nested archives in this layer; no further nested archive in the layer is read");
            }
            return;
        }
        try (InputStream in = counted(zip, entry, parentPath)) {
            read(path, in, entry.getSize(), depth);
        }
    }

    private InputStream counted(ZipFile zip, ZipArchiveEntry entry, String archivePath) throws IOException {
        String path = archivePath + "!/" + entry.getName();
        long compressed = entry.getCompressedSize();
        long declared = entry.getSize();
        if (compressed > 0 && declared > RATIO_CHECK_FLOOR && declared / compressed > limits.maxRatio()) {
            throw new ArchiveBombException(path + ": compression ratio above " + limits.maxRatio() + ":1");
        }
        return new CountingEntryStream(zip.getInputStream(entry), compressed, path);
    }

    private void identify(String path, List<Properties> poms, Manifest manifest, String sha1) {
        String fileName = path.substring(path.lastIndexOf('/') + 1);
        String stem = fileName.substring(0, fileName.lastIndexOf('.'));
        if (!poms.isEmpty()) {
            boolean digestAssigned = false;
            for (Properties pom : poms) {
                String group = pom.getProperty("groupId");
                String artifact = pom.getProperty("artifactId");
                String version = pom.getProperty("version");
                if (blank(group) || blank(artifact) || blank(version)) {
                    warnings.add(path + ": pom.properties without groupId, artifactId or version");
                    continue;
                }
                // The archive's digest belongs to the artifact the file is named after, not to what was shaded into it.
                boolean ownArtifact = poms.size() == 1 || stem.equals(artifact.trim()) || stem.startsWith(artifact.trim() + "-");
                boolean withDigest = ownArtifact && !digestAssigned;
                digestAssigned |= withDigest;
                packages.add(pkg(group.trim() + ":" + artifact.trim(), version.trim(), path, withDigest ? sha1 : null,
                        IdentificationMethod.POM_PROPERTIES, Map.of()));
            }
            return;
        }
        // Without pom.properties the name is a local guess; JarIdentifier settles it against the data and the index.
        Map<String, String> evidence = new HashMap<>();
        evidence.put(JarEvidence.FILE_NAME, fileName);
        if (manifest != null) {
            JarEvidence.MANIFEST_HEADERS.forEach(header -> {
                String value = manifest.getMainAttributes().getValue(header);
                if (!blank(value)) {
                    evidence.put(JarEvidence.manifestProperty(header), value.trim());
                }
            });
        }
        Package fromManifest = manifest == null ? null : fromManifest(manifest, path, sha1, evidence);
        if (fromManifest != null) {
            packages.add(fromManifest);
            return;
        }
        Matcher m = NAME_AND_VERSION.matcher(stem);
        if (m.matches()) {
            packages.add(pkg(m.group(1), m.group(2), path, sha1, IdentificationMethod.FILE_NAME, evidence));
        } else {
            warnings.add(path + ": jar not identified: no pom.properties, no version in its manifest or file name");
        }
    }

    private Package fromManifest(Manifest manifest, String path, String sha1, Map<String, String> evidence) {
        var attributes = manifest.getMainAttributes();
        String title = attributes.getValue("Implementation-Title");
        String version = attributes.getValue("Implementation-Version");
        if (blank(title) || blank(version)) {
            title = JarEvidence.withoutDirectives(attributes.getValue("Bundle-SymbolicName"));
            version = attributes.getValue("Bundle-Version");
        }
        if (blank(title) || blank(version)) {
            return null;
        }
        return pkg(title.trim(), version.trim(), path, sha1, IdentificationMethod.MANIFEST, evidence);
    }

    private Package pkg(String name, String version, String path, String sha1, IdentificationMethod method,
                        Map<String, String> evidence) {
        Map<String, String> properties = new HashMap<>(evidence);
        properties.put(IdentificationMethod.PROPERTY, method.propertyValue());
        if (sha1 != null) {
            properties.put(JarEvidence.SHA1, sha1);
        }
        return new Package("maven", name, version, null, null, null,
                List.of(new Location(null, path)), analyzerId, List.of(), properties);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /** Counts inflated bytes of one entry against the limits, whatever its header declared. */
    private final class CountingEntryStream extends FilterInputStream {
        private final long compressed;
        private final String path;
        private long inflated;

        CountingEntryStream(InputStream entry, long compressed, String path) {
            super(entry);
            this.compressed = compressed;
            this.path = path;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws ArchiveBombException {
            inflated += n;
            inflatedTotal += n;
            if (inflated > limits.maxEntryBytes()) {
                throw new ArchiveBombException(path + ": entry inflates past " + limits.maxEntryBytes() + " bytes");
            }
            if (inflatedTotal > limits.maxTotalBytes()) {
                throw new ArchiveBombException(path + ": archive inflates past " + limits.maxTotalBytes() + " bytes in total");
            }
            // A header may understate the size; the ratio is checked again against what really came out.
            if (compressed > 0 && inflated > RATIO_CHECK_FLOOR && inflated / compressed > limits.maxRatio()) {
                throw new ArchiveBombException(path + ": compression ratio above " + limits.maxRatio() + ":1");
            }
        }
    }
}
