package io.portcullis.inventory.java;

import io.portcullis.inventory.analyzer.FileAnalysis;
import io.portcullis.inventory.Package;
import io.portcullis.testing.InMemoryFile;
import io.portcullis.testing.MavenCentral;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.Attributes;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import static io.portcullis.testing.InMemoryFile.analyze;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JavaArchiveAnalyzerTest {

    private static Path log4jCore;
    private static Path jacksonDatabind;
    private static Path htrace;

    @BeforeAll
    static void fetchRealJars() throws Exception {
        log4jCore = MavenCentral.jar("org.apache.logging.log4j", "log4j-core", "2.14.1");
        jacksonDatabind = MavenCentral.jar("com.fasterxml.jackson.core", "jackson-databind", "2.9.10");
        htrace = MavenCentral.jar("org.apache.htrace", "htrace-core4", "4.1.0-incubating");
    }

    private final JavaArchiveAnalyzer analyzer = new JavaArchiveAnalyzer();

    @Test
    void declaresArchivePathsOnly() {
        assertTrue(analyzer.accepts("opt/app/app.jar", 10));
        assertTrue(analyzer.accepts("usr/share/jenkins/plugins/git.HPI", 10));
        assertTrue(analyzer.accepts("srv/ROOT.war", 10));
        assertFalse(analyzer.accepts("opt/app/app.jar.sha1", 10));
        assertFalse(analyzer.accepts("opt/app/jarfile", 10));
    }

    @Test
    void identifiesARealJarFromItsPomPropertiesWithCentralsSha1() throws Exception {
        FileAnalysis analysis = analyze(analyzer, "app/lib/log4j-core-2.14.1.jar", Files.readAllBytes(log4jCore));

        Properties pom = pomProperties(log4jCore, "META-INF/maven/org.apache.logging.log4j/log4j-core/pom.properties");
        Package pkg = single(analysis, "org.apache.logging.log4j:log4j-core");
        assertEquals(pom.getProperty("version"), pkg.version());
        assertEquals(MavenCentral.publishedSha1("org.apache.logging.log4j", "log4j-core", "2.14.1"), pkg.properties().get("sha1"));
        assertEquals("app/lib/log4j-core-2.14.1.jar", pkg.locations().get(0).path());
        assertTrue(analysis.warnings().isEmpty(), analysis.warnings().toString());
    }

    @Test
    void findsEveryShadedDependencyOfARealShadedJar() throws Exception {
        FileAnalysis analysis = analyze(analyzer, "opt/htrace-core4-4.1.0-incubating.jar", Files.readAllBytes(htrace));

        Set<String> expected = new TreeSet<>();
        try (ZipFile zip = new ZipFile(htrace.toFile())) {
            zip.stream().filter(e -> e.getName().endsWith("/pom.properties")).forEach(e -> {
                try (InputStream in = zip.getInputStream(e)) {
                    Properties p = new Properties();
                    p.load(in);
                    expected.add(p.getProperty("groupId") + ":" + p.getProperty("artifactId") + "@" + p.getProperty("version"));
                } catch (IOException ex) {
                    throw new IllegalStateException(ex);
                }
            });
        }
        assertTrue(expected.size() > 1, "the fixture must really be shaded: " + expected);
        assertEquals(expected, coordinates(analysis));
        // Only the artifact the file is named after carries the file's digest.
        assertEquals(MavenCentral.sha1(htrace), single(analysis, "org.apache.htrace:htrace-core4").properties().get("sha1"));
        assertFalse(single(analysis, "com.fasterxml.jackson.core:jackson-databind").properties().containsKey("sha1"));
    }

    @Test
    void readsJarsNestedInASpringBootFatJarAndAWar() throws Exception {
        byte[] fatJar = zip(Map.of(
                "META-INF/MANIFEST.MF", manifest("Implementation-Title", "demo", "Implementation-Version", "1.0.0"),
                "BOOT-INF/lib/log4j-core-2.14.1.jar", Files.readAllBytes(log4jCore),
                "BOOT-INF/lib/jackson-databind-2.9.10.jar", Files.readAllBytes(jacksonDatabind)), true);
        byte[] war = zip(Map.of("WEB-INF/lib/demo.jar", fatJar), false);

        FileAnalysis analysis = analyze(analyzer, "srv/shop.war", war);

        Package log4j = single(analysis, "org.apache.logging.log4j:log4j-core");
        assertEquals("srv/shop.war!/WEB-INF/lib/demo.jar!/BOOT-INF/lib/log4j-core-2.14.1.jar", log4j.locations().get(0).path());
        assertEquals(MavenCentral.publishedSha1("org.apache.logging.log4j", "log4j-core", "2.14.1"), log4j.properties().get("sha1"));
        Package jackson = single(analysis, "com.fasterxml.jackson.core:jackson-databind");
        assertEquals("2.9.10", jackson.version());
        Package demo = single(analysis, "demo");
        assertEquals("1.0.0", demo.version());
        assertEquals("MANIFEST.MF", demo.properties().get("identifiedBy"));
    }

    @Test
    void fallsBackToBundleHeadersThenToTheFileName() throws Exception {
        byte[] osgi = zip(Map.of("META-INF/MANIFEST.MF",
                manifest("Bundle-SymbolicName", "org.example.bundle;singleton:=true", "Bundle-Version", "3.2.1")), false);
        assertEquals("3.2.1", single(analyze(analyzer, "plugins/whatever.jar", osgi), "org.example.bundle").version());

        byte[] bare = zip(Map.of("readme.txt", "hello".getBytes(StandardCharsets.UTF_8)), false);
        Package fromName = single(analyze(analyzer, "lib/commons-io-2.11.0.jar", bare), "commons-io");
        assertEquals("2.11.0", fromName.version());
        assertEquals("file name", fromName.properties().get("identifiedBy"));
    }

    @Test
    void aCorruptNestedArchiveIsAWarningAndTheRestIsStillRead() throws Exception {
        byte[] log4j = Files.readAllBytes(log4jCore);
        byte[] truncated = java.util.Arrays.copyOf(log4j, log4j.length / 3);
        byte[] outer = zip(Map.of(
                "lib/broken-1.0.jar", truncated,
                "lib/jackson-databind-2.9.10.jar", Files.readAllBytes(jacksonDatabind)), false);

        FileAnalysis analysis = analyze(analyzer, "app.jar", outer);

        assertEquals("2.9.10", single(analysis, "com.fasterxml.jackson.core:jackson-databind").version());
        assertTrue(analysis.warnings().stream().anyMatch(w -> w.startsWith("app.jar!/lib/broken-1.0.jar: corrupt archive")),
                analysis.warnings().toString());
    }

    @Test
    void notAZipIsAWarningNotAnException() throws Exception {
        FileAnalysis analysis = analyze(analyzer, "x/notreally.jar", "plain text, not a zip".getBytes(StandardCharsets.UTF_8));
        assertTrue(analysis.packages().isEmpty());
        assertEquals(1, analysis.warnings().size(), analysis.warnings().toString());
        assertTrue(analysis.warnings().get(0).startsWith("x/notreally.jar:"));
    }

    @Test
    void stopsAtAZipBombByRatio() throws Exception {
        byte[] zeros = new byte[64 << 20];
        byte[] bomb = zip(Map.of("lib/zeros.jar", zeros, "META-INF/maven/a/b/pom.properties",
                "groupId=a\nartifactId=b\nversion=1\n".getBytes(StandardCharsets.UTF_8)), false);
        assertTrue(bomb.length < (1 << 20), "deflated zeros are tiny: " + bomb.length);

        FileAnalysis analysis = analyze(analyzer, "bomb.jar", bomb);

        assertTrue(analysis.warnings().stream().anyMatch(w -> w.contains("bomb.jar!/lib/zeros.jar: compression ratio above 200:1")),
                analysis.warnings().toString());
    }

    /** Only identifying entries and nested archives are inflated, so a huge class file costs nothing. */
    @Test
    void leavesEntriesThatIdentifyNothingCompressed() throws Exception {
        byte[] zeros = new byte[64 << 20];
        byte[] jar = zip(Map.of("com/example/Huge.class", zeros, "META-INF/maven/a/b/pom.properties",
                "groupId=a\nartifactId=b\nversion=1\n".getBytes(StandardCharsets.UTF_8)), false);
        JavaArchiveAnalyzer strict = new JavaArchiveAnalyzer(new ArchiveLimits(8, 1 << 20, 1 << 20, 200));

        FileAnalysis analysis = InMemoryFile.analyze(strict, "b-1.jar", jar);

        assertEquals(List.of(), analysis.warnings());
        assertEquals("1", single(analysis, "a:b").version());
    }

    @Test
    void stopsAtNestingDeeperThanTheLimit() throws Exception {
        byte[] inner = zip(Map.of("META-INF/maven/g/deep/pom.properties",
                "groupId=g\nartifactId=deep\nversion=9\n".getBytes(StandardCharsets.UTF_8)), false);
        for (int i = 0; i < 3; i++) {
            inner = zip(Map.of("n" + i + ".jar", inner), false);
        }
        JavaArchiveAnalyzer shallow = new JavaArchiveAnalyzer(new ArchiveLimits(2, 1 << 20, 1 << 24, 200));

        FileAnalysis analysis = InMemoryFile.analyze(shallow, "top.jar", inner);

        assertTrue(analysis.packages().stream().noneMatch(p -> p.name().equals("g:deep")));
        assertTrue(analysis.warnings().stream().anyMatch(w -> w.contains("nested deeper than 2 levels")), analysis.warnings().toString());
    }

    /** 25 jars of 25 jars of 25 jars: 16,275 nested archives, past the default cap of 10,000. */
    @Test
    void stopsAtTheNumberOfNestedArchivesInOneFile() throws Exception {
        byte[] leaf = zip(Map.of("META-INF/maven/g/leaf/pom.properties",
                "groupId=g\nartifactId=leaf\nversion=1\n".getBytes(StandardCharsets.UTF_8)), false);
        byte[] level = leaf;
        for (int depth = 0; depth < 3; depth++) {
            Map<String, byte[]> entries = new java.util.TreeMap<>();
            for (int i = 0; i < 25; i++) {
                entries.put("lib/n" + depth + "-" + i + ".jar", level);
            }
            level = zip(entries, false);
        }

        FileAnalysis analysis = InMemoryFile.analyze(new JavaArchiveAnalyzer(ArchiveLimits.DEFAULT), "fan-out.jar", level);

        assertEquals(1, analysis.warnings().size(), analysis.warnings().toString());
        String warning = analysis.warnings().get(0);
        assertTrue(warning.startsWith("fan-out.jar!/lib/n2-"), warning);
        assertTrue(warning.endsWith(": more than 10000 nested archives in one archive; rest of the archive not read"), warning);
    }

    private static Package single(FileAnalysis analysis, String name) {
        var matches = analysis.packages().stream().filter(p -> p.name().equals(name)).toList();
        assertEquals(1, matches.size(), "expected one " + name + " in " + analysis.packages());
        return matches.get(0);
    }

    private static Set<String> coordinates(FileAnalysis analysis) {
        return analysis.packages().stream().map(p -> p.name() + "@" + p.version()).collect(Collectors.toCollection(TreeSet::new));
    }

    private static Properties pomProperties(Path jar, String entry) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile()); InputStream in = zip.getInputStream(zip.getEntry(entry))) {
            Properties p = new Properties();
            p.load(in);
            return p;
        }
    }

    private static byte[] manifest(String... keyValues) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        for (int i = 0; i < keyValues.length; i += 2) {
            manifest.getMainAttributes().putValue(keyValues[i], keyValues[i + 1]);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        manifest.write(out);
        return out.toByteArray();
    }

    /** Spring Boot stores nested jars uncompressed; {@code stored} reproduces that layout. */
    private static byte[] zip(Map<String, byte[]> entries, boolean stored) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (var e : new java.util.TreeMap<>(entries).entrySet()) {
                ZipEntry entry = new ZipEntry(e.getKey());
                if (stored && e.getKey().endsWith(".jar")) {
                    CRC32 crc = new CRC32();
                    crc.update(e.getValue());
                    entry.setMethod(ZipEntry.STORED);
                    entry.setSize(e.getValue().length);
                    entry.setCompressedSize(e.getValue().length);
                    entry.setCrc(crc.getValue());
                }
                zip.putNextEntry(entry);
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }
}
