package io.portcullis.engine;

import io.portcullis.InputException;
import io.portcullis.TempDirectory;
import io.portcullis.check.CheckFinding;
import io.portcullis.check.CheckKind;
import io.portcullis.inventory.Inventory;
import io.portcullis.kubernetes.ManifestCheck;
import io.portcullis.kubernetes.ManifestCheckResult;
import io.portcullis.kubernetes.ManifestFiles;
import io.portcullis.kubernetes.SecurityProfile;
import io.portcullis.inventory.analyzer.Analyzer;
import io.portcullis.image.ImageMetadata;
import io.portcullis.image.ImageSourceOptions;
import io.portcullis.image.Layer;
import io.portcullis.image.registry.Credentials;
import io.portcullis.layer.LayerCache;
import io.portcullis.match.Severity;
import io.portcullis.policy.AssessedFinding;
import io.portcullis.policy.Assessment;
import io.portcullis.policy.ControlResult;
import io.portcullis.policy.GateOptions;
import io.portcullis.policy.IgnoreFileLoader;
import io.portcullis.policy.Policy;
import io.portcullis.policy.SecretRuleFile;
import io.portcullis.secret.SecretAllowList;
import io.portcullis.secret.SecretRules;
import io.portcullis.secret.SecretSettings;
import io.portcullis.check.CheckKind;
import io.portcullis.policy.PolicyEvaluator;
import io.portcullis.policy.PolicyLoader;
import io.portcullis.policy.RuleResult;
import io.portcullis.policy.SbomRequirement;
import io.portcullis.policy.Suppressions;
import io.portcullis.policy.Verdict;
import io.portcullis.policy.VexLoader;
import io.portcullis.report.AuditLog;
import io.portcullis.report.Report;
import io.portcullis.sbom.SbomCheck;
import io.portcullis.sbom.SbomDocument;
import io.portcullis.sbom.SbomFormat;
import io.portcullis.sbom.SbomValidation;
import io.portcullis.sbom.SbomWriter;
import io.portcullis.sbom.ToolVersion;
import io.portcullis.scan.BuiltInAnalyzers;
import io.portcullis.scan.ImageScanner;
import io.portcullis.scan.ScanRequest;
import io.portcullis.scan.ScanResult;
import io.portcullis.signature.PublicKeys;
import io.portcullis.vulndb.Freshness;
import io.portcullis.vulndb.VulnDb;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import java.util.TreeSet;

/**
 * The whole scan as one call: what {@code portcullis scan} and {@code portcullis sbom} do, for any
 * host (the CLI, the Jenkins step, the Azure DevOps task). Reads every user file first (policy,
 * ignore files, VEX), so a typo fails in a second rather than after a pull; then opens the DB,
 * the image, inventories and matches, applies suppressions and the policy, writes reports, SBOMs
 * and the audit line, and returns the outcome. Stateless and thread-safe: one instance may run many
 * scans at once, sharing a cache directory and an open {@link VulnDb}.
 */
public final class ScanEngine {

    public ScanEngine() {
    }

    /**
     * @throws InputException bad input (image, policy, ignore file, DB, registry error): one line, no secret
     * @throws ScanCancelledException the calling thread was interrupted; temp files are gone, no report was written
     */
    public ScanOutcome scan(ScanSpec spec) {
        try {
            return run(spec);
        } catch (ScanCancelledException e) {
            throw e;
        } catch (RuntimeException e) {
            if (Thread.currentThread().isInterrupted() || causedByInterrupt(e)) {
                throw new ScanCancelledException("scan of " + subject(spec) + " cancelled", e);
            }
            throw e;
        }
    }

