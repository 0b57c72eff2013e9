package io.portcullis.report;

import io.portcullis.policy.BenchmarkResult;
import io.portcullis.match.Severity;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A node_exporter textfile with the seed's metrics. {@code container_vulnerabilities_total} counts
 * open (unsuppressed) findings per severity. {@code container_compliance_score} has one sample per
 * evaluated benchmark (automated controls passed / evaluated); none for a benchmark not evaluated,
 * since a made-up number (or NaN) would chart as if one were; a comment says so instead.
 */
public final class PrometheusReport implements ReportWriter {

    @Override
    public void write(Report report, OutputStream out) throws IOException {
        PrintWriter w = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        String image = report.scan().image().reference();
        String registry = registry(image);
        w.print("# HELP container_vulnerabilities_total Total number of container vulnerabilities by severity\n");
        w.print("# TYPE container_vulnerabilities_total gauge\n");
        for (Severity s : Severity.highestFirst()) {
            w.print("container_vulnerabilities_total{severity=\"" + s.name().toLowerCase(Locale.ROOT) + "\",image=\""
                    + escape(image) + "\",registry=\"" + escape(registry) + "\"} " + report.openCounts().get(s) + "\n");
        }
        w.print("# HELP container_compliance_score Container security compliance score\n");
        w.print("# TYPE container_compliance_score gauge\n");
        boolean sampled = false;
        for (BenchmarkResult benchmark : report.assessment().compliance()) {
            Optional<Double> score = benchmark.score();
            if (score.isPresent()) {
                sampled = true;
                w.print("container_compliance_score{image=\"" + escape(image) + "\",benchmark=\"" + escape(benchmark.name()) + "\"} "
                        + String.format(Locale.ROOT, "%.4f", score.get()) + "\n");
            }
        }
        if (!sampled) {
            w.print("# no samples: no compliance benchmark was evaluated in this scan\n");
        }
        w.flush();
    }

    /** How the local sources name their images ({@code docker-archive:app.tar}, {@code oci:dir:tag}, {@code rootfs:/srv}). */
    private static final List<String> LOCAL_SOURCE_PREFIXES = List.of("docker-archive:", "oci:", "oci-archive:", "rootfs:", "dir:");

    /**
     * The registry host of a registry image's reference ("docker.io" for Docker Hub short names); empty for an image
     * read from a local archive, layout or directory, which came from no registry.
     */
    static String registry(String reference) {
        if (reference == null || reference.isEmpty() || reference.startsWith("/") || reference.startsWith(".")
                || LOCAL_SOURCE_PREFIXES.stream().anyMatch(reference::startsWith)) {
            return "";
        }
        String name = reference.startsWith("registry:") ? reference.substring("registry:".length()) : reference;
        int slash = name.indexOf('/');
        if (slash < 0) {
            return "docker.io";
        }
        String first = name.substring(0, slash);
        return first.contains(".") || first.contains(":") || first.equals("localhost") ? first : "docker.io";
    }

    /** Label values escape backslash, double quote and line feed, as the text format requires. */
    static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
