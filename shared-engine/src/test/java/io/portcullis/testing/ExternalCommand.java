package io.portcullis.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Runs a real tool a test depends on, failing the test with the tool's output when it fails or is missing. */
public final class ExternalCommand {

    private ExternalCommand() {
    }

    /** Fails with a clear message when {@code tool} is not on the PATH; CI installs it with .ci/install-deps. */
    public static Path require(String tool) {
        // sbin is added because debootstrap lives there and CI may run with a user's PATH.
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin") + ":/usr/sbin:/sbin";
        for (String dir : path.split(":")) {
            Path candidate = Path.of(dir, tool);
            if (!dir.isEmpty() && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError(tool + " is not installed; the test needs it (run .ci/install-deps)");
    }

    /** Runs a command to completion and returns its standard output; stderr is folded into failure messages. */
    public static String run(Duration timeout, String... command) {
        return run(null, timeout, command);
    }

    /** As {@link #run(Duration, String...)}, in {@code directory} (null: the test's working directory). */
    public static String run(Path directory, Duration timeout, String... command) {
        require(command[0]);
        try {
            Path output = Files.createTempFile("portcullis-cmd", ".out");
            Path errors = Files.createTempFile("portcullis-cmd", ".err");
            try {
                Process process = new ProcessBuilder(command)
                        .directory(directory == null ? null : directory.toFile())
                        .redirectOutput(output.toFile())
                        .redirectError(errors.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                        .start();
                if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new AssertionError(String.join(" ", command) + " did not finish within " + timeout);
                }
                String out = Files.readString(output, StandardCharsets.UTF_8);
                if (process.exitValue() != 0) {
                    throw new AssertionError(String.join(" ", command) + " exited " + process.exitValue() + ":\n"
                            + Files.readString(errors, StandardCharsets.UTF_8) + out);
                }
                return out;
            } finally {
                Files.deleteIfExists(output);
                Files.deleteIfExists(errors);
            }
        } catch (IOException e) {
            throw new AssertionError("cannot run " + String.join(" ", command) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted running " + command[0], e);
        }
    }
}
