package io.portcullis.cli;

import io.portcullis.testing.ExternalCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A rootfs with a file and a directory the scanning user may not read: both are left out with one
 * warning line each (the listener's typed warning, printed as {@code portcullis: warning: ...}), the
 * rest is scanned. The CLI runs in its own JVM; as root it runs without CAP_DAC_OVERRIDE and
 * CAP_DAC_READ_SEARCH (util-linux {@code setpriv}), so mode 000 means what it means for an agent user.
 */
class UnreadableRootfsCliTest {

    private static final Path APK_INSTALLED = Path.of("../shared/fixtures/apk/scalibr/extractor/filesystem/os/apk/testdata/installed");

    @TempDir
    Path dir;

    @Test
    void unreadableFilesAreWarnedAboutAndLeftOut() throws Exception {
        Path root = Files.createDirectories(dir.resolve("rootfs"));
        Files.createDirectories(root.resolve("lib/apk/db"));
        Files.copy(APK_INSTALLED, root.resolve("lib/apk/db/installed"));
        Files.writeString(root.resolve("etc-secret"), "no one may read this\n");
        Files.setPosixFilePermissions(root.resolve("etc-secret"), PosixFilePermissions.fromString("---------"));
        Path closed = Files.createDirectories(root.resolve("private"));
        Files.writeString(closed.resolve("inside"), "x");
        Files.setPosixFilePermissions(closed, PosixFilePermissions.fromString("---------"));

        List<String> command = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            command.addAll(List.of(ExternalCommand.require("setpriv").toString(), "--bounding-set=-dac_override,-dac_read_search",
                    "--inh-caps=-dac_override,-dac_read_search", "--"));
        }
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", System.getProperty("java.class.path"),
                PortcullisCli.class.getName(), "sbom", "rootfs:" + root, "--no-cache"));
        Process process = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectError(dir.resolve("stderr.txt").toFile()).start();
        byte[] stdout = process.getInputStream().readAllBytes();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS));
        String stderr = Files.readString(dir.resolve("stderr.txt"), StandardCharsets.UTF_8);
        // Let @TempDir clean up as any user.
        Files.setPosixFilePermissions(closed, PosixFilePermissions.fromString("rwx------"));

        assertEquals(0, process.exitValue(), stderr);
        assertEquals(List.of(
                        "portcullis: warning: rootfs " + root + ": cannot read etc-secret (permission denied); left out of the scan",
                        "portcullis: warning: rootfs " + root + ": cannot list private/ (permission denied); left out of the scan"),
                stderr.lines().toList());
        assertEquals(15, SbomJson.cycloneDxComponents(new com.fasterxml.jackson.databind.ObjectMapper().readTree(stdout), "apk").size(),
                "the readable apk database is scanned");
    }
}
