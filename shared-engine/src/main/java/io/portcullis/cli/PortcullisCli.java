package io.portcullis.cli;

import io.portcullis.InputException;
import io.portcullis.engine.ScanCancelledException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;

import java.io.PrintWriter;
import java.lang.reflect.Constructor;
import java.util.ArrayList;
import java.util.List;

/**
 * Entry point of the {@code portcullis} command. Exit codes: 0 pass, 1 gate failed, 2 usage error,
 * 3 input error, 4 internal error, 130 interrupted.
 */
@Command(name = "portcullis",
        mixinStandardHelpOptions = true,
        versionProvider = PortcullisVersion.class,
        description = "Container-image security scanner for CI pipelines.",
        subcommands = {ScanCommand.class, SbomCommand.class, KubernetesCommand.class, DbCommand.class})
public final class PortcullisCli {

    public static final int EXIT_PASS = 0;
    public static final int EXIT_GATE_FAILED = 1;
    public static final int EXIT_USAGE = 2;
    public static final int EXIT_INPUT = 3;
    public static final int EXIT_INTERNAL = 4;
    /** 128 + SIGINT, as shells report a process stopped by Ctrl-C. */
    public static final int EXIT_INTERRUPTED = 130;

    @Option(names = "--debug", scope = ScopeType.INHERIT, description = "Print the stack trace of an internal error.")
    boolean debug;

    public static void main(String[] args) {
        // Ctrl-C: interrupt the scan and give it a moment to remove its temp files; the JVM then exits 130.
        Thread scanning = Thread.currentThread();
        Thread onSignal = new Thread(() -> {
            scanning.interrupt();
            try {
                scanning.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "portcullis-interrupt");
        Runtime.getRuntime().addShutdownHook(onSignal);
        int code;
        try {
            code = run(CliContext.ofProcess(), args);
        } catch (Throwable t) {
            // even the report of the failure failed (out of memory again): still not the "gate failed" code
            code = EXIT_INTERNAL;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(onSignal);
        } catch (IllegalStateException shutdownUnderway) {
            // Interrupted by a signal: the shutdown ends the process (with 130), and System.exit now would block.
            return;
        }
        System.exit(code);
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
        commandLine.setExecutionStrategy(PortcullisCli::execute);
        commandLine.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
            Diagnostics diagnostics = new Diagnostics(cmd.getErr());
            if (ex instanceof InputException || ex instanceof ScanCancelledException) {
                diagnostics.error(ex.getMessage());
            } else {
                diagnostics.internalError(activity(parseResult), ex, debug(parseResult));
            }
            return exitCodeFor(ex);
        });
        commandLine.setParameterExceptionHandler((ex, argv) -> {
            new Diagnostics(ex.getCommandLine().getErr()).error(ex.getMessage());
            ex.getCommandLine().usage(ex.getCommandLine().getErr());
            return EXIT_USAGE;
        });
        return commandLine.execute(args);
    }

    /**
     * Runs the command; an {@link Error} (out of memory, stack overflow) passes picocli's exception handler by,
     * and would otherwise leave the JVM with exit code 1, which CI reads as a failed gate.
     */
    private static int execute(ParseResult parseResult) {
        try {
            return new CommandLine.RunLast().execute(parseResult);
        } catch (CommandLine.ExecutionException | CommandLine.ParameterException e) {
            throw e;
        } catch (Throwable t) {
            new Diagnostics(parseResult.commandSpec().commandLine().getErr()).internalError(activity(parseResult), t, debug(parseResult));
            return EXIT_INTERNAL;
        }
    }

    /** "running portcullis scan alpine:3.11": the command and its positional arguments, without option values (they may hold secrets). */
    private static String activity(ParseResult parseResult) {
        List<String> words = new ArrayList<>();
        for (ParseResult level = parseResult; level != null; level = level.subcommand()) {
            words.add(level.commandSpec().name());
            level.matchedPositionals().forEach(p -> p.stringValues().forEach(words::add));
        }
        return "running " + String.join(" ", words);
    }

    private static boolean debug(ParseResult parseResult) {
        for (ParseResult level = parseResult; level != null; level = level.subcommand()) {
            if (level.hasMatchedOption("--debug")) {
                return true;
            }
        }
        return false;
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
