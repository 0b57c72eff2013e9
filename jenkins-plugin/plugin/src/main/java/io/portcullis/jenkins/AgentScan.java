package io.portcullis.jenkins;

import hudson.AbortException;
import hudson.model.TaskListener;
import hudson.remoting.VirtualChannel;
import io.portcullis.InputException;
import io.portcullis.engine.DatabaseProvisioner;
import io.portcullis.engine.DatabaseSource;
import io.portcullis.engine.RegistryCredential;
import io.portcullis.engine.RegistryCredentials;
import io.portcullis.engine.ScanCancelledException;
import io.portcullis.engine.ScanEngine;
import io.portcullis.engine.ScanListener;
import io.portcullis.engine.ScanOutcome;
import io.portcullis.engine.ScanSpec;
import io.portcullis.engine.ScanType;
import io.portcullis.engine.Secret;
import io.portcullis.kubernetes.ManifestFiles;
import io.portcullis.match.Severity;
import io.portcullis.report.ReportFormat;
import io.portcullis.sbom.SbomFormat;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import jenkins.MasterToSlaveFileCallable;

/**
 * One image scan in the agent JVM that holds the workspace: registry traffic and layer I/O stay on the agent,
 * and only the compact {@link ScanRecord} travels back. The registry password crosses inside this callable as a
 * char array and is wiped once the engine has its credential.
 */
final class AgentScan extends MasterToSlaveFileCallable<ScanRecord> {
    private static final long serialVersionUID = 1L;

    private final ScanParameters parameters;
    private final String username;
    private final char[] password;
    private final TaskListener listener;

    AgentScan(ScanParameters parameters, String username, char[] password, TaskListener listener) {
        this.parameters = parameters;
        this.username = username;
        this.password = password;
        this.listener = listener;
    }

    @Override
    public ScanRecord invoke(File workspaceDir, VirtualChannel channel) throws IOException, InterruptedException {
        Path workspace = workspaceDir.toPath().toAbsolutePath();
        PrintStream log = listener.getLogger();
        Path temp = Files.createTempDirectory(tempRoot(workspace), "portcullis");
        try {
            ScanListener progress = new ConsoleProgress(log);
            ScanType scanType = parameters.scanType == null ? ScanType.VULNERABILITY : ScanType.parse(parameters.scanType);
            Path out = workspace.resolve(parameters.outputFolder);
            Files.createDirectories(out);
            ScanSpec.Builder spec = ScanSpec.builder(imageArgument(workspace))
                    .platform(parameters.platform)
                    .scanType(scanType)
                    .ignoreUnfixed(parameters.ignoreUnfixed)
                    .insecureRegistries(parameters.insecureRegistries)
                    .tempDirectory(temp)
                    .cacheDirectory(cacheDirectory().resolve("layers"))
                    .listener(progress);
            if (!parameters.manifests.isEmpty()) {
                // Resolved here, on the agent that holds the workspace; the engine names them relative to it in every report.
                spec.manifests(workspace, ManifestFiles.matching(workspace, String.join("\n", parameters.manifests)));
            }
            // As in the CLI and the Azure DevOps task: only a scan that matches vulnerabilities needs (and downloads) the data.
            if (scanType.matchesVulnerabilities()) {
                DatabaseSource source = DatabaseSource.parse(parameters.dbSource);
                Path db = new DatabaseProvisioner(cacheDirectory(), temp, progress)
                        .mavenIndex(parameters.mavenRepository)
                        .ensureFresh(source, Duration.ofSeconds(parameters.maxDbAgeSeconds));
                log.println("Portcullis: vulnerability data from " + ConsoleText.safe(source.toString()) + " in " + db);
                spec.database(db);
            }
            if (parameters.image != null && username != null) {
                spec.credentials(RegistryCredentials.of(
                        RegistryCredential.basic(ImageReferences.registry(parameters.image), username, Secret.of(password))));
            }
            if (parameters.policy != null) {
                spec.policyFile(inWorkspace(workspace, parameters.policy));
            }
            if (parameters.failOn != null) {
                spec.failOn(severity(parameters.failOn));
            }
            if (parameters.ignoreFile != null) {
                spec.ignoreFile(inWorkspace(workspace, parameters.ignoreFile));
            }
            for (String v : parameters.vex) {
                spec.vexFile(inWorkspace(workspace, v));
            }
            spec.signatureKeys(parameters.signatureKeys.stream().map(k -> inWorkspace(workspace, k)).toList());
            if (parameters.sbom != null) {
                spec.sbomToValidate(inWorkspace(workspace, parameters.sbom));
            }
            List<String> written = new ArrayList<>();
            // The tab reads the JSON report, so it is always written, first.
            addReport(spec, ReportFormat.JSON, out, written, workspace);
            for (String f : parameters.reportFormats) {
                ReportFormat format = ReportFormat.parse(f);
                if (format != ReportFormat.JSON) {
                    addReport(spec, format, out, written, workspace);
                }
            }
            for (String f : parameters.sbomFormats) {
                SbomFormat format = sbomFormat(f);
                Path file = out.resolve(format == SbomFormat.SPDX_JSON ? "sbom.spdx.json" : "sbom.cdx.json");
                spec.sbom(format, file);
                written.add(workspace.relativize(file).toString());
            }
            ScanOutcome outcome = new ScanEngine().scan(spec.build());
            return ScanRecord.of(outcome.summary(), written);
        } catch (ScanCancelledException e) {
            InterruptedException interrupted = new InterruptedException("scan aborted");
            interrupted.initCause(e);
            throw interrupted;
        } catch (InputException e) {
            throw new AbortException("Portcullis: " + ConsoleText.safe(e.getMessage()));
        } finally {
            if (password != null) {
                Arrays.fill(password, '\0');
            }
            deleteRecursively(temp);
        }
    }

