package io.portcullis.report;

import io.portcullis.InputException;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.Supplier;

/** The formats {@code --format} accepts, each with its writer. */
public enum ReportFormat {
    TABLE(TableReport::new),
    JSON(JsonReport::new),
    SARIF(SarifReport::new),
    JUNIT(JunitReport::new),
    MARKDOWN(MarkdownReport::new),
    HTML(HtmlReport::new),
    PROMETHEUS(PrometheusReport::new),
    /** CycloneDX 1.6 SBOM with every finding (a VDR). */
    CYCLONEDX(CycloneDxVdrReport::new),
    /** CycloneDX 1.6 VEX of this scan's own analysis. */
    CYCLONEDX_VEX(CycloneDxVexReport::new);

    private final Supplier<ReportWriter> writer;

    ReportFormat(Supplier<ReportWriter> writer) {
        this.writer = writer;
    }

    public ReportWriter writer() {
        return writer.get();
    }

    public static ReportFormat parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new InputException("unknown report format '" + name + "' (known: "
                    + String.join(", ", Arrays.stream(values()).map(f -> f.name().toLowerCase(Locale.ROOT).replace('_', '-')).toList()) + ")");
        }
    }
}
