package io.portcullis.cli;

import io.portcullis.testing.RealRegistry;
import io.portcullis.testing.TestImages;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * What a user sees for bad input: exit code 3, one line on stderr naming the image, and no SBOM
 * (not even a partial one) in the output directory. Usage mistakes exit 2.
 */
class BadInputCliTest {

    private static final String USER = "portcullis";
    private static final String PASSWORD = "s3cret-right-password";

    @RegisterExtension
    static final RealRegistry REGISTRY = RealRegistry.withBasicAuth(USER, PASSWORD);

    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    @BeforeAll
    static void pushPrivateImage() {
        REGISTRY.push(TestImages.small(shared.resolve("small"), "bad-input-test"), "small", "private/small:1", false);
    }

    @Test
    void truncatedGzip() throws IOException {
        byte[] whole = Files.readAllBytes(AlpineSbomCliTest.ARCHIVE);
        Path cut = Files.write(dir.resolve("alpine-cut.tar.gz"), Arrays.copyOf(whole, whole.length / 2));
        assertInputError(cut.toString(), "docker-archive:" + cut);
    }

    @Test
    void fileThatIsNotATar() throws IOException {
        Path text = Files.writeString(dir.resolve("notes.tar"), "this is a text file, not a tar archive\n".repeat(40));
        assertInputError(text.toString(), "docker-archive:" + text);
    }

    @Test
    void layerEntryClimbingOutOfTheRoot() throws IOException {
        byte[] layer = new HandMadeImages.LayerTar().file("etc/hostname", "ok\n").file("../../etc/cron.d/evil", "x\n").bytes();
        Path archive = HandMadeImages.dockerArchive(dir.resolve("dotdot.tar"), layer, false);
        String stderr = assertInputError(archive.toString(), "docker-archive:" + archive);
        assertTrue(stderr.contains("../../etc/cron.d/evil"), stderr);
    }

    @Test
    void layerEntriesWithAnAbsolutePathAreReadRootRelative() throws IOException {
        Path installed = Path.of("../shared/fixtures/apk/syft/syft/pkg/cataloger/alpine/testdata/multiple-1/lib/apk/db/installed");
        byte[] layer = new HandMadeImages.LayerTar()
                .file("/etc/os-release", "ID=alpine\nVERSION_ID=3.19.0\n")
                .file("/lib/apk/db/installed", Files.readAllBytes(installed)).bytes();
        Path archive = HandMadeImages.dockerArchive(dir.resolve("absolute.tar"), layer, false);
        Path out = dir.resolve("sbom.json");

        CliRun run = CliRun.of("sbom", "docker-archive:" + archive, "--no-cache", "-o", out.toString());

        assertEquals(0, run.exitCode(), run::toString);
        List<String> bash = SbomJson.cycloneDxComponents(SbomJson.validCycloneDx(out), "apk").stream()
                .filter(component -> component.path("name").asText().equals("bash")).map(component -> component.path("purl").asText()).toList();
        assertEquals(List.of("pkg:apk/alpine/bash@5.2.21-r0?arch=x86_64&distro=alpine-3.19.0"), bash);
    }

    @Test
    void absoluteLayerEntryClimbingOutOfTheRoot() throws IOException {
        byte[] layer = new HandMadeImages.LayerTar().file("etc/hostname", "ok\n").file("/../etc/cron.d/evil", "x\n").bytes();
        Path archive = HandMadeImages.dockerArchive(dir.resolve("absolute-dotdot.tar"), layer, false);
        String stderr = assertInputError(archive.toString(), "docker-archive:" + archive);
        assertTrue(stderr.contains("entry '/../etc/cron.d/evil' climbs above the layer root"), stderr);
    }

    @Test
    void symlinkPointingOutsideTheRoot() throws IOException {
        byte[] layer = new HandMadeImages.LayerTar().symlink("etc/os-release", "../../../../../../etc/os-release")
                .symlink("lib/apk/db/installed", "/../../../../etc/passwd").bytes();
        Path archive = HandMadeImages.dockerArchive(dir.resolve("symlink.tar"), layer, false);
        String stderr = assertInputError(archive.toString(), "docker-archive:" + archive);
        assertTrue(stderr.contains("symbolic link") && stderr.contains("etc/os-release"), stderr);
    }

    @Test
    void decompressionBomb() throws IOException {
        byte[] layer = new HandMadeImages.LayerTar().file("zeros", new byte[8 << 20]).bytes();
        Path archive = HandMadeImages.dockerArchive(dir.resolve("bomb.tar"), layer, true);
        assertTrue(Files.size(archive) < 100_000, "the gzip'd layer is small on disk");
        assertInputError(archive.toString(), "docker-archive:" + archive, "--max-layer-size", "1M");
    }

    @Test
    void blobNotMatchingItsDigest() throws IOException {
        byte[] layer = new HandMadeImages.LayerTar().file("etc/hostname", "digest-test\n").bytes();
        Path layout = HandMadeImages.ociLayout(dir.resolve("layout"), layer, "application/vnd.oci.image.layer.v1.tar");
        Path blob = layout.resolve("blobs/sha256").resolve(AlpineSbomCliTest.sha256(layer));
        byte[] damaged = Files.readAllBytes(blob);
        damaged[600] ^= 1; // inside the file content, so the tar itself stays well-formed
        Files.write(blob, damaged);
        String stderr = assertInputError(layout.toString(), "oci:" + layout);
        assertTrue(stderr.toLowerCase().contains("digest") || stderr.toLowerCase().contains("diffid"), stderr);
    }