    private ScanOutcome run(ScanSpec spec) {
        long started = System.nanoTime();
        ScanListener listener = spec.listener();
        Policy policy = spec.policy() != null ? spec.policy() : spec.policyFile() != null ? PolicyLoader.load(spec.policyFile()) : Policy.none();
        Suppressions suppressions = suppressions(spec);
        ManifestCheckResult manifests = checkManifests(spec, policy);
        // Key files are user input: a bad one fails before the pull, like a bad policy.
        PublicKeys signatureKeys = PublicKeys.load(spec.signatureKeys()).and(PublicKeys.load(policy.signatureKeys()));
        SecretSettings secrets = spec.scanType().runs(CheckKind.SECRET) ? secretSettings(spec, policy) : SecretSettings.DEFAULT;
        SbomDocument suppliedSbom = spec.sbomToValidate() == null ? null : SbomDocument.read(spec.sbomToValidate());
        ScanResult result;
        List<String> databaseWarnings = new ArrayList<>();
        Progress progress = new Progress(listener);
        if (spec.image() == null) {
            result = manifestsAlone(spec, manifests, started);
        } else {
            result = withManifests(scanImage(spec, secrets, signatureKeys, progress, databaseWarnings), manifests);
        }
        checkCancelled(spec);
        String toolVersion = ToolVersion.current();
        if (spec.image() != null && spec.scanType().gated()) {
            result = result.withSbomValidation(validateSboms(policy, suppliedSbom, result, new SbomWriter(toolVersion, spec.clock())));
        }
        Set<String> matchingWarnings = progress.matchingWarnings;
        Set<String> manifestNotes = manifests == null ? Set.of() : Set.copyOf(manifests.notes());
        for (String warning : result.inventory().warnings()) {
            ScanWarning.Kind kind = manifestNotes.contains(warning) ? ScanWarning.Kind.MANIFEST
                    : matchingWarnings.contains(warning) ? ScanWarning.Kind.MATCHING : ScanWarning.Kind.ANALYZER;
            listener.warning(new ScanWarning(kind, warning, null));
        }
        Instant now = spec.clock().instant();
        Assessment evaluated = spec.scanType().gated()
                ? PolicyEvaluator.evaluate(result, policy, gates(spec), suppressions, now, spec.auditLog())
                : new Assessment(List.of(), new Verdict(Verdict.Outcome.PASS, List.of(), List.of(), 0));
        for (String warning : evaluated.verdict().warnings()) {
            listener.warning(new ScanWarning(policyWarningKind(warning), warning, null));
        }
        Assessment assessment = withDatabaseWarnings(evaluated, databaseWarnings);
        Report report = new Report(result, assessment, suppressions, toolVersion);
        List<Path> written = writeOutputs(spec, report, listener);
        if (spec.auditLog() != null) {
            try {
                AuditLog.append(spec.auditLog(), report, spec.auditUser(), now, policy.audit().fields());
            } catch (IOException e) {
                throw new InputException("cannot append to the audit log " + spec.auditLog() + ": " + e.getMessage(), e);
            }
        }
        return new ScanOutcome(result, assessment, written,
                summary(result, assessment, report, written, Duration.ofNanos(System.nanoTime() - started), now, toolVersion));
    }

    private static ScanResult scanImage(ScanSpec spec, SecretSettings secrets, PublicKeys signatureKeys, Progress progress,
                                        List<String> databaseWarnings) {
        ScanRequest request = new ScanRequest(spec.image(), sourceOptions(spec), analyzers(spec),
                spec.cacheDirectory() == null ? LayerCache.disabled() : LayerCache.at(spec.cacheDirectory()), spec.limits(),
                new TempDirectory(spec.tempDirectory()), spec.scanType().matchesVulnerabilities(), spec.scanType().checkKinds(), secrets,
                signatureKeys, registryCredentials(spec.credentials()));
        if (spec.scanType().matchesVulnerabilities()) {
            Freshness freshness = new Freshness(spec.dbMaxAge(), spec.failOnStaleDb(), spec.clock());
            if (spec.database() != null) {
                // A shared open DB is judged by this scan's own limit and clock, not by the one it was opened with.
                databaseWarnings.addAll(freshness.check(spec.database().file(), spec.database().info()));
                return scanWith(spec.database(), databaseWarnings, spec, request, progress);
            }
            try (VulnDb db = VulnDb.open(spec.databaseFile(), freshness)) {
                databaseWarnings.addAll(db.warnings());
                return scanWith(db, databaseWarnings, spec, request, progress);
            }
        } else if (spec.scanType().gated()) {
            return new ImageScanner(spec.clock()).scan(request, null, progress);
        }
        return new ImageScanner(spec.clock()).inventory(request, progress);
    }

