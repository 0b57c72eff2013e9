package io.portcullis.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;

/**
 * What one run of the command line reads from and writes to: its standard streams, environment,
 * home directory, user and temp directory. Passed in rather than taken from {@code System}, so that
 * tests (and anything else that runs the CLI in-process) need not swap the JVM's streams. The
 * default paths derived from them (DB, layer cache) are the command line's: the engine takes
 * explicit paths only.
 *
 * @param stdin standard input (passwords for {@code --password-stdin})
 * @param stdout reports and SBOMs without a file
 * @param stderr warnings, errors and the progress line
 * @param environment the environment variables (credentials, default paths)
 * @param home the user's home directory (default cache and DB paths, Docker config)
 * @param user who the audit log names
 * @param terminal true when stderr is a terminal: the progress line is shown only then
 * @param tempDirectory where a scan's temp files go without {@code --temp-dir}: the JVM's {@code java.io.tmpdir}
 */
record CliContext(InputStream stdin, PrintStream stdout, PrintStream stderr, Map<String, String> environment, Path home,
                  String user, boolean terminal, Path tempDirectory) {

    /** Names the DB file when {@code --db} is absent. */
    static final String DB_VARIABLE = "PORTCULLIS_DB";
    /** Holds the layer cache (under {@code layers/}) when {@code --cache-dir} is absent. */
    static final String CACHE_VARIABLE = "PORTCULLIS_CACHE_DIR";

    /** The process's own streams and environment. */
    static CliContext ofProcess() {
        return new CliContext(System.in, System.out, System.err, System.getenv(), Path.of(System.getProperty("user.home")),
                System.getProperty("user.name"), System.console() != null, Path.of(System.getProperty("java.io.tmpdir")));
    }

    /** {@code $PORTCULLIS_DB}, else {@code ~/.cache/portcullis/db/portcullis.db}. */
    Path defaultDatabase() {
        String fromEnvironment = environment.get(DB_VARIABLE);
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return Path.of(fromEnvironment);
        }
        return home.resolve(".cache").resolve("portcullis").resolve("db").resolve("portcullis.db");
    }

    /** {@code $PORTCULLIS_CACHE_DIR/layers}, else {@code ~/.cache/portcullis/layers}. */
    Path defaultLayerCache() {
        String root = environment.get(CACHE_VARIABLE);
        if (root != null && !root.isBlank()) {
            return Path.of(root, "layers");
        }
        return home.resolve(".cache").resolve("portcullis").resolve("layers");
    }
}
