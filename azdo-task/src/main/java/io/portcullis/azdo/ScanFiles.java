package io.portcullis.azdo;

import io.portcullis.report.ReportFormat;
import io.portcullis.sbom.SbomFormat;

import java.nio.file.Path;

/** Where one scan's reports and SBOMs go: one directory, uploaded whole as the scan's artifact. */
record ScanFiles(Path directory) {

    Path report(ReportFormat format) {
        return directory.resolve(switch (format) {
            case JSON -> "report.json";
            case SARIF -> "report.sarif";
            case JUNIT -> "junit.xml";
            case MARKDOWN -> "report.md";
            case HTML -> "report.html";
            case PROMETHEUS -> "metrics.prom";
            case CYCLONEDX -> "vdr.cdx.json";
            case CYCLONEDX_VEX -> "vex.cdx.json";
            case TABLE -> throw new IllegalArgumentException("the table goes to the log");
        });
    }

    Path sbom(SbomFormat format) {
        return directory.resolve(switch (format) {
            case CYCLONEDX_JSON -> "sbom.cdx.json";
            case SPDX_JSON -> "sbom.spdx.json";
        });
    }
}