    /**
     * Our own SBOMs in both formats, validated as written, when the policy asks for {@code sbom_validation}; the
     * supplied one (read and schema-checked before the pull) against the image's packages.
     */
    private static SbomValidation validateSboms(Policy policy, SbomDocument supplied, ScanResult result, SbomWriter writer) {
        List<SbomCheck> checks = new ArrayList<>();
        if (policy.sbomValidation() != SbomRequirement.DISABLED) {
            for (SbomFormat format : SbomFormat.values()) {
                try {
                    checks.add(SbomDocument.generated(writer, result.image(), result.inventory(), format).check());
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot render the " + format + " SBOM in memory", e);
                }
            }
        }
        if (supplied != null) {
            checks.add(supplied.check(result.inventory()));
        }
        return new SbomValidation(checks);
    }

    /** Read before the image is opened, like every user file: a broken manifest fails in a second, not after a pull. */
    private static ManifestCheckResult checkManifests(ScanSpec spec, Policy policy) {
        if (spec.manifests().isEmpty()) {
            return null;
        }
        Path base = spec.manifestBase();
        List<Path> files = ManifestFiles.expand(spec.manifests().stream().map(base::resolve).toList());
        return ManifestCheck.check(base, files, policy.kubernetes() != null ? policy.kubernetes() : SecurityProfile.restricted());
    }

    /** The result of checking manifests alone: reports name the manifests where an image scan names the image. */
    private static ScanResult manifestsAlone(ScanSpec spec, ManifestCheckResult manifests, long started) {
        ImageMetadata subject = new ImageMetadata("manifests " + String.join(" ", spec.manifests().stream().map(Path::toString).toList()),
                null, null, null, List.of(), List.of(), List.of());
        Instant now = spec.clock().instant();
        return new ScanResult(subject, new Inventory(null, List.of(), manifests.notes()), List.of(), null,
                now.minusNanos(System.nanoTime() - started), Duration.ofNanos(System.nanoTime() - started), manifests.findings(),
                Set.of(CheckKind.KUBERNETES));
    }

    private static ScanResult withManifests(ScanResult image, ManifestCheckResult manifests) {
        if (manifests == null) {
            return image;
        }
        List<String> warnings = new ArrayList<>(image.inventory().warnings());
        warnings.addAll(manifests.notes());
        List<CheckFinding> checks = new ArrayList<>(image.checkFindings());
        checks.addAll(manifests.findings());
        Set<CheckKind> run = EnumSet.of(CheckKind.KUBERNETES);
        run.addAll(image.checksRun());
        Inventory inventory = image.inventory();
        return new ScanResult(image.image(), new Inventory(inventory.os(), inventory.packages(), warnings), image.findings(),
                image.database(), image.startedAt(), image.duration(), checks, run, image.signature());
    }

    private static ScanResult scanWith(VulnDb db, List<String> databaseWarnings, ScanSpec spec, ScanRequest request, Progress progress) {
        Instant now = spec.clock().instant();
        spec.listener().databaseOpened(db.info().builtAt(), db.age(now));
        for (String warning : databaseWarnings) {
            spec.listener().warning(new ScanWarning(ScanWarning.Kind.STALE_DATABASE, warning, db.file().toString()));
        }
        return new ImageScanner(spec.clock()).scan(request, db, progress);
    }

    private static ScanWarning.Kind policyWarningKind(String warning) {
        return warning.startsWith("suppression of ") ? ScanWarning.Kind.SUPPRESSION : ScanWarning.Kind.POLICY;
    }

    /** The stale-DB warning goes into the verdict once, so every report carries it; the listener had it already. */
    private static Assessment withDatabaseWarnings(Assessment assessment, List<String> databaseWarnings) {
        if (databaseWarnings.isEmpty()) {
            return assessment;
        }
        Verdict verdict = assessment.verdict();
        List<String> warnings = new ArrayList<>(databaseWarnings);
        warnings.addAll(verdict.warnings());
        return new Assessment(assessment.findings(), new Verdict(verdict.outcome(), verdict.rules(), warnings, verdict.exitCode()),
                assessment.checks(), assessment.compliance());
    }