    @Test
    void unknownLayerMediaType() throws IOException {
        byte[] layer = new HandMadeImages.LayerTar().file("etc/hostname", "media-type-test\n").bytes();
        Path layout = HandMadeImages.ociLayout(dir.resolve("layout"), layer, "application/vnd.example.unknown.layer");
        String stderr = assertInputError(layout.toString(), "oci:" + layout);
        assertTrue(stderr.contains("application/vnd.example.unknown.layer"), stderr);
    }

    @Test
    void unreachableRegistry() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = socket.getLocalPort();
        }
        String reference = "127.0.0.1:" + port + "/nobody/home:1";
        assertInputError(reference, reference, "--insecure-registry", "127.0.0.1:" + port);
    }

    @Test
    void wrongCredentialsAreReportedWithoutThePassword() {
        String reference = REGISTRY.hostPort() + "/private/small:1";
        String wrong = "wrong-password-" + System.nanoTime();
        Path out = dir.resolve("out");
        CliRun run = CliRun.withStdin(wrong + "\n", "sbom", reference, "--insecure-registry", REGISTRY.hostPort(),
                "--username", USER, "--password-stdin", "--no-cache", "-o", out.resolve("sbom.json").toString());
        assertOneLineError(run, reference, out);
        assertTrue(run.stderr().contains("401"), run.stderr());
        assertFalse(run.stderr().contains(wrong), "the password must not be printed: " + run.stderr());
    }

    @Test
    void rightCredentialsThroughStandardInputWork() throws IOException {
        Path out = Files.createDirectories(dir.resolve("out")).resolve("sbom.json");
        CliRun run = CliRun.withStdin(PASSWORD + "\n", "sbom", REGISTRY.hostPort() + "/private/small:1",
                "--insecure-registry", REGISTRY.hostPort(), "--username", USER, "--password-stdin", "--no-cache", "-o", out.toString());
        assertEquals(0, run.exitCode(), run::toString);
        assertFalse(run.stderr().contains(PASSWORD), run.stderr());
        SbomJson.validCycloneDx(out);
    }

    @Test
    void truncatedDpkgStatusIsAWarningNotAFailure() throws IOException {
        Path fixture = Path.of("../shared/fixtures/dpkg/scalibr/extractor/filesystem/os/dpkg/testdata/dpkg/valid");
        if (!Files.isRegularFile(fixture)) {
            fail("shared fixture missing: " + fixture.toAbsolutePath());
        }
        String status = Files.readString(fixture, StandardCharsets.UTF_8);
        // A paragraph cut off mid-field, as a write interrupted by a full disk leaves it.
        String truncated = status.substring(0, status.lastIndexOf("\nPackage: ")) + "\n\nPackage: half-written\nVers";
        byte[] layer = new HandMadeImages.LayerTar()
                .file("etc/os-release", "ID=debian\nVERSION_ID=\"12\"\nPRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\n")
                .file("var/lib/dpkg/status", truncated).bytes();
        Path archive = HandMadeImages.dockerArchive(dir.resolve("dpkg.tar"), layer, false);
        Path out = dir.resolve("sbom.json");
        CliRun run = CliRun.of("sbom", "docker-archive:" + archive, "--no-cache", "-o", out.toString());
        assertEquals(0, run.exitCode(), run::toString);
        List<String> warnings = run.stderr().lines().filter(line -> line.contains("warning")).toList();
        assertTrue(warnings.stream().anyMatch(line -> line.contains("var/lib/dpkg/status")), run.stderr());
        assertTrue(SbomJson.cycloneDxComponents(SbomJson.validCycloneDx(out), "deb").size() > 0, "complete paragraphs still listed");
    }

    @Test
    void unknownOptionIsAUsageError() {
        CliRun run = CliRun.of("sbom", "docker-archive:" + AlpineSbomCliTest.ARCHIVE, "--no-such-option");
        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(run.stderr().contains("--no-such-option"), run.stderr());
    }

    @Test
    void unknownFormatIsAUsageError() {
        CliRun run = CliRun.of("sbom", "docker-archive:" + AlpineSbomCliTest.ARCHIVE, "-f", "cyclonedx-xml");
        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(run.stderr().contains("cyclonedx-xml"), run.stderr());
    }

    /** Runs {@code sbom IMAGE -o fresh-dir/sbom.json} and checks the failure; returns stderr. */
    private String assertInputError(String named, String image, String... extra) {
        Path out = dir.resolve("out-" + System.nanoTime());
        List<String> args = new java.util.ArrayList<>(List.of("sbom", image, "--no-cache", "-o", out.resolve("sbom.json").toString()));
        args.addAll(List.of(extra));
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        CliRun run = CliRun.of(args.toArray(String[]::new));
        assertOneLineError(run, named, out);
        return run.stderr();
    }

    private static void assertOneLineError(CliRun run, String named, Path outDir) {
        assertEquals(3, run.exitCode(), run::toString);
        List<String> lines = run.stderr().lines().toList();
        assertEquals(1, lines.size(), "one line on stderr:\n" + run.stderr());
        assertTrue(lines.get(0).startsWith("portcullis: "), run.stderr());
        assertTrue(lines.get(0).contains(named), "the message names " + named + ":\n" + run.stderr());
        assertEquals("", run.stdout());
        if (Files.isDirectory(outDir)) {
            try (Stream<Path> left = Files.list(outDir)) {
                assertEquals(List.of(), left.toList(), "nothing may be left in the output directory");
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }
}
