package io.portcullis.cli;

import io.portcullis.InputException;
import io.portcullis.engine.ScanEngine;
import io.portcullis.engine.ScanOutcome;
import io.portcullis.engine.ScanSpec;
import io.portcullis.engine.ScanType;
import io.portcullis.match.Severity;
import io.portcullis.policy.GateOptions;
import io.portcullis.policy.IgnoreFileLoader;
import io.portcullis.report.ReportTarget;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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
 * {@code portcullis scan IMAGE}: maps the options onto a {@link ScanSpec}, runs the {@link ScanEngine}
 * and maps the verdict onto the exit code. Everything else is the engine's.
 */
@Command(name = "scan", mixinStandardHelpOptions = true,
        description = "Scan an image for known vulnerabilities, apply the policy and write reports.",
        footer = {"", "Exit codes: 0 pass, 1 gate failed (or --exit-code), 2 usage error, 3 input error, 4 internal error, 130 interrupted."})
final class ScanCommand implements Callable<Integer> {

    @Parameters(paramLabel = "IMAGE", description = "Registry reference, docker-archive:FILE, oci:DIR[:TAG], rootfs:DIR, or a file/dir to sniff.")
    String image;

    @Option(names = "--db", paramLabel = "FILE", description = "Vulnerability DB (default: $PORTCULLIS_DB or ~/.cache/portcullis/db/portcullis.db).")
    Path db;

    @Mixin
    DbFreshnessOptions dbFreshness;

    @Option(names = "--scan-type", paramLabel = "TYPE",
            description = "vulnerability (default), config, secret or all; config and secret need no vulnerability DB.")
    String scanType = "vulnerability";

    @Option(names = "--secret-rules", paramLabel = "FILE", description = "Extra secret rules (YAML: rules with id, regex, severity, keywords).")
    Path secretRules;

    @Option(names = "--secret-allow-path", paramLabel = "GLOB", description = "Do not report secrets in files matching this glob (repeatable; ** crosses directories).")
    List<String> secretAllowPaths = new ArrayList<>();

    @Option(names = "--secret-allow-rule", paramLabel = "ID", description = "Do not report matches of this secret rule (repeatable).")
    List<String> secretAllowRules = new ArrayList<>();

    @Option(names = "--policy", paramLabel = "FILE", description = "Policy file (YAML; the security_gates block).")
    Path policyFile;

    @Option(names = "--ignorefile", paramLabel = "FILE", description = ".portcullisignore.yaml or .trivyignore (repeatable; default: those in the current directory).")
    List<Path> ignoreFiles = new ArrayList<>();

    @Option(names = "--vex", paramLabel = "FILE", description = "OpenVEX or CycloneDX VEX document (repeatable).")
    List<Path> vexFiles = new ArrayList<>();

    @Option(names = "--signature-key", paramLabel = "FILE",
            description = "PEM public key (ECDSA P-256, RSA, Ed25519) to verify the image's cosign signature with (repeatable; any one valid signature passes).")
    List<Path> signatureKeys = new ArrayList<>();

    @Option(names = "--sbom", paramLabel = "FILE",
            description = "An SBOM (CycloneDX 1.2-1.6 or SPDX 2.3 JSON) that must be schema-valid and list every package of the image; gated as sbom_validation.")
    Path sbomToValidate;

    @Option(names = "--severity", paramLabel = "LIST", description = "Severities to show, e.g. CRITICAL,HIGH (default: all).")
    String severities;

    @Option(names = "--ignore-unfixed", description = "Neither show nor count findings without a fixed version.")
    boolean ignoreUnfixed;

    @Option(names = "--exit-code", paramLabel = "N", description = "Exit code when the gate fails (default: 1).")
    Integer exitCode;

    @Option(names = "--fail-on", paramLabel = "SEVERITY", description = "Fail when any counted finding is at or above this severity.")
    String failOn;

    @Option(names = "--format", paramLabel = "FORMAT[=FILE]",
            description = "table, json, sarif, junit, markdown, html, prometheus, cyclonedx, cyclonedx-vex; repeatable, each to its own file (default: table to standard output).")
    List<String> formats = new ArrayList<>();

    @Option(names = "--audit-log", paramLabel = "FILE", description = "Append one JSON line per scan (timestamp, user, action, resource, result).")
    Path auditLog;

    @Mixin
    ImageOptions imageOptions;

    @Mixin
    LayerOptions layerOptions;

    @Spec
    CommandSpec spec;

    private final CliContext context;

    ScanCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        // Bad values of --format, --severity, --fail-on, --exit-code are usage errors (exit 2), caught before the image is read.
        Set<Severity> shown = usage(() -> severities == null ? Set.of() : GateOptions.parseSeverities(severities));
        Severity failOnSeverity = usage(() -> failOn == null ? null : GateOptions.parseSeverity(failOn, "--fail-on"));
        if (exitCode != null && (exitCode < 0 || exitCode > 255)) {
            throw new ParameterException(spec.commandLine(), "--exit-code must be between 0 and 255, got " + exitCode);
        }
        ScanType type = usage(() -> ScanType.parse(scanType));
        if (type == ScanType.SBOM) {
            throw new ParameterException(spec.commandLine(), "--scan-type sbom: use the sbom command for an SBOM");
        }
        ScanSpec.Builder scan = ScanSpec.builder(image)
                .scanType(type)
                .database(db != null ? db : context.defaultDatabase())
                .dbMaxAge(dbFreshness.maxAge)
                .failOnStaleDb(dbFreshness.failOnStale)
                .severities(shown)
                .failOn(failOnSeverity)
                .ignoreUnfixed(ignoreUnfixed)
                .cacheDirectory(layerOptions.cacheDirectory(context))
                .tempDirectory(imageOptions.tempDirectory(context))
                .limits(layerOptions.limits())
                .clock(java.time.Clock.systemUTC())
                .listener(new CliProgress(context.stderr(), context.terminal(), tableOnStdout()));
        if (exitCode != null) {
            scan.exitCodeOnFailure(exitCode);
        }
        if (policyFile != null) {
            scan.policyFile(policyFile);
        }
        for (Path file : ignoreFiles.isEmpty() ? IgnoreFileLoader.defaultFiles(Path.of("")) : ignoreFiles) {
            scan.ignoreFile(file);
        }
        vexFiles.forEach(scan::vexFile);
        scan.signatureKeys(signatureKeys);
        scan.sbomToValidate(sbomToValidate);
        scan.secretRulesFile(secretRules);
        secretAllowPaths.forEach(scan::secretAllowPath);
        secretAllowRules.forEach(scan::secretAllowRule);
        addReports(scan);
        if (auditLog != null) {
            scan.auditLog(auditLog, context.user());
        }
        imageOptions.applyTo(scan, image, context.stdin(), context.environment(), context.home());
        ScanOutcome outcome = new ScanEngine().scan(scan.build());
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

    /** The --format targets: at most one to standard output (two would interleave). */
    private void addReports(ScanSpec.Builder scan) {
        List<ReportTarget> targets = new ArrayList<>();
        for (String format : formats.isEmpty() ? List.of("table") : formats) {
            targets.add(usage(() -> ReportTarget.parse(format)));
        }
        if (targets.stream().filter(t -> t.path() == null).count() > 1) {
            throw new ParameterException(spec.commandLine(),
                    "only one --format can go to standard output; give the others a file: --format FORMAT=FILE");
        }
        for (ReportTarget target : targets) {
            if (target.path() == null) {
                scan.report(target.format(), context.stdout());
            } else {
                scan.report(target.format(), target.path());
            }
        }
    }
}