    private static Suppressions suppressions(ScanSpec spec) {
        List<Suppressions> parts = new ArrayList<>();
        for (Path file : spec.ignoreFiles()) {
            parts.add(IgnoreFileLoader.loadAny(file));
        }
        for (Path file : spec.vexFiles()) {
            parts.add(VexLoader.load(file));
        }
        return Suppressions.concat(parts);
    }

    /** The policy's secret settings and the spec's together; each rule file read (and checked) once. */
    private static SecretSettings secretSettings(ScanSpec spec, Policy policy) {
        SecretRules rules = SecretRules.builtIn();
        List<String> allowRules = new ArrayList<>(policy.secrets().allowRules());
        allowRules.addAll(spec.secretAllowRules());
        for (Path file : Stream.of(policy.secrets().rulesFile(), spec.secretRulesFile()).filter(Objects::nonNull).distinct().toList()) {
            SecretRuleFile extra = SecretRuleFile.load(file);
            rules = rules.with(extra.rules(), file.toString());
            allowRules.addAll(extra.disabledRules());
        }
        List<String> allowPaths = new ArrayList<>(policy.secrets().allowPaths());
        allowPaths.addAll(spec.secretAllowPaths());
        return new SecretSettings(rules, new SecretAllowList(allowPaths, Set.copyOf(allowRules)));
    }

    private static GateOptions gates(ScanSpec spec) {
        return new GateOptions(spec.severities(), spec.ignoreUnfixed(), spec.exitCodeOnFailure(), spec.failOn());
    }

    private static List<Analyzer> analyzers(ScanSpec spec) {
        List<Analyzer> all = BuiltInAnalyzers.all();
        Set<String> unknown = new TreeSet<>(spec.excludedAnalyzers());
        all.forEach(analyzer -> unknown.remove(analyzer.id()));
        if (!unknown.isEmpty()) {
            throw new InputException("unknown analyzer id " + unknown + "; known: " + all.stream().map(Analyzer::id).toList());
        }
        return all.stream().filter(analyzer -> !spec.excludedAnalyzers().contains(analyzer.id())).toList();
    }

    private static ImageSourceOptions sourceOptions(ScanSpec spec) {
        ImageSourceOptions options = ImageSourceOptions.defaults()
                .withInsecureRegistries(spec.insecureRegistries())
                .withMaxDecompressedBytes(spec.maxImageBytes())
                .withTransport(spec.transport());
        if (spec.platform() != null) {
            options = options.withPlatform(spec.platform());
        }
        if (spec.caFile() != null) {
            options = options.withCaFile(spec.caFile());
        }
        return options;
    }

    /** The caller's credentials as the registry client asks for them, the secret passed on as characters. */
    static io.portcullis.image.registry.RegistryCredentials registryCredentials(RegistryCredentials given) {
        return io.portcullis.image.registry.RegistryCredentials.lookingUp(host -> given.forRegistry(host).map(credential -> {
            char[] secret = credential.secret().chars();
            try {
                return new Credentials(credential.username(), secret);
            } finally {
                java.util.Arrays.fill(secret, '\0');
            }
        }));
    }

    private static List<Path> writeOutputs(ScanSpec spec, Report report, ScanListener listener) {
        List<Path> written = new ArrayList<>();
        SbomWriter sboms = new SbomWriter(report.toolVersion(), spec.clock());
        for (ScanSpec.Output output : spec.outputs()) {
            checkCancelled(spec);
            try {
                if (output.report() != null) {
                    writeReport(output, report);
                } else if (output.file() != null) {
                    sboms.write(report.scan().image(), report.scan().inventory(), output.sbom(), output.file());
                } else {
                    sboms.write(report.scan().image(), report.scan().inventory(), output.sbom(), output.stream());
                }
            } catch (IOException e) {
                throw new InputException("cannot write the " + output.formatName() + " output to "
                        + (output.file() != null ? output.file() : "the stream") + ": " + e.getMessage(), e);
            }
            if (output.file() != null) {
                written.add(output.file());
            }
            listener.reportWritten(output.formatName(), output.file());
        }
        return written;
    }

