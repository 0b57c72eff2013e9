package io.portcullis.cli;

import io.portcullis.engine.ScanEngine;
import io.portcullis.engine.ScanOutcome;
import io.portcullis.engine.ScanSpec;
import io.portcullis.report.ReportFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code portcullis k8s FILE|DIR...}: checks Kubernetes manifests against the policy's security profile (the
 * built-in restricted profile without one) through the engine, with the same suppressions, gates, reports and
 * exit codes as {@code scan}.
 */
@Command(name = "k8s", mixinStandardHelpOptions = true,
        description = "Check Kubernetes manifests (YAML, helm template output, List objects) against the security profile.",
        footer = {"", "Exit codes: 0 pass, 1 gate failed (or --exit-code), 2 usage error, 3 input error (malformed YAML, missing file), 4 internal error."})
final class KubernetesCommand implements Callable<Integer> {
    /** Reports that are about an image's contents (metrics per image, SBOM-based VDR/VEX) have nothing to say about manifests. */
    private static final Set<ReportFormat> IMAGE_ONLY = Set.of(ReportFormat.PROMETHEUS, ReportFormat.CYCLONEDX, ReportFormat.CYCLONEDX_VEX);

    @Parameters(paramLabel = "FILE|DIR", arity = "1..*", description = "Manifest files, or directories of .yaml, .yml and .json files.")
    List<Path> manifests;

    @Option(names = "--policy", paramLabel = "FILE", description = "Policy file; its security_gates.container_scan.kubernetes block is the profile.")
    Path policyFile;

    @Mixin
    VerdictOptions verdict;

    @Option(names = "--format", paramLabel = "FORMAT[=FILE]",
            description = "table, json, sarif, junit, markdown, html; repeatable, each to its own file (default: table to standard output).")
    List<String> formats = new ArrayList<>();

    @Option(names = "--audit-log", paramLabel = "FILE", description = "Append one JSON line per check (timestamp, user, action, resource, result).")
    Path auditLog;

    @Spec
    CommandSpec spec;

    private final CliContext context;

    KubernetesCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        ScanSpec.Builder check = ScanSpec.forManifests(Path.of(""), manifests);
        verdict.applyTo(check);
        ReportTargets reports = ReportTargets.parse(spec.commandLine(), formats, IMAGE_ONLY,
                "that report is about an image; for manifests use table, json, sarif, junit, markdown or html");
        check.listener(new CliProgress(context.stderr(), context.terminal(), reports.tableOnStdout()));
        if (policyFile != null) {
            check.policyFile(policyFile);
        }
        reports.addTo(check, context.stdout());
        if (auditLog != null) {
            check.auditLog(auditLog, context.user());
        }
        ScanOutcome outcome = new ScanEngine().scan(check.build());
        context.stdout().flush();
        return verdict.exitCode(outcome);
    }
}
