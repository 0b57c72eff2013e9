package io.portcullis.report;

import java.io.IOException;
import java.io.OutputStream;

/** Renders a {@link Report} in one format. Writers do not close the stream. */
public interface ReportWriter {
    void write(Report report, OutputStream out) throws IOException;
}
