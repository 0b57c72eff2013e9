package io.portcullis.cli;

import io.portcullis.InputException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of the {@code portcullis} command. Exit codes: 0 pass, 1 gate failed, 2 usage error,
 * 3 input error, 4 internal error.
 */
@Command(name = "portcullis",
        mixinStandardHelpOptions = true,
        versionProvider = PortcullisVersion.class,
        description = "Container-image security scanner for CI pipelines.",
        subcommands = {ScanCommand.class, SbomCommand.class, DbCommand.class})
public final class PortcullisCli {

    public static final int EXIT_PASS = 0;
    public static final int EXIT_GATE_FAILED = 1;
    public static final int EXIT_USAGE = 2;
    public static final int EXIT_INPUT = 3;
    public static final int EXIT_INTERNAL = 4;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the CLI without exiting the JVM; what tests and the CI front ends call. */
    public static int run(String... args) {
        CommandLine commandLine = new CommandLine(new PortcullisCli());
        commandLine.setExitCodeExceptionMapper(PortcullisCli::exitCodeFor);
        commandLine.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
            if (ex instanceof InputException) {
                cmd.getErr().println("portcullis: " + ex.getMessage());
            } else {
                cmd.getErr().println("portcullis: internal error: " + ex);
                ex.printStackTrace(cmd.getErr());
            }
            return exitCodeFor(ex);
        });
        commandLine.setParameterExceptionHandler((ex, argv) -> {
            ex.getCommandLine().getErr().println("portcullis: " + ex.getMessage());
            ex.getCommandLine().usage(ex.getCommandLine().getErr());
            return EXIT_USAGE;
        });
        return commandLine.execute(args);
    }

    private static int exitCodeFor(Throwable ex) {
        return ex instanceof InputException ? EXIT_INPUT : EXIT_INTERNAL;
    }
}
