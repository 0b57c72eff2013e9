package io.portcullis.report;

import io.portcullis.output.AtomicFile;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * One {@code --format F[=PATH]} argument: a format and where to write it (standard output when no path).
 */
public record ReportTarget(ReportFormat format, Path path) {

    public ReportTarget {
        Objects.requireNonNull(format, "format");
    }

    /** Parses "json", "sarif=out/report.sarif". */
    public static ReportTarget parse(String argument) {
        int eq = argument.indexOf('=');
        if (eq < 0) {
            return new ReportTarget(ReportFormat.parse(argument), null);
        }
        return new ReportTarget(ReportFormat.parse(argument.substring(0, eq)), Path.of(argument.substring(eq + 1)));
    }

    /**
     * Writes the report to its file atomically, creating the file's directory, or to {@code stdout}
     * when there is no path.
     */
    public void write(Report report, OutputStream stdout) throws IOException {
        ReportWriter writer = format.writer();
        if (path == null) {
            writer.write(report, stdout);
            stdout.flush();
        } else {
            Path directory = path.toAbsolutePath().getParent();
            Files.createDirectories(directory);
            AtomicFile.write(path, format.name().toLowerCase(Locale.ROOT).replace('_', '-') + " report", out -> writer.write(report, out));
        }
    }
}
