package io.portcullis.layer;

import io.portcullis.testing.JvmTempDirectory;
import io.portcullis.InputException;
import io.portcullis.inventory.analyzer.AnalyzedFile;
import io.portcullis.inventory.analyzer.Analyzer;
import io.portcullis.inventory.analyzer.FileAnalysis;
import io.portcullis.image.Layer;
import io.portcullis.inventory.OperatingSystem;
import io.portcullis.layer.TestLayerTar.Compression;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.zip.ZipException;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LayerWalkerTest {

    private static final String WHERE = "image test:1, layer sha256:abc";
    private static final String OS_RELEASE = "NAME=\"Alpine Linux\"\nID=alpine\nVERSION_ID=3.11.5\nPRETTY_NAME=\"Alpine Linux v3.11\"\n";

    private static LayerAnalysis walk(byte[] blob, Analyzer... analyzers) {
        return walk(blob, LayerLimits.DEFAULT, analyzers);
    }

    private static LayerAnalysis walk(byte[] blob, LayerLimits limits, Analyzer... analyzers) {
        return new LayerWalker(List.of(analyzers), limits, JvmTempDirectory.get()).walk(new ByteArrayInputStream(blob), WHERE, null);
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @ParameterizedTest
    @EnumSource(Compression.class)
    void readsEveryCompressionAndHandsAnalyzersExactlyTheFileBytes(Compression compression) throws Exception {
        byte[] big = new byte[300_000];
        new Random(42).nextBytes(big);
        byte[] blob = new TestLayerTar()
                .dir("./etc")
                .file("./etc/os-release", OS_RELEASE)
                .file("./usr/share/big.bin", big)
                .file("./usr/share/ignored.txt", "nobody asked for this")
                .build(compression);
        RecordingTestAnalyzer recorder = new RecordingTestAnalyzer("rec", (path, size) -> path.startsWith("usr/share/big"));

        LayerAnalysis analysis = walk(blob, new OsReleaseTestAnalyzer(), recorder);

        assertEquals(Set.of("etc/os-release", "usr/share/big.bin"), analysis.files().keySet());
        assertEquals(new OperatingSystem("alpine", "3.11.5", null, "Alpine Linux v3.11"),
                analysis.files().get("etc/os-release").get("test-os-release").os());
        assertEquals(Map.of("usr/share/big.bin", sha256(big)), recorder.sha256ByPath());
        assertEquals(FileAnalysis.EMPTY, analysis.files().get("usr/share/big.bin").get("rec"));
    }

    @Test
    void recordsWhiteoutsOpaqueDirectoriesAndLinksWithoutOfferingThem() {
        byte[] blob = new TestLayerTar()
                .file("var/lib/.wh.old.pkgs", "")
                .file("opt/app/.wh..wh..opq", "")
                .file(".wh.tmp", "")
                .symlink("etc/os-release", "../usr/lib/os-release")
                .symlink("bin/sh", "/bin/busybox")
                .file("bin/busybox", "ELF")
                .hardlink("bin/ls", "./bin/busybox")
                .build(Compression.PLAIN);
        RecordingTestAnalyzer everything = new RecordingTestAnalyzer("all", (path, size) -> true);

        LayerAnalysis analysis = walk(blob, everything);

        assertEquals(Set.of("var/lib/old.pkgs", "tmp"), analysis.whiteouts());
        assertEquals(Set.of("opt/app"), analysis.opaqueDirs());
        assertEquals(Map.of("etc/os-release", "../usr/lib/os-release", "bin/sh", "/bin/busybox", "bin/ls", "bin/busybox"), analysis.links());
        assertEquals(Set.of("bin/busybox"), everything.sha256ByPath().keySet());
    }

    @Test
    void dottedNamesAreRootRelative() {
        byte[] blob = new TestLayerTar()
                .file("./x/./y//z.pkgs", "b")
                .file("x/q/../r.pkgs", "c")
                .build(Compression.PLAIN);
        RecordingTestAnalyzer everything = new RecordingTestAnalyzer("all", (path, size) -> true);

        assertEquals(Set.of("x/y/z.pkgs", "x/r.pkgs"), walk(blob, everything).files().keySet());
    }

    @Test
    void absoluteEntriesAreRootRelativeAsDockerUnpacksThem() {
        byte[] blob = new TestLayerTar().file("/etc/os-release", OS_RELEASE).file("//usr/./share/x.pkgs", "x").build(Compression.GZIP);
        RecordingTestAnalyzer everything = new RecordingTestAnalyzer("all", (path, size) -> true);

        assertEquals(Set.of("etc/os-release", "usr/share/x.pkgs"), walk(blob, everything).files().keySet());
    }

    @Test
    void rejectsEntryClimbingAboveTheRoot() {
        byte[] blob = new TestLayerTar().file("etc/ok", "").file("../etc/passwd", "root:x:0:0").build(Compression.GZIP);
        InputException e = assertThrows(InputException.class, () -> walk(blob));
        assertEquals(WHERE + ": entry '../etc/passwd' climbs above the layer root", e.getMessage());
    }

    @Test
    void rejectsAbsoluteEntryClimbingAboveTheRoot() {
        byte[] blob = new TestLayerTar().file("/usr/../../etc/passwd", "root").build(Compression.PLAIN);
        InputException e = assertThrows(InputException.class, () -> walk(blob));
        assertEquals(WHERE + ": entry '/usr/../../etc/passwd' climbs above the layer root", e.getMessage());
    }

    @Test
    void rejectsRelativeSymlinkClimbingAboveTheRoot() {
        byte[] blob = new TestLayerTar().symlink("usr/a", "../../../x").build(Compression.PLAIN);
        InputException e = assertThrows(InputException.class, () -> walk(blob));
        assertEquals(WHERE + ": symbolic link 'usr/a' -> '../../../x' points above the layer root", e.getMessage());
    }

    @Test
    void acceptsSymlinksThatStayInsideAndAbsoluteOnes() {
        byte[] blob = new TestLayerTar()
                .symlink("usr/lib/a", "../../x")
                .symlink("b", "/../../etc/shadow")
                .build(Compression.PLAIN);
        assertEquals(Map.of("usr/lib/a", "../../x", "b", "/../../etc/shadow"), walk(blob).links());
    }

    @Test
    void rejectsHardLinkOutsideTheRoot() {
        byte[] blob = new TestLayerTar().hardlink("a", "../x").build(Compression.ZSTD);
        InputException e = assertThrows(InputException.class, () -> walk(blob));
        assertEquals(WHERE + ": hard link 'a' -> '../x' points outside the layer root", e.getMessage());
    }

    @Test
    void rejectsWhiteoutOfDotDot() {
        byte[] blob = new TestLayerTar().file("etc/.wh...", "").build(Compression.PLAIN);
        InputException e = assertThrows(InputException.class, () -> walk(blob));
        assertEquals(WHERE + ": whiteout entry 'etc/.wh...' names no file", e.getMessage());
    }

    @Test
    void rejectsTruncatedGzip() {
        byte[] blob = new TestLayerTar().file("etc/os-release", OS_RELEASE).file("data", new byte[50_000]).build(Compression.GZIP);
        byte[] truncated = Arrays.copyOf(blob, blob.length - 12);
        InputException e = assertThrows(InputException.class, () -> walk(truncated, new OsReleaseTestAnalyzer()));
        assertTrue(e.getMessage().startsWith(WHERE + ": corrupt or truncated layer: "), e.getMessage());
        assertTrue(e.getMessage().contains("Unexpected end of ZLIB input stream"), e.getMessage());
    }

    @Test
    void rejectsTruncatedZstdWhileAnAnalyzerReads() {
        byte[] random = new byte[200_000];
        new Random(7).nextBytes(random);
        byte[] blob = new TestLayerTar().file("big.pkgs", random).build(Compression.ZSTD);
        byte[] truncated = Arrays.copyOf(blob, blob.length / 2);
        InputException e = assertThrows(InputException.class, () -> walk(truncated, new RecordingTestAnalyzer("rec", (p, s) -> true)));
        assertTrue(e.getMessage().startsWith(WHERE + ": corrupt or truncated layer: "), e.getMessage());
    }

    @Test
    void rejectsTruncatedPlainTarInsideAFile() {
        byte[] blob = new TestLayerTar().file("big.bin", new byte[100_000]).build(Compression.PLAIN);
        byte[] truncated = Arrays.copyOf(blob, 50_000);
        InputException e = assertThrows(InputException.class, () -> walk(truncated));
        assertTrue(e.getMessage().startsWith(WHERE + ": corrupt or truncated layer: "), e.getMessage());
    }

    @Test
    void rejectsTextThatIsNotATar() {
        byte[] text = "this is not a layer\n".repeat(100).getBytes(StandardCharsets.UTF_8);
        InputException e = assertThrows(InputException.class, () -> walk(text));
        assertEquals(WHERE + ": not a tar archive (nor a gzip or zstd compressed one)", e.getMessage());
    }

    @Test
    void rejectsGzipOfSomethingElse() throws IOException {
        byte[] gzippedText = TestLayerTar.compress("hello".getBytes(StandardCharsets.UTF_8), Compression.GZIP);
        InputException e = assertThrows(InputException.class, () -> walk(gzippedText));
        assertEquals(WHERE + ": not a tar archive (nor a gzip or zstd compressed one)", e.getMessage());
    }

    @Test
    void readsAnEmptyLayer() {
        assertEquals(LayerAnalysis.EMPTY, walk(new TestLayerTar().build(Compression.GZIP), new OsReleaseTestAnalyzer()));
    }

    @Test
    void stopsADecompressionBombEvenInFilesNobodyReads() {
        byte[] bomb = new TestLayerTar().zeros("zeros", 8L << 20).build(Compression.GZIP);
        assertTrue(bomb.length < 100_000, "the test bomb is small: " + bomb.length);
        LayerLimits limits = LayerLimits.DEFAULT.withMaxLayerBytes(1 << 20);
        InputException e = assertThrows(InputException.class, () -> walk(bomb, limits));
        assertEquals(WHERE + ": more than 1048576 bytes after decompression, over the per-layer limit (a decompression bomb?)", e.getMessage());
    }

    @Test
    void stopsADecompressionBombAnAnalyzerIsReadingEvenIfItSwallowsTheError() {
        byte[] bomb = new TestLayerTar().zeros("zeros.pkgs", 8L << 20).build(Compression.ZSTD);
        Analyzer swallowing = new Analyzer() {
            @Override public String id() { return "swallow"; }
            @Override public int version() { return 1; }
            @Override public boolean accepts(String path, long size) { return true; }
            @Override public FileAnalysis analyze(AnalyzedFile file) {
                try {
                    file.content().readAllBytes();
                } catch (IOException ignored) {
                    // a sloppy analyzer
                }
                return FileAnalysis.EMPTY;
            }
        };
        LayerLimits limits = LayerLimits.DEFAULT.withMaxLayerBytes(1 << 20);
        InputException e = assertThrows(InputException.class, () -> walk(bomb, limits, swallowing));
        assertTrue(e.getMessage().startsWith(WHERE + ": more than 1048576 bytes after decompression"), e.getMessage());
    }

    @Test
    void rejectsAnAnalysedFileOverThePerFileLimit() {
        byte[] blob = new TestLayerTar().file("small.pkgs", "deb a 1").file("huge.pkgs", new byte[2000]).build(Compression.GZIP);
        LayerLimits limits = LayerLimits.DEFAULT.withMaxFileBytes(1000);
        InputException e = assertThrows(InputException.class, () -> walk(blob, limits, new PackageListTestAnalyzer()));
        assertEquals(WHERE + ": file 'huge.pkgs' is 2000 bytes, over the limit of 1000 bytes per analysed file", e.getMessage());
    }

    @Test
    void bigFilesNobodyAsksForAreNotLimited() {
        byte[] blob = new TestLayerTar().zeros("huge.bin", 5000).file("a.pkgs", "deb a 1").build(Compression.GZIP);
        LayerLimits limits = LayerLimits.DEFAULT.withMaxFileBytes(1000);
        assertEquals(Set.of("a.pkgs"), walk(blob, limits, new PackageListTestAnalyzer()).files().keySet());
    }

    @ParameterizedTest
    @EnumSource(Compression.class)
    void aFileSeveralAnalyzersWantIsBufferedOnceInMemoryOrOnDisk(Compression compression) throws Exception {
        byte[] content = new byte[100_000];
        new Random(1).nextBytes(content);
        byte[] blob = new TestLayerTar().file("shared.bin", content).file("after.bin", "tail").build(compression);
        for (int inMemory : new int[] {0, 1 << 20}) {
            RecordingTestAnalyzer first = new RecordingTestAnalyzer("first", (path, size) -> true);
            RecordingTestAnalyzer second = new RecordingTestAnalyzer("second", (path, size) -> path.equals("shared.bin"));

            LayerAnalysis analysis = walk(blob, LayerLimits.DEFAULT.withInMemoryFileBytes(inMemory), first, second);

            assertEquals(Map.of("shared.bin", sha256(content), "after.bin", sha256("tail".getBytes(StandardCharsets.UTF_8))), first.sha256ByPath());
            assertEquals(Map.of("shared.bin", sha256(content)), second.sha256ByPath());
            assertEquals(Set.of("first", "second"), analysis.files().get("shared.bin").keySet());
        }
    }

    @Test
    void anAnalyzerCannotCloseTheLayerNorReadPastItsFileNorKeepTheStream() throws Exception {
        List<String> seen = new ArrayList<>();
        List<InputStream> kept = new ArrayList<>();
        Analyzer rude = new Analyzer() {
            @Override public String id() { return "rude"; }
            @Override public int version() { return 1; }
            @Override public boolean accepts(String path, long size) { return true; }
            @Override public FileAnalysis analyze(AnalyzedFile file) throws IOException {
                byte[] all = file.content().readAllBytes();
                seen.add(file.path() + "=" + new String(all, StandardCharsets.UTF_8));
                assertEquals(-1, file.content().read());
                file.content().close();
                kept.add(file.content());
                return FileAnalysis.EMPTY;
            }
        };
        byte[] blob = new TestLayerTar().file("one", "first file").file("two", "second file").build(Compression.GZIP);

        walk(blob, rude);

        assertEquals(List.of("one=first file", "two=second file"), seen);
        IOException e = assertThrows(IOException.class, () -> kept.get(0).read());
        assertEquals("entry stream is closed", e.getMessage());
    }

    @Test
    void anAnalyzerFailingOnItsFileBecomesAWarningAndTheWalkGoesOn() {
        Analyzer failing = new Analyzer() {
            @Override public String id() { return "zip"; }
            @Override public int version() { return 1; }
            @Override public boolean accepts(String path, long size) { return path.endsWith(".jar"); }
            @Override public FileAnalysis analyze(AnalyzedFile file) throws IOException {
                throw new ZipException("zip END header not found");
            }
        };
        byte[] blob = new TestLayerTar().file("app.jar", "not a zip").file("etc/os-release", OS_RELEASE).build(Compression.PLAIN);

        LayerAnalysis analysis = walk(blob, failing, new OsReleaseTestAnalyzer());

        assertEquals(List.of("app.jar: zip could not read the file: zip END header not found"), analysis.files().get("app.jar").get("zip").warnings());
        assertEquals("alpine", analysis.files().get("etc/os-release").get("test-os-release").os().id());
    }

    @Test
    void theLastEntryForAPathWins() {
        byte[] blob = new TestLayerTar().file("etc/os-release", OS_RELEASE).symlink("etc/os-release", "../usr/lib/os-release").build(Compression.PLAIN);
        LayerAnalysis analysis = walk(blob, new OsReleaseTestAnalyzer());
        assertEquals(Map.of(), analysis.files());
        assertEquals(Map.of("etc/os-release", "../usr/lib/os-release"), analysis.links());
    }

    @Test
    void readsTheBlobToItsEndSoSourcesCanVerifyDigests() {
        byte[] blob = new TestLayerTar().file("a", "x").build(Compression.GZIP);
        ByteArrayInputStream in = new ByteArrayInputStream(blob);
        new LayerWalker(List.of(), LayerLimits.DEFAULT, JvmTempDirectory.get()).walk(in, WHERE, TestLayerTar.diffIdOf(blob));
        assertEquals(0, in.available());
    }

    @ParameterizedTest
    @EnumSource(Compression.class)
    void checksTheDecompressedTarAgainstTheDiffId(Compression compression) {
        byte[] big = new byte[200_000];
        new Random(3).nextBytes(big);
        byte[] blob = new TestLayerTar().file("skipped.bin", big).file("etc/os-release", OS_RELEASE).build(compression);
        String diffId = TestLayerTar.diffIdOf(blob);
        LayerWalker walker = new LayerWalker(List.of(new OsReleaseTestAnalyzer()), LayerLimits.DEFAULT, JvmTempDirectory.get());

        assertEquals(Set.of("etc/os-release"), walker.walk(new ByteArrayInputStream(blob), WHERE, diffId).files().keySet());

        String claimed = "sha256:" + "0".repeat(64);
        InputException e = assertThrows(InputException.class, () -> walker.walk(new ByteArrayInputStream(blob), WHERE, claimed));
        assertEquals(WHERE + ": content does not match its diffID " + claimed + " (it is " + diffId + ")", e.getMessage());
    }

    @Test
    void rejectsADiffIdOfAnUnknownAlgorithm() {
        byte[] blob = new TestLayerTar().file("a", "x").build(Compression.PLAIN);
        InputException e = assertThrows(InputException.class,
                () -> new LayerWalker(List.of(), LayerLimits.DEFAULT, JvmTempDirectory.get()).walk(new ByteArrayInputStream(blob), WHERE, "md5:abc"));
        assertEquals(WHERE + ": diffID 'md5:abc' is not a sha256 or sha512 digest", e.getMessage());
    }

    @Test
    void readsGzipOfSeveralMembersAsParallelCompressorsWriteIt() throws IOException {
        byte[] tar = new TestLayerTar().file("etc/os-release", OS_RELEASE).file("lib/apk.pkgs", "apk musl 1.1.24-r2").build(Compression.PLAIN);
        int half = tar.length / 2;
        ByteArrayOutputStream members = new ByteArrayOutputStream();
        members.write(TestLayerTar.compress(Arrays.copyOfRange(tar, 0, half), Compression.GZIP));
        members.write(TestLayerTar.compress(Arrays.copyOfRange(tar, half, tar.length), Compression.GZIP));

        LayerAnalysis analysis = walk(members.toByteArray(), new OsReleaseTestAnalyzer(), new PackageListTestAnalyzer());

        assertEquals(Set.of("etc/os-release", "lib/apk.pkgs"), analysis.files().keySet());
        assertEquals("musl", analysis.files().get("lib/apk.pkgs").get("test-pkgs").packages().get(0).name());
    }

    @Test
    void aLayerThatCannotBeOpenedIsAnInputErrorNamingImageAndLayer() {
        Layer missing = new Layer() {
            @Override public String digest() { return "sha256:feed"; }
            @Override public String diffId() { return null; }
            @Override public String mediaType() { return null; }
            @Override public InputStream open() throws IOException {
                throw new NoSuchFileException("/tmp/oci/blobs/sha256/feed");
            }
        };
        InputException e = assertThrows(InputException.class, () -> new LayerWalker(List.of(), LayerLimits.DEFAULT, JvmTempDirectory.get()).walk(missing, "oci:/tmp/oci", warning -> { }));
        assertEquals("image oci:/tmp/oci, layer sha256:feed: cannot read the layer: /tmp/oci/blobs/sha256/feed", e.getMessage());
    }

    @Test
    void acceptsLongPosixNames() {
        String longName = "usr/lib/" + "d".repeat(120) + "/" + "f".repeat(120) + ".pkgs";
        byte[] blob = new TestLayerTar().file(longName, "npm left-pad 1.3.0").build(Compression.GZIP);
        LayerAnalysis analysis = walk(blob, new PackageListTestAnalyzer());
        assertEquals("left-pad", analysis.files().get(longName).get("test-pkgs").packages().get(0).name());
    }

    @Test
    void zstdAndGzipAndPlainGiveTheSameAnalysis() {
        TestLayerTar.Compression[] all = Compression.values();
        LayerAnalysis[] results = new LayerAnalysis[all.length];
        for (int i = 0; i < all.length; i++) {
            byte[] blob = new TestLayerTar().file("etc/os-release", OS_RELEASE).file("lib/apk.pkgs", "apk musl 1.1.24-r2 x86_64\nbroken")
                    .file("x/.wh.y", "").build(all[i]);
            results[i] = walk(blob, new OsReleaseTestAnalyzer(), new PackageListTestAnalyzer());
        }
        assertEquals(results[0], results[1]);
        assertEquals(results[0], results[2]);
        assertArrayEquals(new Object[] {"lib/apk.pkgs: bad line 'broken'"},
                results[0].files().get("lib/apk.pkgs").get("test-pkgs").warnings().toArray());
    }
}
