package io.portcullis.cli;

import io.portcullis.InputException;
import io.portcullis.engine.ScanType;
import io.portcullis.policy.Assessment;
import io.portcullis.policy.GateOptions;
import io.portcullis.policy.IgnoreFileLoader;
import io.portcullis.policy.Policy;
import io.portcullis.policy.PolicyEvaluator;
import io.portcullis.policy.PolicyLoader;
import io.portcullis.policy.Suppressions;
import io.portcullis.policy.VexLoader;
import io.portcullis.report.AuditLog;
import io.portcullis.report.Report;
import io.portcullis.report.ReportTarget;
import io.portcullis.sbom.ToolVersion;
import io.portcullis.scan.BuiltInAnalyzers;
import io.portcullis.scan.ScanRequest;
import io.portcullis.scan.ScanResult;
import io.portcullis.scan.Scanner;
import io.portcullis.vulndb.Freshness;
import io.portcullis.vulndb.VulnDb;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * {@code portcullis scan IMAGE}: inventory, match, apply suppressions and the policy, write reports,
 * exit with the verdict.
 */
@Command(name = "scan", mixinStandardHelpOptions = true,
        description = "Scan an image for known vulnerabilities, apply the policy and write reports.",
        footer = {"", "Exit codes: 0 pass, 1 gate failed (or --exit-code), 2 usage error, 3 input error, 4 internal error."})
final class ScanCommand implements Callable<Integer> {

    @Parameters(paramLabel = "IMAGE", description = "Registry reference, docker-archive:FILE, oci:DIR[:TAG], rootfs:DIR, or a file/dir to sniff.")
    String image;

    @Option(names = "--db", paramLabel = "FILE", description = "Vulnerability DB (default: $PORTCULLIS_DB or ~/.cache/portcullis/db/portcullis.db).")
    Path db;

    @Option(names = "--db-max-age", paramLabel = "DURATION", description = "Warn when the DB is older than this (default: 7d). Forms: 7d, 12h, 30m.",
            converter = AgeOption.class)
    Duration dbMaxAge = Freshness.DEFAULT_MAX_AGE;

    @Option(names = "--fail-on-stale-db", description = "Fail with exit code 3 instead of warning when the DB is older than --db-max-age.")
    boolean failOnStaleDb;

    @Option(names = "--policy", paramLabel = "FILE", description = "Policy file (YAML; the security_gates block).")
    Path policyFile;

    @Option(names = "--ignorefile", paramLabel = "FILE", description = ".portcullisignore.yaml or .trivyignore (repeatable; default: those in the current directory).")
    List<Path> ignoreFiles = new ArrayList<>();

    @Option(names = "--vex", paramLabel = "FILE", description = "OpenVEX or CycloneDX VEX document (repeatable).")
    List<Path> vexFiles = new ArrayList<>();

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

    @Option(names = "--scan-type", paramLabel = "TYPE",
            description = "vulnerability (default), config, secret or all; config and secret need no vulnerability DB.")
    String scanType = "vulnerability";

    @Option(names = "--audit-log", paramLabel = "FILE", description = "Append one JSON line per scan (timestamp, user, action, resource, result).")
    Path auditLog;

    @Mixin
    ImageOptions imageOptions;

    @Mixin
    LayerOptions layerOptions;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        // Everything the user gave is read before the image, so a typo in a policy fails in a second, not after a pull.
        GateOptions gates = usage(() -> new GateOptions(severities == null ? Set.of() : GateOptions.parseSeverities(severities), ignoreUnfixed,
                exitCode, failOn == null ? null : GateOptions.parseSeverity(failOn, "--fail-on")));
        List<ReportTarget> targets = reportTargets();
        Policy policy = policyFile == null ? Policy.none() : PolicyLoader.load(policyFile);
        Suppressions suppressions = suppressions();
        ScanType type = usage(() -> ScanType.parse(scanType));
        if (type == ScanType.SBOM) {
            throw new ParameterException(spec.commandLine(), "--scan-type sbom: use the sbom command for an SBOM");
        }
        Clock clock = Clock.systemUTC();
        ScanRequest request = new ScanRequest(image, imageOptions.toSourceOptions(System.in), BuiltInAnalyzers.all(),
                layerOptions.cache(), layerOptions.limits(), type);
        ScanResult result;
        if (type.matchesVulnerabilities()) {
            try (VulnDb vulnDb = VulnDb.open(db == null ? VulnDb.defaultPath() : db, new Freshness(dbMaxAge, failOnStaleDb, clock))) {
                vulnDb.warnings().forEach(this::warn);
                result = new Scanner(clock).scan(request, vulnDb);
            }
        } else {
            result = new Scanner(clock).scan(request, null);
        }
        result.inventory().warnings().forEach(this::warn);
        Assessment assessment = PolicyEvaluator.evaluate(result, policy, gates, suppressions, clock.instant());
        Report report = new Report(result, assessment, suppressions, ToolVersion.current());
        for (ReportTarget target : targets) {
            try {
                target.write(report, System.out);
            } catch (IOException e) {
                throw new InputException("cannot write the " + target.format() + " report to " + target.path() + ": " + e.getMessage(), e);
            }
        }
        System.out.flush();
        if (auditLog != null) {
            AuditLog.append(auditLog, report, System.getProperty("user.name"), clock.instant());
        }
        return assessment.verdict().exitCode();
    }

    /** Bad values of --format, --severity, --fail-on are usage errors (exit 2), caught before the image is read. */
    private <T> T usage(Supplier<T> parse) {
        try {
            return parse.get();
        } catch (InputException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }

    /**
     * The --format targets, checked before the scan so that a typo or an unwritable path costs no
     * scan and leaves no other report half-done: at most one to standard output (two would interleave),
     * and no file target that is a directory or below a non-directory or read-only directory.
     */
    private List<ReportTarget> reportTargets() {
        List<ReportTarget> targets = new ArrayList<>();
        for (String format : formats.isEmpty() ? List.of("table") : formats) {
            targets.add(usage(() -> ReportTarget.parse(format)));
        }
        if (targets.stream().filter(t -> t.path() == null).count() > 1) {
            throw new ParameterException(spec.commandLine(),
                    "only one --format can go to standard output; give the others a file: --format FORMAT=FILE");
        }
        for (ReportTarget target : targets) {
            if (target.path() != null) {
                checkWritable(target.path());
            }
        }
        return targets;
    }

    private static void checkWritable(Path target) {
        if (Files.isDirectory(target)) {
            throw new InputException("cannot write report " + target + ": it is a directory");
        }
        Path existing = target.toAbsolutePath().getParent();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null || !Files.isDirectory(existing) || !Files.isWritable(existing)) {
            throw new InputException("cannot write report " + target + ": " + existing + " is not a writable directory");
        }
    }

    private Suppressions suppressions() {
        List<Suppressions> parts = new ArrayList<>();
        for (Path file : ignoreFiles.isEmpty() ? IgnoreFileLoader.defaultFiles(Path.of("")) : ignoreFiles) {
            parts.add(IgnoreFileLoader.loadAny(file));
        }
        for (Path file : vexFiles) {
            parts.add(VexLoader.load(file));
        }
        return Suppressions.concat(parts);
    }

    private void warn(String warning) {
        spec.commandLine().getErr().println("portcullis: warning: " + warning);
    }
}
