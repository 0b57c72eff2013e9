package io.portcullis.cli;

import io.portcullis.engine.ScanListener;
import io.portcullis.engine.ScanWarning;

import java.io.PrintStream;
import java.time.Duration;

/**
 * What the command line shows of a scan on standard error: warnings, one line each, and on a
 * terminal a progress line for the layers, redrawn in place and cleared when the scan is done.
 * Warnings the verdict carries (stale DB, policy, suppressions) are left out when the table on
 * standard output lists them already, so none is printed twice.
 */
final class CliProgress implements ScanListener {

    private final PrintStream err;
    private final boolean terminal;
    private final boolean tableOnStdout;
    private String reference = "";
    private boolean lineShown;

    /** @param tableOnStdout true when the table report goes to standard output */
    CliProgress(PrintStream err, boolean terminal, boolean tableOnStdout) {
        this.err = err;
        this.terminal = terminal;
        this.tableOnStdout = tableOnStdout;
    }

    @Override
    public void imageOpened(String imageReference, String digest, int layerCount) {
        this.reference = imageReference;
    }

    @Override
    public void layerStarted(int index, int count, String diffId, long compressedSize) {
        show("layer " + (index + 1) + "/" + count + " " + shortId(diffId) + " ...");
    }

    @Override
    public void layerFinished(int index, int count, String diffId, boolean fromCache, long bytesRead, Duration took) {
        show("layer " + (index + 1) + "/" + count + " " + shortId(diffId) + (fromCache ? " cached" : " " + mebibytes(bytesRead) + " read"));
    }

    @Override
    public void matchingDone(int findings, Duration took) {
        clear();
    }

    @Override
    public void reportWritten(String format, java.nio.file.Path file) {
        clear();
    }

    @Override
    public void warning(ScanWarning warning) {
        boolean inVerdict = switch (warning.kind()) {
            case STALE_DATABASE, POLICY, SUPPRESSION -> true;
            default -> false;
        };
        if (inVerdict && tableOnStdout) {
            return;
        }
        clear();
        err.println("portcullis: warning: " + warning.message());
    }

    private void show(String text) {
        if (!terminal) {
            return;
        }
        String line = "portcullis: " + reference + " " + text;
        err.print("\r\033[K" + (line.length() > 120 ? line.substring(0, 120) : line));
        err.flush();
        lineShown = true;
    }

    private void clear() {
        if (lineShown) {
            err.print("\r\033[K");
            err.flush();
            lineShown = false;
        }
    }

    private static String shortId(String diffId) {
        if (diffId == null) {
            return "";
        }
        int colon = diffId.indexOf(':');
        String hex = colon >= 0 ? diffId.substring(colon + 1) : diffId;
        return hex.length() > 12 ? hex.substring(0, 12) : hex;
    }

    private static String mebibytes(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
    }
}
