package io.portcullis.azdo;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The runner's only way to the agent: logging commands on stdout, written raw and in order, and
 * every other text on stdout or stderr through {@link CommandNeutralisingOutputStream}.
 */
final class AgentLog {

    private final PrintStream commands;
    private final CommandNeutralisingOutputStream neutralOut;
    private final CommandNeutralisingOutputStream neutralErr;
    private final PrintStream out;
    private final PrintStream err;

    AgentLog(OutputStream stdout, OutputStream stderr) {
        this.commands = new PrintStream(stdout, false, StandardCharsets.UTF_8);
        this.neutralOut = new CommandNeutralisingOutputStream(stdout);
        this.neutralErr = new CommandNeutralisingOutputStream(stderr);
        this.out = new PrintStream(neutralOut, true, StandardCharsets.UTF_8);
        this.err = new PrintStream(neutralErr, true, StandardCharsets.UTF_8);
    }

    synchronized void command(LoggingCommand command) {
        try {
            out.flush();
            neutralOut.endLine();
            commands.print(command.toLine());
            commands.print('\n');
            commands.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Text for the build log; may hold untrusted strings. */
    synchronized void info(String text) {
        out.println(text);
    }

    /** Text for stderr; may hold untrusted strings. */
    synchronized void error(String text) {
        err.println(text);
    }

    /** stdout for untrusted text written by others (the table report), neutralised line by line. */
    PrintStream out() {
        return out;
    }

    PrintStream err() {
        return err;
    }

    synchronized void close() {
        out.flush();
        err.flush();
        try {
            neutralOut.close();
            neutralErr.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        commands.flush();
    }
}
