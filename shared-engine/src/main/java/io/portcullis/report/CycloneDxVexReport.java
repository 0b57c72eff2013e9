package io.portcullis.report;

import io.portcullis.match.Finding;
import io.portcullis.policy.AssessedFinding;
import io.portcullis.policy.SuppressionRule;
import io.portcullis.sbom.SuppressedFinding.Justification;
import io.portcullis.sbom.SuppressedFinding.State;
import io.portcullis.sbom.VulnerabilityDocumentWriter;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Our own analysis as CycloneDX VEX: suppressed findings with the state and justification their
 * ignore entry or VEX statement gave; every other finding {@code in_triage}.
 */
final class CycloneDxVexReport implements ReportWriter {

    @Override
    public void write(Report report, OutputStream out) throws IOException {
        List<Finding> open = new ArrayList<>();
        List<io.portcullis.sbom.SuppressedFinding> suppressed = new ArrayList<>();
        for (AssessedFinding assessed : report.assessment().findings()) {
            if (assessed.suppressed()) {
                suppressed.add(toVex(assessed.finding(), assessed.suppression()));
            } else {
                open.add(assessed.finding());
            }
        }
        new VulnerabilityDocumentWriter(report.toolVersion(), Clock.systemUTC())
                .writeVex(report.scan().image(), report.scan().inventory(), open, suppressed, out);
    }

    private static io.portcullis.sbom.SuppressedFinding toVex(Finding finding, SuppressionRule suppression) {
        String status = suppression.status() == null ? "" : suppression.status().toLowerCase(Locale.ROOT);
        String detail = suppression.statement() == null ? suppression.origin() : suppression.statement() + " (" + suppression.origin() + ")";
        return switch (status) {
            case "fixed", "resolved", "resolved_with_pedigree" -> new io.portcullis.sbom.SuppressedFinding(finding, State.RESOLVED, null, detail);
            case "false_positive" -> new io.portcullis.sbom.SuppressedFinding(finding, State.FALSE_POSITIVE, null, detail);
            default -> new io.portcullis.sbom.SuppressedFinding(finding, State.NOT_AFFECTED, justification(suppression.justification()), detail);
        };
    }

    /** OpenVEX justifications mapped to their CycloneDX counterparts; CycloneDX ones pass through. */
    static Justification justification(String code) {
        if (code == null) {
            return null;
        }
        return switch (code.toLowerCase(Locale.ROOT)) {
            case "component_not_present", "vulnerable_code_not_present", "code_not_present" -> Justification.CODE_NOT_PRESENT;
            case "vulnerable_code_not_in_execute_path", "code_not_reachable" -> Justification.CODE_NOT_REACHABLE;
            case "vulnerable_code_cannot_be_controlled_by_adversary" -> Justification.REQUIRES_ENVIRONMENT;
            case "inline_mitigations_already_exist", "protected_by_mitigating_control" -> Justification.PROTECTED_BY_MITIGATING_CONTROL;
            default -> {
                try {
                    yield Justification.valueOf(code.toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    yield null;
                }
            }
        };
    }
}