    private static void writeReport(ScanSpec.Output output, Report report) throws IOException {
        if (output.file() == null) {
            output.report().writer().write(report, output.stream());
            output.stream().flush();
            return;
        }
        Path directory = output.file().toAbsolutePath().getParent();
        Files.createDirectories(directory);
        io.portcullis.output.AtomicFile.write(output.file(), output.formatName() + " report", out -> output.report().writer().write(report, out));
    }

    private static ScanSummary summary(ScanResult result, Assessment assessment, Report report, List<Path> written, Duration took,
                                       Instant now, String toolVersion) {
        Map<Severity, Integer> suppressed = new EnumMap<>(Severity.class);
        Map<Severity, Integer> total = new EnumMap<>(Severity.class);
        for (AssessedFinding finding : assessment.findings()) {
            total.merge(finding.finding().severity(), 1, Integer::sum);
            if (finding.suppressed()) {
                suppressed.merge(finding.finding().severity(), 1, Integer::sum);
            }
        }
        List<FailedRule> failed = new ArrayList<>();
        for (RuleResult rule : assessment.verdict().reasons()) {
            failed.add(new FailedRule(rule.rule(), rule.message()));
        }
        ImageMetadata image = result.image();
        String builtAt = result.database() == null ? null : result.database().builtAt().toString();
        long ageSeconds = result.database() == null ? -1 : Math.max(0, Duration.between(result.database().builtAt(), now).toSeconds());
        return new ScanSummary(assessment.verdict().passed(), SeverityCounts.of(report.openCounts()), SeverityCounts.of(suppressed),
                SeverityCounts.of(total), failed, image.reference(), image.manifestDigest(), builtAt, ageSeconds,
                written.stream().map(Path::toString).toList(), took.toMillis(), toolVersion,
                result.signature().status().name(), result.signature().reason(),
                assessment.compliance().stream().map(b -> new ComplianceScore(b.name(), b.passed(), b.evaluated(),
                        b.failed().stream().map(ControlResult::control).toList())).toList());
    }

    private static void checkCancelled(ScanSpec spec) {
        if (Thread.currentThread().isInterrupted()) {
            throw new ScanCancelledException("scan of " + subject(spec) + " cancelled");
        }
    }

    private static String subject(ScanSpec spec) {
        return spec.image() != null ? spec.image() : "manifests " + spec.manifests();
    }

    private static boolean causedByInterrupt(Throwable e) {
        Set<Throwable> seen = new HashSet<>();
        for (Throwable t = e; t != null && seen.add(t); t = t.getCause()) {
            if (t instanceof io.portcullis.layer.LayerReadInterruptedException || t instanceof ClosedByInterruptException || t instanceof InterruptedException
                    || (t instanceof InterruptedIOException && !(t instanceof java.net.SocketTimeoutException))) {
                return true;
            }
        }
        return false;
    }

    /** Relays the image scan's progress to the host's listener, and stops between layers when the thread is interrupted. */
    private static final class Progress implements ImageScanner.Progress {
        private final ScanListener listener;
        final Set<String> matchingWarnings = new HashSet<>();

        Progress(ScanListener listener) {
            this.listener = listener;
        }

        @Override
        public void imageOpened(ImageMetadata image, int layerCount) {
            listener.imageOpened(image.reference(), image.manifestDigest(), layerCount);
        }

        @Override
        public void layerStarted(int index, int count, Layer layer) {
            if (Thread.currentThread().isInterrupted()) {
                throw new ScanCancelledException("scan cancelled before layer " + (index + 1) + " of " + count);
            }
            listener.layerStarted(index, count, layer.diffId(), -1);
        }

        @Override
        public void layerFinished(int index, int count, Layer layer, boolean fromCache, long bytesRead, Duration took) {
            listener.layerFinished(index, count, layer.diffId(), fromCache, bytesRead, took);
        }

        @Override
        public void matchingDone(int findings, List<String> warnings, Duration took) {
            matchingWarnings.addAll(warnings);
            listener.matchingDone(findings, took);
        }
    }
}
