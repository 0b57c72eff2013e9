package io.portcullis.engine;

import io.portcullis.InputException;
import io.portcullis.image.Platform;
import io.portcullis.layer.LayerLimits;
import io.portcullis.match.Severity;
import io.portcullis.policy.Policy;
import io.portcullis.report.ReportFormat;
import io.portcullis.sbom.SbomFormat;
import io.portcullis.transport.RetryPolicy;
import io.portcullis.transport.TransportSettings;
import io.portcullis.vulndb.Freshness;
import io.portcullis.vulndb.VulnDb;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Everything one scan needs, as values: the image and how to reach it, the policy and suppressions,
 * the DB, the cache and temp directories, the limits, where reports and SBOMs go, the audit log,
 * the clock and the listener. Immutable; build with {@link #builder(String)}. Nothing a scan does
 * is taken from the environment, the user's home or the JVM's standard streams.
 */
public final class ScanSpec {

    /** One report or SBOM to write: to a file (atomically) or to a caller's stream (left open). */
    record Output(ReportFormat report, SbomFormat sbom, Path file, OutputStream stream) {

        String formatName() {
            String name = report != null ? report.name() : sbom.name();
            return name.toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    private final String image;
    private final Platform platform;
    private final RegistryCredentials credentials;
    private final Set<String> insecureRegistries;
    private final Path caFile;
    private final TransportSettings transport;
    private final ScanType scanType;
    private final Policy policy;
    private final Path policyFile;
    private final List<Path> ignoreFiles;
    private final List<Path> vexFiles;
    private final List<Path> signatureKeys;
    private final Path sbomToValidate;
    private final Severity failOn;
    private final Integer exitCodeOnFailure;
    private final boolean ignoreUnfixed;
    private final Set<Severity> severities;
    private final Path databaseFile;
    private final VulnDb database;
    private final Duration dbMaxAge;
    private final boolean failOnStaleDb;
    private final Path cacheDirectory;
    private final Path tempDirectory;
    private final LayerLimits limits;
    private final long maxImageBytes;
    private final List<Output> outputs;
    private final Path auditLog;
    private final String auditUser;
    private final Clock clock;
    private final ScanListener listener;
    private final Set<String> excludedAnalyzers;
    private final Path manifestBase;
    private final List<Path> manifests;
    private final Path secretRulesFile;
    private final List<String> secretAllowPaths;
    private final Set<String> secretAllowRules;

    private ScanSpec(Builder b) {
        image = b.image;
        platform = b.platform;
        credentials = b.credentials;
        insecureRegistries = Set.copyOf(b.insecureRegistries);
        caFile = b.caFile;
        transport = b.transport;
        scanType = b.scanType;
        policy = b.policy;
        policyFile = b.policyFile;
        ignoreFiles = List.copyOf(b.ignoreFiles);
        vexFiles = List.copyOf(b.vexFiles);
        signatureKeys = List.copyOf(b.signatureKeys);
        sbomToValidate = b.sbomToValidate;
        failOn = b.failOn;
        exitCodeOnFailure = b.exitCodeOnFailure;
        ignoreUnfixed = b.ignoreUnfixed;
        severities = b.severities.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(b.severities));
        databaseFile = b.databaseFile;
        database = b.database;
        dbMaxAge = b.dbMaxAge;
        failOnStaleDb = b.failOnStaleDb;
        cacheDirectory = b.cacheDirectory;
        tempDirectory = b.tempDirectory;
        limits = b.limits;
        maxImageBytes = b.maxImageBytes;
        outputs = List.copyOf(b.outputs);
        auditLog = b.auditLog;
        auditUser = b.auditUser;
        clock = b.clock;
        listener = b.listener;
        excludedAnalyzers = Set.copyOf(b.excludedAnalyzers);
        manifestBase = b.manifestBase;
        manifests = List.copyOf(b.manifests);
        secretRulesFile = b.secretRulesFile;
        secretAllowPaths = List.copyOf(b.secretAllowPaths);
        secretAllowRules = Set.copyOf(b.secretAllowRules);
    }

    /**
     * @param image "alpine:3.11", "registry:host/repo:tag", "docker-archive:app.tar", "oci:DIR[:TAG]",
     *     "rootfs:DIR", or a path whose kind is sniffed
     */
    public static Builder builder(String image) {
        if (image == null || image.isBlank()) {
            throw new InputException("empty image reference");
        }
        return new Builder(image);
    }

    /**
     * A check of Kubernetes manifests alone ({@code portcullis k8s}): no image, no DB; the findings go through the
     * same suppressions, gates and reports as an image scan's, and reports name the manifests where they name an image.
     *
     * @param base what relative paths are resolved against and file names are shown relative to (the working directory)
     * @param paths manifest files and directories (every .yaml, .yml, .json under them)
     */
    public static Builder forManifests(Path base, List<Path> paths) {
        if (paths == null || paths.isEmpty()) {
            throw new InputException("no manifest file or directory given");
        }
        return new Builder(null).manifests(base, paths);
    }

    /** The image reference; null for a check of manifests alone ({@link #forManifests}). */
    public String image() {
        return image;
    }

    /** Manifest files and directories checked with the scan; empty when none were given. */
    public List<Path> manifests() {
        return manifests;
    }

    /** What {@link #manifests()} are resolved against and named relative to. */
    public Path manifestBase() {
        return manifestBase;
    }

    /** The platform to pick from a multi-platform image; null means linux/amd64. */
    public Platform platform() {
        return platform;
    }

    public RegistryCredentials credentials() {
        return credentials;
    }

    public Set<String> insecureRegistries() {
        return insecureRegistries;
    }

    public Path caFile() {
        return caFile;
    }

    /**
     * How every HTTP request of the scan is made (registry pulls, signature tag reads): the timeouts, retries,
     * proxy and transfer limits set here, {@link TransportSettings#defaults()} for the rest.
     */
    public TransportSettings transport() {
        return transport;
    }

    public ScanType scanType() {
        return scanType;
    }

    /** The policy object, or null when a file (or none) was given. */
    public Policy policy() {
        return policy;
    }

    public Path policyFile() {
        return policyFile;
    }

    public List<Path> ignoreFiles() {
        return ignoreFiles;
    }

    public List<Path> vexFiles() {
        return vexFiles;
    }

    /** PEM public key files the image's signature is verified with, besides any the policy names. */
    public List<Path> signatureKeys() {
        return signatureKeys;
    }

    /** A user-supplied SBOM to validate against its schema and the image's packages, or null. */
    public Path sbomToValidate() {
        return sbomToValidate;
    }

    public Severity failOn() {
        return failOn;
    }

    /** Null when not set (reports then record 1). */
    public Integer exitCodeOnFailure() {
        return exitCodeOnFailure;
    }

    public boolean ignoreUnfixed() {
        return ignoreUnfixed;
    }

    public Set<Severity> severities() {
        return severities;
    }

    public Path databaseFile() {
        return databaseFile;
    }

    public VulnDb database() {
        return database;
    }

    public Duration dbMaxAge() {
        return dbMaxAge;
    }

    public boolean failOnStaleDb() {
        return failOnStaleDb;
    }

    public Path cacheDirectory() {
        return cacheDirectory;
    }

    public Path tempDirectory() {
        return tempDirectory;
    }

    public LayerLimits limits() {
        return limits;
    }

    public long maxImageBytes() {
        return maxImageBytes;
    }

    List<Output> outputs() {
        return outputs;
    }

    public Path auditLog() {
        return auditLog;
    }

    public String auditUser() {
        return auditUser;
    }

    public Clock clock() {
        return clock;
    }

    public ScanListener listener() {
        return listener;
    }

    public Set<String> excludedAnalyzers() {
        return excludedAnalyzers;
    }

    /** Extra secret rules (YAML, docs/secrets.md), or null; the policy file may name another one. */
    public Path secretRulesFile() {
        return secretRulesFile;
    }

    /** Globs of paths whose secret matches are not reported, besides the policy's. */
    public List<String> secretAllowPaths() {
        return secretAllowPaths;
    }

    /** Secret rule ids that are not reported, besides the policy's. */
    public Set<String> secretAllowRules() {
        return secretAllowRules;
    }

    public static final class Builder {
        private final String image;
        private Platform platform;
        private RegistryCredentials credentials = RegistryCredentials.none();
        private Set<String> insecureRegistries = new LinkedHashSet<>();
        private Path caFile;
        private TransportSettings transport = TransportSettings.defaults();
        private ScanType scanType = ScanType.VULNERABILITY;
        private Policy policy;
        private Path policyFile;
        private final List<Path> ignoreFiles = new ArrayList<>();
        private final List<Path> vexFiles = new ArrayList<>();
        private final List<Path> signatureKeys = new ArrayList<>();
        private Path sbomToValidate;
        private Severity failOn;
        private Integer exitCodeOnFailure;
        private boolean ignoreUnfixed;
        private Set<Severity> severities = Set.of();
        private Path databaseFile;
        private VulnDb database;
        private Duration dbMaxAge = Freshness.DEFAULT_MAX_AGE;
        private boolean failOnStaleDb;
        private Path cacheDirectory;
        private Path tempDirectory;
        private LayerLimits limits = LayerLimits.DEFAULT;
        private long maxImageBytes = io.portcullis.image.ImageSourceOptions.DEFAULT_MAX_DECOMPRESSED_BYTES;
        private final List<Output> outputs = new ArrayList<>();
        private Path auditLog;
        private String auditUser;
        private Clock clock = Clock.systemUTC();
        private ScanListener listener = ScanListener.none();
        private Set<String> excludedAnalyzers = Set.of();
        private Path manifestBase = Path.of("");
        private List<Path> manifests = List.of();
        private Path secretRulesFile;
        private final List<String> secretAllowPaths = new ArrayList<>();
        private final Set<String> secretAllowRules = new LinkedHashSet<>();

        private Builder(String image) {
            this.image = image;
        }

        /**
         * Kubernetes manifests (files, or directories of .yaml, .yml, .json files) to check with the image, against
         * the policy's {@code kubernetes} profile (the built-in restricted profile without one). Relative paths are
         * resolved against {@code base}, and reports name files relative to it (a CI workspace).
         */
        public Builder manifests(Path base, List<Path> paths) {
            this.manifestBase = Objects.requireNonNull(base, "base");
            this.manifests = List.copyOf(paths);
            return this;
        }

        /** "linux/arm64", "linux/arm/v7"; null means linux/amd64. */
        public Builder platform(String osArchVariant) {
            this.platform = osArchVariant == null ? null : Platform.parse(osArchVariant);
            return this;
        }

        /** The only credentials the scan uses. */
        public Builder credentials(RegistryCredentials c) {
            this.credentials = c == null ? RegistryCredentials.none() : c;
            return this;
        }

        /** Registries (host[:port]) reached over plain HTTP. */
        public Builder insecureRegistries(Set<String> hostPorts) {
            this.insecureRegistries = new LinkedHashSet<>(hostPorts == null ? Set.of() : hostPorts);
            return this;
        }

        /** Extra PEM CA certificates to trust for registries. */
        public Builder caFile(Path pem) {
            this.caFile = pem;
            return this;
        }

        public Builder registryTimeouts(Duration connect, Duration read) {
            // A null keeps that timeout's default.
            transport = transport.withTimeouts(connect != null ? positive(connect, "connect timeout") : transport.connectTimeout(),
                    read != null ? positive(read, "read timeout") : transport.readTimeout());
            return this;
        }

        /** How many times a failed registry request is retried (0: not at all). */
        public Builder registryRetries(int n) {
            if (n < 0) {
                throw new InputException("registry retries must be zero or more, got " + n);
            }
            transport = transport.withRetryPolicy(RetryPolicy.retries(n));
            return this;
        }

        /** An HTTP(S) proxy for registry requests; null means direct. */
        public Builder proxy(ProxySettings p) {
            transport = transport.withProxy(p);
            return this;
        }

        /** Every transport setting at once, as a host that already holds them as one value passes them. */
        public Builder transport(TransportSettings settings) {
            transport = Objects.requireNonNull(settings, "transport");
            return this;
        }

        /**
         * The slowest a registry may send: fewer than {@code bytesPerSecond} averaged over {@code window} fails the
         * request as stalled (0: no floor). Default 1 KiB/s over 30 s.
         */
        public Builder minTransferRate(long bytesPerSecond, Duration window) {
            if (bytesPerSecond < 0) {
                throw new InputException("the minimum transfer rate must be zero or more, got " + bytesPerSecond);
            }
            transport = transport.withMinTransferRate(bytesPerSecond, positive(Objects.requireNonNull(window, "window"), "transfer rate window"));
            return this;
        }

        /** The longest one registry request (a manifest, a whole layer blob) may take. Default one hour. */
        public Builder transferDeadline(Duration deadline) {
            transport = transport.withTransferDeadline(positive(Objects.requireNonNull(deadline, "deadline"), "transfer deadline"));
            return this;
        }

        public Builder scanType(ScanType t) {
            this.scanType = Objects.requireNonNull(t, "scanType");
            return this;
        }

        /** A policy object; replaces {@link #policyFile}. */
        public Builder policy(Policy p) {
            this.policy = p;
            this.policyFile = null;
            return this;
        }

        /** A policy YAML file (the security_gates block), loaded before the image is read; replaces {@link #policy}. */
        public Builder policyFile(Path yaml) {
            this.policyFile = yaml;
            this.policy = null;
            return this;
        }

        /** A .portcullisignore.yaml or .trivyignore; repeatable. None by default. */
        public Builder ignoreFile(Path f) {
            ignoreFiles.add(Objects.requireNonNull(f, "ignore file"));
            return this;
        }

        /**
         * PEM public key files (ECDSA P-256, RSA, Ed25519) to verify the image's cosign signature with; adds to earlier
         * calls. With none (and none in the policy) the signature is not looked up and {@code signing_required} fails.
         */
        public Builder signatureKeys(List<Path> files) {
            files.forEach(f -> signatureKeys.add(Objects.requireNonNull(f, "signature key file")));
            return this;
        }

        /**
         * An SBOM (CycloneDX 1.2-1.6 JSON or SPDX 2.3 JSON) that must be schema-valid and list every package found in the
         * image; read before the image is opened (a bad file is an {@link io.portcullis.InputException}). Gated as
         * {@code sbom_validation}: required unless the policy says {@code optional}. Null for none.
         */
        public Builder sbomToValidate(Path file) {
            sbomToValidate = file;
            return this;
        }

        /** An OpenVEX or CycloneDX VEX document; repeatable. */
        public Builder vexFile(Path f) {
            vexFiles.add(Objects.requireNonNull(f, "VEX file"));
            return this;
        }

        /** Fail when any counted finding is at or above this severity; null: the policy alone decides. */
        public Builder failOn(Severity s) {
            this.failOn = s;
            return this;
        }

        /**
         * Trivy's {@code --exit-code N}: the exit code a failed gate maps to, as reports record it
         * ({@code verdict.exitCode} of the JSON report; the engine itself exits nothing). When
         * neither the policy nor {@link #failOn} sets a gate, a non-zero code also makes any shown
         * finding fail the gate, as in Trivy. Default: 1, and no such rule.
         */
        public Builder exitCodeOnFailure(int code) {
            if (code < 0 || code > 255) {
                throw new InputException("--exit-code must be between 0 and 255, got " + code);
            }
            this.exitCodeOnFailure = code;
            return this;
        }

        /** Neither show nor count findings without a fixed version. */
        public Builder ignoreUnfixed(boolean b) {
            this.ignoreUnfixed = b;
            return this;
        }

        /** The severities shown in human-facing reports; empty means all. */
        public Builder severities(Set<Severity> shown) {
            this.severities = shown == null ? Set.of() : Set.copyOf(shown);
            return this;
        }

        /** A DB file, opened read-only and closed by the scan. */
        public Builder database(Path sqliteFile) {
            this.databaseFile = sqliteFile;
            this.database = null;
            return this;
        }

        /** An open DB, shared between scans; the caller closes it. */
        public Builder database(VulnDb open) {
            this.database = open;
            this.databaseFile = null;
            return this;
        }

        /** Age past which the DB draws a warning (or, with {@link #failOnStaleDb}, fails the scan). Default 7 days. */
        public Builder dbMaxAge(Duration d) {
            this.dbMaxAge = positive(d, "DB max age");
            return this;
        }

        public Builder failOnStaleDb(boolean b) {
            this.failOnStaleDb = b;
            return this;
        }

        /** The layer analysis cache; null means none. Safe to share between concurrent scans and processes. */
        public Builder cacheDirectory(Path dir) {
            this.cacheDirectory = dir;
            return this;
        }

        /**
         * Where every temp file of the scan goes (a decompressed archive, copies of files analyzers need
         * random access to, a large jar); required, an existing directory. The engine never picks one
         * itself: the CLI passes {@code java.io.tmpdir} unless told otherwise, a CI host its agent's temp dir.
         */
        public Builder tempDirectory(Path dir) {
            this.tempDirectory = dir;
            return this;
        }

        /** Decompression limits per layer and per analysed file. */
        public Builder limits(LayerLimits l) {
            this.limits = Objects.requireNonNull(l, "limits");
            return this;
        }

        /** Most bytes a compressed archive may decompress to when it is unpacked for random access. */
        public Builder maxImageBytes(long bytes) {
            if (bytes <= 0) {
                throw new InputException("the image size limit must be positive, got " + bytes);
            }
            this.maxImageBytes = bytes;
            return this;
        }

        /** Writes a report to {@code file} atomically (its directory is created). Repeatable. */
        public Builder report(ReportFormat f, Path file) {
            outputs.add(new Output(Objects.requireNonNull(f, "format"), null, Objects.requireNonNull(file, "file"), null));
            return this;
        }

        /** Writes a report to {@code out}, flushed and left open. */
        public Builder report(ReportFormat f, OutputStream out) {
            outputs.add(new Output(Objects.requireNonNull(f, "format"), null, null, Objects.requireNonNull(out, "stream")));
            return this;
        }

        public Builder sbom(SbomFormat f, Path file) {
            outputs.add(new Output(null, Objects.requireNonNull(f, "format"), Objects.requireNonNull(file, "file"), null));
            return this;
        }

        public Builder sbom(SbomFormat f, OutputStream out) {
            outputs.add(new Output(null, Objects.requireNonNull(f, "format"), null, Objects.requireNonNull(out, "stream")));
            return this;
        }

        /** Appends one JSON line per scan to {@code jsonLines}, naming {@code user}. */
        public Builder auditLog(Path jsonLines, String user) {
            this.auditLog = jsonLines;
            this.auditUser = user;
            return this;
        }

        public Builder clock(Clock c) {
            this.clock = Objects.requireNonNull(c, "clock");
            return this;
        }

        public Builder listener(ScanListener l) {
            this.listener = l == null ? ScanListener.none() : l;
            return this;
        }

        /** Leaves out analyzers by id (for measuring what one costs; a left-out analyzer shortens the SBOM). */
        public Builder excludeAnalyzers(Set<String> ids) {
            this.excludedAnalyzers = Set.copyOf(ids);
            return this;
        }

        /** Extra secret rules from a YAML file (docs/secrets.md); a bad one fails the scan with exit code 3. */
        public Builder secretRulesFile(Path file) {
            this.secretRulesFile = file;
            return this;
        }

        /** A glob over root-relative paths whose secret matches are not reported ({@code **} crosses directories). */
        public Builder secretAllowPath(String glob) {
            secretAllowPaths.add(Objects.requireNonNull(glob, "glob"));
            return this;
        }

        /** A secret rule id whose matches are not reported. */
        public Builder secretAllowRule(String ruleId) {
            secretAllowRules.add(Objects.requireNonNull(ruleId, "rule id"));
            return this;
        }

        /**
         * @throws InputException on a combination that cannot work: a vulnerability scan without a DB, no
         *     temp directory, a file output that is a directory or not writable, two outputs to one file or one stream
         */
        public ScanSpec build() {
            if (image == null && manifests.isEmpty()) {
                throw new InputException("a check of manifests alone needs at least one manifest");
            }
            if (!manifests.isEmpty() && !scanType.gated()) {
                // The manifests' findings only exist for the gate: an ungated scan would drop them and pass.
                throw new InputException("scan type sbom runs no gate, so the manifests would not be checked; "
                        + "use vulnerability, config, secret or all with manifests");
            }
            if (image != null && tempDirectory == null) {
                throw new InputException("a scan needs a temp directory: ScanSpec.Builder.tempDirectory(...)");
            }
            if (tempDirectory != null && !Files.isDirectory(tempDirectory)) {
                throw new InputException("the temp directory " + tempDirectory + " does not exist or is not a directory");
            }
            if (image != null && scanType.matchesVulnerabilities() && databaseFile == null && database == null) {
                throw new InputException("a vulnerability scan needs a database: ScanSpec.Builder.database(...)");
            }
            if (sbomToValidate != null && (image == null || !scanType.gated())) {
                // Silently skipping the check would read as a pass.
                throw new InputException("an SBOM to validate (" + sbomToValidate + ") needs an image scan that is gated: "
                        + (image == null ? "there is no image" : "scan type " + scanType.name().toLowerCase(java.util.Locale.ROOT) + " only inventories"));
            }
            if (auditLog != null && (auditUser == null || auditUser.isBlank())) {
                throw new InputException("the audit log needs the user the scan runs for");
            }
            Set<Path> files = new java.util.HashSet<>();
            Set<OutputStream> streams = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
            for (Output output : outputs) {
                if (output.file() != null) {
                    if (!files.add(output.file().toAbsolutePath().normalize())) {
                        throw new InputException("two outputs go to " + output.file() + "; give each its own file");
                    }
                    checkWritable(output.file(), output.report() != null ? "report" : "SBOM");
                } else if (!streams.add(output.stream())) {
                    throw new InputException("two outputs go to the same stream; they would interleave");
                }
            }
            return new ScanSpec(this);
        }

        private static void checkWritable(Path target, String what) {
            if (Files.isDirectory(target)) {
                throw new InputException("cannot write " + what + " " + target + ": it is a directory");
            }
            Path existing = target.toAbsolutePath().getParent();
            while (existing != null && !Files.exists(existing)) {
                existing = existing.getParent();
            }
            if (existing == null || !Files.isDirectory(existing) || !Files.isWritable(existing)) {
                throw new InputException("cannot write " + what + " " + target + ": " + existing + " is not a writable directory");
            }
        }

        private static Duration positive(Duration d, String what) {
            if (d != null && (d.isNegative() || d.isZero())) {
                throw new InputException(what + " must be positive, got " + d);
            }
            return d;
        }
    }
}
