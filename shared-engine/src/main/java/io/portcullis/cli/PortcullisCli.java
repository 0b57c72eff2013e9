package io.portcullis.cli;

import io.portcullis.InputException;
import io.portcullis.engine.ScanCancelledException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.lang.reflect.Constructor;

/**
 * Entry point of the {@code portcullis} command. Exit codes: 0 pass, 1 gate failed, 2 usage error,
 * 3 input error, 4 internal error, 130 interrupted.
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
    /** 128 + SIGINT, as shells report a process stopped by Ctrl-C. */
    public static final int EXIT_INTERRUPTED = 130;

    public static void main(String[] args) {
        System.exit(run(CliContext.ofProcess(), args));
    }

    /**
     * Runs the command line in this JVM without exiting it, on the process's standard streams and
     * environment. The scan itself is {@link io.portcullis.engine.ScanEngine}'s: the commands only map
     * their options onto a {@link io.portcullis.engine.ScanSpec} and its outcome onto the exit code.
     * CI hosts embed the engine, not this.
     */
    public static int run(String... args) {
        return run(CliContext.ofProcess(), args);
    }

    /** As {@link #run(String...)}, reading and writing only what {@code context} gives. */
    static int run(CliContext context, String... args) {
        CommandLine commandLine = new CommandLine(new PortcullisCli(), new ContextFactory(context));
        commandLine.setOut(new PrintWriter(context.stdout(), true));
        commandLine.setErr(new PrintWriter(context.stderr(), true));
        commandLine.setExitCodeExceptionMapper(PortcullisCli::exitCodeFor);
        commandLine.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
            if (ex instanceof InputException || ex instanceof ScanCancelledException) {
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
        if (ex instanceof ScanCancelledException) {
            return EXIT_INTERRUPTED;
        }
        return ex instanceof InputException ? EXIT_INPUT : EXIT_INTERNAL;
    }

    /** Gives the commands that take one the run's {@link CliContext}. */
    private record ContextFactory(CliContext context) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> type) throws Exception {
            for (Constructor<?> constructor : type.getDeclaredConstructors()) {
                Class<?>[] parameters = constructor.getParameterTypes();
                if (parameters.length == 1 && parameters[0] == CliContext.class) {
                    constructor.setAccessible(true);
                    return type.cast(constructor.newInstance(context));
                }
            }
            return CommandLine.defaultFactory().create(type);
        }
    }
}
