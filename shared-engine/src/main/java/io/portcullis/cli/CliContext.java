package io.portcullis.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;

/**
 * What one run of the command line reads from and writes to: its standard streams, environment,
 * home directory and user. Passed in rather than taken from {@code System}, so that tests (and
 * anything else that runs the CLI in-process) need not swap the JVM's streams.
 *
 * @param stdin standard input (passwords for {@code --password-stdin})
 * @param stdout reports and SBOMs without a file
 * @param stderr warnings, errors and the progress line
 * @param environment the environment variables (credentials, default paths)
 * @param home the user's home directory (default cache and DB paths, Docker config)
 * @param user who the audit log names
 * @param terminal true when stderr is a terminal: the progress line is shown only then
 */
record CliContext(InputStream stdin, PrintStream stdout, PrintStream stderr, Map<String, String> environment, Path home,
                  String user, boolean terminal) {

    /** The process's own streams and environment. */
    static CliContext ofProcess() {
        return new CliContext(System.in, System.out, System.err, System.getenv(), Path.of(System.getProperty("user.home")),
                System.getProperty("user.name"), System.console() != null);
    }
}
