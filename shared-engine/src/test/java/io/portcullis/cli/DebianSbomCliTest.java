package io.portcullis.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.portcullis.testing.ExternalCommand;
import io.portcullis.testing.RealRegistry;
import io.portcullis.testing.TestImages;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code portcullis sbom} of the real debootstrapped Debian bookworm image, from every place an
 * image can come from: its deb packages must be exactly what dpkg-query lists from the same root
 * filesystem (name, version, architecture, source package), and the OS debian 12.
 */
class DebianSbomCliTest {

    private static final String USER = "ci-bot";
    private static final String PASSWORD = "debian-registry-password";

    @RegisterExtension
    static final RealRegistry OPEN_REGISTRY = RealRegistry.plainHttp();

    @RegisterExtension
    static final RealRegistry PRIVATE_REGISTRY = RealRegistry.withBasicAuth(USER, PASSWORD);

    private static TestImages.DebianImage debian;
    private static List<String> dpkgQuery;

    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    @BeforeAll
    static void buildAndPush() {
        debian = TestImages.debian();
        String listed = ExternalCommand.run(Duration.ofMinutes(1), "dpkg-query",
                "--admindir=" + debian.rootfs().resolve("var/lib/dpkg"), "--show",
                "--showformat=${db:Status-Abbrev}\t${Package}\t${Version}\t${Architecture}\t${source:Package}\n");
        dpkgQuery = listed.lines().filter(line -> line.startsWith("ii"))
                .map(line -> line.substring(line.indexOf('\t') + 1)).sorted().toList();
        assertTrue(dpkgQuery.size() > 50, "a minbase bookworm has about 90 packages: " + dpkgQuery.size());
        OPEN_REGISTRY.push(debian.ociLayout(), "bookworm", "debian/bookworm:12", false);
        PRIVATE_REGISTRY.push(debian.ociLayout(), "bookworm", "private/bookworm:12", false);
    }

    @Test
    void ociLayoutDirectory() throws IOException {
        assertDebianPackages(run("oci:" + debian.ociLayout() + ":bookworm"));
    }

    @Test
    void tarOfTheOciLayout() throws IOException {
        Path tar = dir.resolve("bookworm-oci.tar");
        ExternalCommand.run(Duration.ofMinutes(5), "tar", "--create", "--file", tar.toString(), "--directory", debian.ociLayout().toString(), ".");
        assertDebianPackages(run("oci-archive:" + tar + ":bookworm"));
    }

    @Test
    void pulledAnonymously() throws IOException {
        assertDebianPackages(run(OPEN_REGISTRY.hostPort() + "/debian/bookworm:12", "--insecure-registry", OPEN_REGISTRY.hostPort()));
    }

    @Test
    void pulledWithPasswordFromStandardInput() throws IOException {
        Path out = dir.resolve("sbom.json");
        CliRun run = CliRun.withStdin(PASSWORD, "sbom", PRIVATE_REGISTRY.hostPort() + "/private/bookworm:12",
                "--insecure-registry", PRIVATE_REGISTRY.hostPort(), "--username", USER, "--password-stdin",
                "--no-cache", "-o", out.toString());
        assertEquals(0, run.exitCode(), run::toString);
        assertDebianPackages(out);
    }

    /** The environment variable can only be set for a new process: the CLI runs in a child JVM on the test class path. */
    @Test
    void pulledWithPasswordFromTheEnvironment() throws IOException, InterruptedException {
        Path out = dir.resolve("sbom.json");
        Path err = dir.resolve("stderr.txt");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), PortcullisCli.class.getName(),
                "sbom", PRIVATE_REGISTRY.hostPort() + "/private/bookworm:12", "--insecure-registry", PRIVATE_REGISTRY.hostPort(),
                "--username", USER, "--no-cache", "-o", out.toString())
                .redirectError(err.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("PORTCULLIS_REGISTRY_PASSWORD", PASSWORD);
        Process process = builder.start();
        assertTrue(process.waitFor(5, TimeUnit.MINUTES), "child CLI did not finish");
        String stderr = Files.readString(err);
        assertEquals(0, process.exitValue(), stderr);
        assertFalse(stderr.contains(PASSWORD), stderr);
        assertDebianPackages(out);
    }

    private Path run(String image, String... extra) {
        Path out = dir.resolve("sbom.json");
        List<String> args = new java.util.ArrayList<>(List.of("sbom", image, "--no-cache", "-o", out.toString()));
        args.addAll(List.of(extra));
        CliRun run = CliRun.of(args.toArray(String[]::new));
        assertEquals(0, run.exitCode(), run::toString);
        return out;
    }

    private static void assertDebianPackages(Path sbom) throws IOException {
        JsonNode bom = SbomJson.validCycloneDx(sbom);
        List<String> listed = SbomJson.cycloneDxComponents(bom, "deb").stream()
                .map(c -> String.join("\t", c.path("name").asText(), c.path("version").asText(),
                        SbomJson.property(c, "portcullis:package:arch").orElse("?"),
                        SbomJson.property(c, "portcullis:package:sourceName").orElse("?")))
                .sorted().toList();
        assertEquals(dpkgQuery, listed);
        JsonNode image = bom.path("metadata").path("component");
        assertEquals("debian 12", SbomJson.property(image, "portcullis:image:os").orElse(null), image::toString);
    }
}
