package io.portcullis.vulndb.oci;

import io.portcullis.cli.PortcullisCli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs {@code portcullis ARGS} in its own JVM, as a user does, with the given standard input. */
record CliProcess(int exit, String out, String err) {

    static CliProcess run(String stdin, String... args) throws Exception {
        // A run of a few seconds: C2 compilation would cost more CPU than it returns, so the client compiler only.
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), PortcullisCli.class.getName()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).start();
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
        try (OutputStream in = process.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        String out = readAll(process.getInputStream());
        if (!process.waitFor(300, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("portcullis " + String.join(" ", args) + " did not finish within 300 s");
        }
        return new CliProcess(process.exitValue(), out, err.get(60, TimeUnit.SECONDS));
    }

    private static String readAll(java.io.InputStream stream) {
        try {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
