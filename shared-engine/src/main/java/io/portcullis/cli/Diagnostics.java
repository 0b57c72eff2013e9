package io.portcullis.cli;

import io.portcullis.output.LogSafeText;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * The CLI's lines on standard error: {@code portcullis: warning: ...}, {@code portcullis: ...} for an
 * error, each one line with every message passed through {@link LogSafeText}, since messages name
 * packages, paths and ids taken from the image or the vulnerability data.
 */
final class Diagnostics {
    private final PrintWriter err;

    Diagnostics(PrintWriter err) {
        this.err = err;
    }

    Diagnostics(PrintStream err) {
        this(new PrintWriter(err, true));
    }

    void warning(String message) {
        err.println("portcullis: warning: " + LogSafeText.of(message));
        err.flush();
    }

    void error(String message) {
        err.println("portcullis: " + LogSafeText.of(message));
        err.flush();
    }

    /**
     * A failure outside the normal paths (a bug, {@code OutOfMemoryError}, {@code StackOverflowError}): one line
     * naming what was being done and the failure; the stack trace only when asked for.
     */
    void internalError(String activity, Throwable failure, boolean debug) {
        String what = failure.getMessage() == null ? failure.getClass().getName() : failure.getClass().getName() + ": " + failure.getMessage();
        err.println("portcullis: internal error while " + LogSafeText.of(activity) + ": " + LogSafeText.of(what)
                + (debug ? "" : " (--debug prints the stack trace)"));
        if (debug) {
            // a message in the trace may quote the image as well
            StringWriter trace = new StringWriter();
            failure.printStackTrace(new PrintWriter(trace));
            trace.toString().lines().forEach(line -> {
                int indent = 0;
                while (indent < line.length() && line.charAt(indent) == '\t') {
                    indent++;
                }
                // the frames' own indentation stays a tab; everything else is escaped
                err.println(line.substring(0, indent) + LogSafeText.of(line.substring(indent)));
            });
        }
        err.flush();
    }
}
