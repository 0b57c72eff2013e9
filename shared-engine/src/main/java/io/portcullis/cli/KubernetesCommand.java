package io.portcullis.cli;

import io.portcullis.InputException;
import io.portcullis.engine.ScanEngine;
import io.portcullis.engine.ScanOutcome;
import io.portcullis.engine.ScanSpec;
import io.portcullis.match.Severity;
import io.portcullis.policy.GateOptions;
import io.portcullis.policy.IgnoreFileLoader;
import io.portcullis.report.ReportFormat;
import io.portcullis.report.ReportTarget;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

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

    @Option(names = "--ignorefile", paramLabel = "FILE", description = ".portcullisignore.yaml or .trivyignore (repeatable; default: those in the current directory).")
    List<Path> ignoreFiles = new ArrayList<>();

    @Option(names = "--severity", paramLabel = "LIST", description = "Severities to show, e.g. CRITICAL,HIGH (default: all).")
    String severities;

    @Option(names = "--exit-code", paramLabel = "N", description = "Exit code when the gate fails (default: 1).")
    Integer exitCode;

    @Option(names = "--fail-on", paramLabel = "SEVERITY", description = "Fail when any counted finding is at or above this severity.")
    String failOn;

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
        Set<Severity> shown = usage(() -> severities == null ? Set.of() : GateOptions.parseSeverities(severities));
        Severity failOnSeverity = usage(() -> failOn == null ? null : GateOptions.parseSeverity(failOn, "--fail-on"));
        if (exitCode != null && (exitCode < 0 || exitCode > 255)) {
            throw new ParameterException(spec.commandLine(), "--exit-code must be between 0 and 255, got " + exitCode);
        }
        ScanSpec.Builder check = ScanSpec.forManifests(Path.of(""), manifests)
                .severities(shown)
                .failOn(failOnSeverity)
                .listener(new CliProgress(context.stderr(), context.terminal(), tableOnStdout()));
        if (exitCode != null) {
            check.exitCodeOnFailure(exitCode);
        }
        if (policyFile != null) {
            check.policyFile(policyFile);
        }
        for (Path file : ignoreFiles.isEmpty() ? IgnoreFileLoader.defaultFiles(Path.of("")) : ignoreFiles) {
            check.ignoreFile(file);
        }
        addReports(check);
        if (auditLog != null) {
            check.auditLog(auditLog, context.user());
        }
        ScanOutcome outcome = new ScanEngine().scan(check.build());
        context.stdout().flush();
        if (outcome.passed()) {
            return PortcullisCli.EXIT_PASS;
        }
        return exitCode != null ? exitCode : PortcullisCli.EXIT_GATE_FAILED;
    }

    private <T> T usage(Supplier<T> parse) {
        try {
            return parse.get();
        } catch (InputException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }

    private boolean tableOnStdout() {
        return formats.isEmpty() || formats.stream().anyMatch(f -> f.trim().equalsIgnoreCase("table"));
    }

    private void addReports(ScanSpec.Builder check) {
        List<ReportTarget> targets = new ArrayList<>();
        for (String format : formats.isEmpty() ? List.of("table") : formats) {
            ReportTarget target = usage(() -> ReportTarget.parse(format));
            if (IMAGE_ONLY.contains(target.format())) {
                throw new ParameterException(spec.commandLine(), "--format " + format.trim()
                        + ": that report is about an image; for manifests use table, json, sarif, junit, markdown or html");
            }
            targets.add(target);
        }
        if (targets.stream().filter(t -> t.path() == null).count() > 1) {
            throw new ParameterException(spec.commandLine(),
                    "only one --format can go to standard output; give the others a file: --format FORMAT=FILE");
        }
        for (ReportTarget target : targets) {
            if (target.path() == null) {
                check.report(target.format(), context.stdout());
            } else {
                check.report(target.format(), target.path());
            }
        }
    }
}
