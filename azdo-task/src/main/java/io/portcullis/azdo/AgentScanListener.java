package io.portcullis.azdo;

import io.portcullis.engine.ScanListener;
import io.portcullis.engine.ScanWarning;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** The engine's progress as build-log lines, and its warnings as the agent's warning issues. */
final class AgentScanListener implements ScanListener {

    private final AgentLog log;

    AgentScanListener(AgentLog log) {
        this.log = log;
    }

    @Override
    public void imageOpened(String reference, String digest, int layerCount) {
        log.info("Scanning " + reference + (digest == null ? "" : " (" + digest + ")") + ", " + layerCount + " layer(s)");
    }

    @Override
    public void layerFinished(int index, int count, String diffId, boolean fromCache, long bytesRead, Duration took) {
        log.info("Layer " + (index + 1) + "/" + count + " " + diffId + (fromCache ? " from cache" : " read, " + bytesRead + " bytes")
                + " in " + took.toMillis() + " ms");
    }

    @Override
    public void databaseOpened(Instant builtAt, Duration age) {
        log.info("Vulnerability data built " + builtAt + (age == null ? "" : " (" + age.toHours() + " h old)"));
    }

    @Override
    public void matchingDone(int findings, Duration took) {
        log.info(findings + " finding(s) in " + took.toMillis() + " ms");
    }

    @Override
    public void reportWritten(String format, Path file) {
        if (file == null) {
            return;
        }
        log.info("Wrote the " + format + " report " + file);
    }

    @Override
    public void warning(ScanWarning warning) {
        String text = warning.subject() == null ? warning.message() : warning.message() + " (" + warning.subject() + ")";
        log.command(LoggingCommand.of("task", "logissue", Map.of("type", "warning"), text));
    }
}
