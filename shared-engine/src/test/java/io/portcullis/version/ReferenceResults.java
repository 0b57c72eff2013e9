package io.portcullis.version;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a reference tool once over a batch of pairs and checks our scheme against every answer. */
final class ReferenceResults {

    private ReferenceResults() {
    }

    /**
     * Runs {@code command} with {@code input} on standard input and returns its standard output lines.
     * Fails with the tool's name and error output when it is missing or fails, so a machine without the tool fails loudly.
     */
    static List<String> run(List<String> command, String input, Path workingDirectory) {
        ProcessBuilder builder = new ProcessBuilder(command);
        if (workingDirectory != null) {
            builder.directory(workingDirectory.toFile());
        }
        Path errors = null;
        try {
            // error output goes to a file so a chatty tool cannot block on a full pipe while we read its answers
            errors = Files.createTempFile("reference-tool", ".err");
            builder.redirectError(errors.toFile());
            Process process = builder.start();
            Thread feeder = new Thread(() -> {
                try (var stdin = process.getOutputStream()) {
                    stdin.write(input.getBytes(StandardCharsets.UTF_8));
                } catch (IOException ignored) {
                    // the tool exited early; its exit code and error output tell why
                }
            });
            feeder.start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new AssertionError("reference tool " + command + " failed: " + Files.readString(errors));
            }
            feeder.join();
            return out.lines().filter(line -> !line.isBlank()).toList();
        } catch (IOException e) {
            throw new AssertionError("reference tool " + command.get(0) + " cannot be run (CI installs it via .ci/install-deps): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } finally {
            deleteQuietly(errors);
        }
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a leftover file in the temp directory is harmless
        }
    }

    /** Copies a script from the test resources next to this class into {@code directory}. */
    static Path script(String name, Path directory) {
        try (var in = ReferenceResults.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new AssertionError("test resource missing: " + name);
            }
            Path target = directory.resolve(name);
            Files.copy(in, target);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Tab-separated pairs, one a line, as the reference scripts read them. */
    static String tabSeparated(List<ReferencePairs.Pair> pairs) {
        StringBuilder sb = new StringBuilder();
        for (ReferencePairs.Pair p : pairs) {
            sb.append(p.left()).append('\t').append(p.right()).append('\n');
        }
        return sb.toString();
    }

    /**
     * Checks every pair against the tool's answer and fails once, listing every disagreement.
     * {@code answers} holds the tool's line per pair: -1, 0, 1 (any sign), or {@code invalid}. Where
     * the tool rejects a version, {@code rejectLikeTool} says whether our scheme must reject it too;
     * otherwise the pair is not compared. At least {@code minimumCompared} pairs must have been
     * accepted by the tool, so a broken generator cannot pass vacuously.
     */
    static void assertAgree(VersionScheme scheme, List<ReferencePairs.Pair> pairs, List<String> answers,
                            boolean rejectLikeTool, int minimumCompared) {
        assertEquals(pairs.size(), answers.size(), "reference tool answered a different number of pairs");
        List<String> disagreements = new ArrayList<>();
        int compared = 0;
        for (int i = 0; i < pairs.size(); i++) {
            ReferencePairs.Pair pair = pairs.get(i);
            String answer = answers.get(i).strip();
            if ("invalid".equals(answer)) {
                if (rejectLikeTool) {
                    String ours = ours(scheme, pair);
                    if (!ours.startsWith("invalid")) {
                        disagreements.add(pair + ": tool rejects, we give " + ours);
                    }
                }
                continue;
            }
            compared++;
            String expected = String.valueOf(Integer.signum(Integer.parseInt(answer)));
            String ours = ours(scheme, pair);
            if (!ours.equals(expected)) {
                disagreements.add(pair + ": tool gives " + expected + ", we give " + ours);
            }
        }
        assertEquals(List.of(), disagreements, disagreements.size() + " of " + pairs.size() + " pairs disagree with the reference tool");
        assertTrue(compared >= minimumCompared,
                "only " + compared + " of " + pairs.size() + " pairs were valid for the reference tool");
    }

    /** Our answer for a pair as the tool writes it: the sign, or {@code invalid: message}. */
    private static String ours(VersionScheme scheme, ReferencePairs.Pair pair) {
        try {
            return String.valueOf(Integer.signum(scheme.compare(pair.left(), pair.right())));
        } catch (InvalidVersionException e) {
            return "invalid: " + e.getMessage();
        }
    }
}
