package io.portcullis.report;

import io.portcullis.match.Finding;
import io.portcullis.policy.AssessedFinding;
import io.portcullis.sbom.VulnerabilityDocumentWriter;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.util.List;

/** The SBOM with every finding attached: a CycloneDX vulnerability disclosure report (VDR). */
final class CycloneDxVdrReport implements ReportWriter {

    @Override
    public void write(Report report, OutputStream out) throws IOException {
        List<Finding> findings = report.assessment().findings().stream().map(AssessedFinding::finding).toList();
        new VulnerabilityDocumentWriter(report.toolVersion(), Clock.systemUTC())
                .writeVdr(report.scan().image(), report.scan().inventory(), findings, out);
    }
}
