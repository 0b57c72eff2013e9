package io.portcullis.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/** One in-process run of the CLI with its exit code and what it printed; standard input optional. */
record CliRun(int exitCode, String stdout, String stderr) {

    static CliRun of(String... args) {
        return withStdin("", args);
    }

    /** Runs the CLI on streams of its own (the JVM's System.in/out/err stay untouched, so runs may overlap). */
    static CliRun withStdin(String stdin, String... args) {
        return run(stdin, System.getenv(), Path.of(System.getProperty("user.home")), args);
    }

    /** As {@link #withStdin}, with the environment and home directory the run sees. */
    static CliRun run(String stdin, Map<String, String> environment, Path home, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (PrintStream stdout = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream stderr = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            CliContext context = new CliContext(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), stdout, stderr,
                    environment, home, "test-user", false, Path.of(System.getProperty("java.io.tmpdir")));
            int code = PortcullisCli.run(context, args);
            stdout.flush();
            stderr.flush();
            return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        }
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- stderr ---\n" + stderr;
    }
}
