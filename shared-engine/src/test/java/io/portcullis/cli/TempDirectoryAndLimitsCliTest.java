package io.portcullis.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Where a scan's temp files go ({@code --temp-dir}) and how {@code --max-file-size} holds the OS package
 * databases, on a gzipped docker-archive holding a real rpm database, a real cargo-auditable binary
 * and real dpkg and apk databases.
 */
class TempDirectoryAndLimitsCliTest {

    private static final Path RPMDB = Path.of("../shared/fixtures/rpm/go-rpmdb/pkg/testdata/cbl-mariner-2.0/rpmdb.sqlite");
    private static final Path CARGO_BINARY = Path.of("shared-engine/src/test/resources/fixtures/cargo/bin/hello-auditable");
    private static final Path DPKG_STATUS = Path.of("../shared/fixtures/dpkg/scalibr/extractor/filesystem/os/dpkg/testdata/dpkg/valid");
    private static final Path APK_INSTALLED = Path.of("../shared/fixtures/apk/scalibr/extractor/filesystem/os/apk/testdata/installed");

    @TempDir
    Path dir;

    @Test
    void everyTempFileOfTheScanGoesToTheGivenTempDirectoryAndIsGoneAfterwards() throws Exception {
        Path archive = archive(new HandMadeImages.LayerTar()
                .file("etc/os-release", "ID=mariner\nVERSION_ID=2.0\n")
                .file("var/lib/rpm/rpmdb.sqlite", Files.readAllBytes(RPMDB))
                .file("usr/bin/hello-auditable", Files.readAllBytes(CARGO_BINARY)), true);
        Path temp = Files.createDirectory(dir.resolve("temp"));
        Path out = dir.resolve("sbom.json");

        Set<String> created = new TreeSet<>();
        CliRun run;
        try (WatchService watcher = FileSystems.getDefault().newWatchService()) {
            temp.register(watcher, StandardWatchEventKinds.ENTRY_CREATE);
            run = CliRun.of("sbom", "docker-archive:" + archive, "--no-cache", "--temp-dir", temp.toString(), "-o", out.toString());
            WatchKey key;
            while ((key = watcher.poll()) != null) {
                for (WatchEvent<?> event : key.pollEvents()) {
                    if (event.context() instanceof Path name) {
                        created.add(name.toString().replaceAll("[0-9]+", "N"));
                    }
                }
                key.reset();
            }
        }

        assertEquals(0, run.exitCode(), run::toString);
        JsonNode bom = SbomJson.validCycloneDx(out);
        assertTrue(SbomJson.cycloneDxComponents(bom, "rpm").stream().anyMatch(c -> c.path("name").asText().equals("glibc")), "rpm database read");
        assertTrue(SbomJson.cycloneDxComponents(bom, "cargo").stream().anyMatch(c -> c.path("name").asText().equals("punct")), "cargo-auditable data read");
        assertEquals(Set.of("portcullis-archive-N.tar", "portcullis-elf-N.bin", "portcullis-rpmdb-N"), created,
                "the decompressed archive, the ELF copy and the rpm database's directory were made in --temp-dir");
        try (Stream<Path> left = Files.list(temp)) {
            assertEquals(List.of(), left.toList(), "nothing left in the temp directory");
        }
    }

    @Test
    void aTempDirectoryThatCannotBeWrittenIsNamedNotTheArchive() throws Exception {
        Path archive = archive(new HandMadeImages.LayerTar().file("etc/os-release", "ID=alpine\nVERSION_ID=3.19.0\n"), true);
        // Root may write anywhere, so the directory is made unwritable by being a regular file.
        Path notADirectory = Files.writeString(dir.resolve("temp-is-a-file"), "x");
        Path temp = notADirectory.resolve("temp");

        CliRun run = CliRun.of("sbom", "docker-archive:" + archive, "--no-cache", "--temp-dir", temp.toString());

        assertEquals(3, run.exitCode(), run::toString);
        assertEquals(List.of("portcullis: the temp directory " + temp + " does not exist or is not a directory"), run.stderr().lines().toList());
    }

