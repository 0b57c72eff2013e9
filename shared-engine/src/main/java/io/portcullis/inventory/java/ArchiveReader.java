package io.portcullis.inventory.java;

import io.portcullis.inventory.Location;
import io.portcullis.inventory.Package;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * Walks one top-level archive and everything nested in it, collecting packages. Not thread-safe:
 * one instance per top-level archive, because it counts the bytes inflated so far.
 */
final class ArchiveReader {

    private static final Pattern POM_PROPERTIES = Pattern.compile("META-INF/maven/[^/]+/[^/]+/pom\\.properties");
    private static final Pattern NAME_AND_VERSION = Pattern.compile("(.+?)-(\\d[\\w.+\\-]*)");
    private static final long RATIO_CHECK_FLOOR = 1L << 20;

    private final String analyzerId;
    private final ArchiveLimits limits;
    private final List<Package> packages;
    private final List<String> warnings;
    private long inflatedTotal;

    ArchiveReader(String analyzerId, ArchiveLimits limits, List<Package> packages, List<String> warnings) {
        this.analyzerId = analyzerId;
        this.limits = limits;
        this.packages = packages;
        this.warnings = warnings;
    }

    /** Reads the archive at {@code path}; problems become warnings, except I/O failures of the outer stream. */
    void read(String path, InputStream content, int depth) throws IOException {
        MessageDigest sha1 = newSha1();
        RawByteCounter raw = new RawByteCounter(content);
        DigestInputStream digesting = new DigestInputStream(raw, sha1);
        List<Properties> poms = new ArrayList<>();
        Manifest manifest = null;
        try {
            ZipInputStream zip = new ZipInputStream(digesting);
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                if (entry.isDirectory()) {
                    continue;
                }
                String name = entry.getName();
                InputStream entryContent = new CountingEntryStream(zip, raw, path + "!/" + name);
                if (POM_PROPERTIES.matcher(name).matches()) {
                    Properties pom = new Properties();
                    pom.load(entryContent);
                    poms.add(pom);
                } else if (name.equalsIgnoreCase("META-INF/MANIFEST.MF")) {
                    manifest = new Manifest(entryContent);
                } else if (JavaArchiveAnalyzer.isArchiveName(name)) {
                    readNested(path + "!/" + name, entryContent, depth + 1);
                } else {
                    // Skipping inflates the entry anyway; doing it through the counter is what bounds a bomb.
                    entryContent.transferTo(OutputStream.nullOutputStream());
                }
            }
            digesting.transferTo(OutputStream.nullOutputStream());
        } catch (ZipException | java.io.EOFException e) {
            warnings.add(path + ": corrupt archive: " + e.getMessage());
            return;
        }
        identify(path, poms, manifest, HexFormat.of().formatHex(sha1.digest()));
    }

    private void readNested(String path, InputStream content, int depth) throws IOException {
        if (depth > limits.maxDepth()) {
            warnings.add(path + ": archive nested deeper than " + limits.maxDepth() + " levels, not read");
            return;
        }
        read(path, content, depth);
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
                packages.add(pkg(group.trim() + ":" + artifact.trim(), version.trim(), path, withDigest ? sha1 : null, "pom.properties"));
            }
            return;
        }
        Package fromManifest = manifest == null ? null : fromManifest(manifest, path, sha1);
        if (fromManifest != null) {
            packages.add(fromManifest);
            return;
        }
        Matcher m = NAME_AND_VERSION.matcher(stem);
        if (m.matches()) {
            packages.add(pkg(m.group(1), m.group(2), path, sha1, "file name"));
        } else {
            warnings.add(path + ": no pom.properties, manifest version or versioned file name; archive not identified");
        }
    }

    private Package fromManifest(Manifest manifest, String path, String sha1) {
        var attributes = manifest.getMainAttributes();
        String title = attributes.getValue("Implementation-Title");
        String version = attributes.getValue("Implementation-Version");
        String vendorId = attributes.getValue("Implementation-Vendor-Id");
        if (blank(title) || blank(version)) {
            title = stripDirectives(attributes.getValue("Bundle-SymbolicName"));
            version = attributes.getValue("Bundle-Version");
            vendorId = null;
        }
        if (blank(title) || blank(version)) {
            return null;
        }
        String name = blank(vendorId) ? title.trim() : vendorId.trim() + ":" + title.trim();
        return pkg(name, version.trim(), path, sha1, "MANIFEST.MF");
    }

    private static String stripDirectives(String symbolicName) {
        return symbolicName == null ? null : symbolicName.split(";", 2)[0];
    }

    private Package pkg(String name, String version, String path, String sha1, String identifiedBy) {
        Map<String, String> properties = sha1 == null
                ? Map.of("identifiedBy", identifiedBy)
                : Map.of("identifiedBy", identifiedBy, "sha1", sha1);
        return new Package("maven", name, version, null, null, null,
                List.of(new Location(null, path)), analyzerId, List.of(), properties);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static MessageDigest newSha1() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-1", e);
        }
    }

    /** Counts inflated bytes of one entry against the limits; never closes the zip stream beneath. */
    private final class CountingEntryStream extends FilterInputStream {
        private final RawByteCounter raw;
        private final long rawAtStart;
        private final String path;
        private long inflated;

        CountingEntryStream(InputStream zip, RawByteCounter raw, String path) {
            super(zip);
            this.raw = raw;
            this.rawAtStart = raw.count();
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
            // Streamed entries rarely declare their compressed size up front, so measure what the inflater consumed.
            long compressed = raw.count() - rawAtStart;
            if (compressed > 0 && inflated > RATIO_CHECK_FLOOR && inflated / compressed > limits.maxRatio()) {
                throw new ArchiveBombException(path + ": compression ratio above " + limits.maxRatio() + ":1");
            }
        }

        @Override
        public void close() {
            // The zip stream beneath belongs to the enclosing archive.
        }
    }
}
