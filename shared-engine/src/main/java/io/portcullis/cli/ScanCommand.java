package io.portcullis.cli;

import io.portcullis.engine.ScanEngine;
import io.portcullis.engine.ScanOutcome;
import io.portcullis.engine.ScanSpec;
import io.portcullis.engine.ScanType;
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

    @Option(names = "--vex", paramLabel = "FILE", description = "OpenVEX or CycloneDX VEX document (repeatable).")
    List<Path> vexFiles = new ArrayList<>();

    @Option(names = "--signature-key", paramLabel = "FILE",
            description = "PEM public key (ECDSA P-256, RSA, Ed25519) to verify the image's cosign signature with (repeatable; any one valid signature passes).")
    List<Path> signatureKeys = new ArrayList<>();

    @Option(names = "--sbom", paramLabel = "FILE",
            description = "An SBOM (CycloneDX 1.2-1.6 or SPDX 2.3 JSON) that must be schema-valid and list every package of the image; gated as sbom_validation.")
    Path sbomToValidate;

    @Option(names = "--manifest", paramLabel = "FILE|DIR",
            description = "Kubernetes manifest file, or directory of .yaml, .yml and .json files, checked with the image against the policy's security profile (repeatable; as the k8s command).")
    List<Path> manifests = new ArrayList<>();

    @Option(names = "--ignore-unfixed", description = "Neither show nor count findings without a fixed version.")
    boolean ignoreUnfixed;

    @Option(names = "--format", paramLabel = "FORMAT[=FILE]",
            description = "table, json, sarif, junit, markdown, html, prometheus, cyclonedx, cyclonedx-vex; repeatable, each to its own file (default: table to standard output).")
    List<String> formats = new ArrayList<>();

    @Option(names = "--audit-log", paramLabel = "FILE", description = "Append one JSON line per scan (timestamp, user, action, resource, result).")
    Path auditLog;

    @Mixin
    VerdictOptions verdict;

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
        ScanSpec.Builder scan = ScanSpec.builder(image);
        verdict.applyTo(scan);
        ScanType type = OptionValue.parse(spec.commandLine(), () -> ScanType.parse(scanType));
        if (type == ScanType.SBOM) {
            throw new ParameterException(spec.commandLine(), "--scan-type sbom: use the sbom command for an SBOM");
        }
        ReportTargets reports = ReportTargets.parse(spec.commandLine(), formats, Set.of(), "");
        scan.scanType(type)
                .database(db != null ? db : context.defaultDatabase())
                .dbMaxAge(dbFreshness.maxAge)
                .failOnStaleDb(dbFreshness.failOnStale)
                .ignoreUnfixed(ignoreUnfixed)
                .cacheDirectory(layerOptions.cacheDirectory(context))
                .tempDirectory(imageOptions.tempDirectory(context))
                .limits(layerOptions.limits())
                .clock(java.time.Clock.systemUTC())
                .listener(new CliProgress(context.stderr(), context.terminal(), reports.tableOnStdout()));
        if (policyFile != null) {
            scan.policyFile(policyFile);
        }
        vexFiles.forEach(scan::vexFile);
        scan.signatureKeys(signatureKeys);
        scan.sbomToValidate(sbomToValidate);
        if (!manifests.isEmpty()) {
            scan.manifests(Path.of(""), manifests);
        }
        scan.secretRulesFile(secretRules);
        secretAllowPaths.forEach(scan::secretAllowPath);
        secretAllowRules.forEach(scan::secretAllowRule);
        reports.addTo(scan, context.stdout());
        if (auditLog != null) {
            scan.auditLog(auditLog, context.user());
        }
        imageOptions.applyTo(scan, image, context.stdin(), context.environment(), context.home());
        ScanOutcome outcome = new ScanEngine().scan(scan.build());
        context.stdout().flush();
        return verdict.exitCode(outcome);
    }
}