    private static void addReport(ScanSpec.Builder spec, ReportFormat format, Path out, List<String> written, Path workspace) {
        Path file = out.resolve(reportFileName(format));
        spec.report(format, file);
        written.add(workspace.relativize(file).toString());
    }

    static String reportFileName(ReportFormat format) {
        return switch (format) {
            case JSON -> "report.json";
            case SARIF -> "report.sarif";
            case HTML -> "report.html";
            case JUNIT -> "junit.xml";
            case MARKDOWN -> "report.md";
            case PROMETHEUS -> "metrics.prom";
            case CYCLONEDX -> "vdr.cdx.json";
            case CYCLONEDX_VEX -> "vex.cdx.json";
            case TABLE -> "report.txt";
        };
    }

    private String imageArgument(Path workspace) {
        if (parameters.image != null) {
            return parameters.image;
        }
        return inWorkspace(workspace, parameters.input).toString();
    }

    /** A relative path names a file in the workspace; it may not climb out of it. */
    private static Path inWorkspace(Path workspace, String relative) {
        Path p = workspace.resolve(relative).normalize();
        if (!p.startsWith(workspace)) {
            throw new InputException("'" + relative + "' is outside the workspace");
        }
        return p;
    }

    private static Severity severity(String s) {
        try {
            return Severity.parse(s);
        } catch (IllegalArgumentException e) {
            throw new InputException("failOn must be one of critical, high, medium, low, unknown, not '" + s + "'");
        }
    }

    private static SbomFormat sbomFormat(String s) {
        return switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "cyclonedx", "cyclonedx-json", "cdx" -> SbomFormat.CYCLONEDX_JSON;
            case "spdx", "spdx-json" -> SbomFormat.SPDX_JSON;
            default -> throw new InputException("sbomFormats: unknown SBOM format '" + s + "' (known: cyclonedx, spdx)");
        };
    }

    /** The agent's own cache, shared by the builds on this agent; the engine locks it for a DB refresh. */
    private Path cacheDirectory() {
        if (parameters.cacheDirectory != null && !parameters.cacheDirectory.isBlank()) {
            return Path.of(parameters.cacheDirectory);
        }
        return Path.of(System.getProperty("user.home"), ".cache", "portcullis");
    }

    /** Jenkins' convention: a workspace's temporary files go to the sibling folder "<workspace>@tmp". */
    private static Path tempRoot(Path workspace) throws IOException {
        Path tmp = workspace.resolveSibling(workspace.getFileName() + "@tmp");
        Files.createDirectories(tmp);
        return tmp;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Progress lines in the build log; every string that came from the image or the data is made safe first. */
    private static final class ConsoleProgress implements ScanListener {
        private final PrintStream log;

        ConsoleProgress(PrintStream log) {
            this.log = log;
        }

        @Override
        public void imageOpened(String reference, String digest, int layerCount) {
            log.println("Portcullis: scanning " + ConsoleText.safe(reference) + (digest != null ? " (" + ConsoleText.safe(digest) + ")" : "")
                    + ", " + layerCount + " layer(s)");
        }

        @Override
        public void databaseOpened(Instant builtAt, Duration age) {
            log.println("Portcullis: vulnerability data built " + builtAt + " (" + age.toHours() + " h old)");
        }

        @Override
        public void matchingDone(int findings, Duration took) {
            log.println("Portcullis: " + findings + " finding(s) in " + took.toMillis() + " ms");
        }

        @Override
        public void warning(io.portcullis.engine.ScanWarning w) {
            log.println("Portcullis warning: " + ConsoleText.safe(w.message()));
        }
    }
}