    @Test
    void aTempDirectoryWhoseWritesFailIsNamedWithTheCauseNotTheArchive() throws Exception {
        // A file-size limit on the CLI's own JVM makes the write of the 5.9 MB decompressed archive fail
        // (EFBIG; the JVM ignores SIGXFSZ), as a full disk would; no root and no mount needed.
        Path temp = Files.createDirectory(dir.resolve("temp"));
        List<String> command = List.of(io.portcullis.testing.ExternalCommand.require("prlimit").toString(), "--fsize=1048576", "--",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", System.getProperty("java.class.path"),
                PortcullisCli.class.getName(), "sbom", "docker-archive:" + AlpineSbomCliTest.ARCHIVE, "--no-cache", "--temp-dir", temp.toString());
        Process process = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(dir.resolve("stdout.txt").toFile()).redirectError(dir.resolve("stderr.txt").toFile()).start();
        assertTrue(process.waitFor(120, java.util.concurrent.TimeUnit.SECONDS));
        String stderr = Files.readString(dir.resolve("stderr.txt"));

        assertEquals(3, process.exitValue(), stderr);
        assertEquals(List.of("portcullis: cannot write to the temp directory " + temp.toAbsolutePath() + ": File too large"), stderr.lines().toList());
        try (Stream<Path> left = Files.list(temp)) {
            assertEquals(List.of(), left.toList(), "the partial temp file is gone");
        }
    }

    @Test
    void osPackageDatabasesLargerThanMaxFileSizeFailTheLayerNamingTheFileAndTheLimit() throws Exception {
        for (String[] database : new String[][] {
                {"var/lib/dpkg/status", DPKG_STATUS.toString()},
                {"lib/apk/db/installed", APK_INSTALLED.toString()},
                {"var/lib/rpm/rpmdb.sqlite", RPMDB.toString()}}) {
            byte[] content = Files.readAllBytes(Path.of(database[1]));
            Path archive = archive(new HandMadeImages.LayerTar().file(database[0], content), false);
            long limit = content.length - 1;

            CliRun refused = CliRun.of("sbom", "docker-archive:" + archive, "--no-cache", "--max-file-size", String.valueOf(limit));
            assertEquals(3, refused.exitCode(), refused::toString);
            List<String> lines = refused.stderr().lines().toList();
            assertEquals(1, lines.size(), refused.stderr());
            assertTrue(lines.get(0).endsWith(": file '" + database[0] + "' is " + content.length + " bytes, over the limit of " + limit
                    + " bytes per analysed file"), lines.get(0));

            CliRun atTheLimit = CliRun.of("sbom", "docker-archive:" + archive, "--no-cache", "--max-file-size", String.valueOf(content.length));
            assertEquals(0, atTheLimit.exitCode(), atTheLimit::toString);
            CliRun byDefault = CliRun.of("sbom", "docker-archive:" + archive, "--no-cache");
            assertEquals(0, byDefault.exitCode(), byDefault::toString);
            assertTrue(byDefault.stdout().contains("\"purl\" : \"pkg:") || byDefault.stdout().contains("\"purl\":\"pkg:"),
                    database[0] + " read under the default limit:\n" + byDefault.stdout());
        }
    }

    @Test
    void aCacheThatCannotBeWrittenIsOneWarningLineAndTheScanGoesOn() throws Exception {
        Path archive = archive(new HandMadeImages.LayerTar().file("lib/apk/db/installed", Files.readAllBytes(APK_INSTALLED)), false);
        Path cacheIsAFile = Files.writeString(dir.resolve("cache"), "not a directory");
        Path out = dir.resolve("sbom.json");

        CliRun run = CliRun.of("sbom", "docker-archive:" + archive, "--cache-dir", cacheIsAFile.toString(), "-o", out.toString());

        assertEquals(0, run.exitCode(), run::toString);
        List<String> lines = run.stderr().lines().toList();
        assertTrue(lines.stream().anyMatch(line -> line.startsWith("portcullis: warning: cannot write layer cache entry " + cacheIsAFile)), run.stderr());
        assertTrue(lines.stream().allMatch(line -> line.startsWith("portcullis: warning: ")), "no log records, only warning lines:\n" + run.stderr());
        assertTrue(SbomJson.cycloneDxComponents(SbomJson.validCycloneDx(out), "apk").size() > 0);
    }

    /** A docker-archive of one layer; gzipped as a whole (as {@code docker save | gzip} writes it) when {@code gzip}. */
    private Path archive(HandMadeImages.LayerTar layer, boolean gzip) throws IOException {
        Path tar = HandMadeImages.dockerArchive(Files.createTempFile(dir, "image-", ".tar"), layer.bytes(), false);
        if (!gzip) {
            return tar;
        }
        return Files.write(dir.resolve(tar.getFileName() + ".gz"), HandMadeImages.gzip(Files.readAllBytes(tar)));
    }
}
