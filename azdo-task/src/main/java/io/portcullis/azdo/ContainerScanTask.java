package io.portcullis.azdo;

import io.portcullis.InputException;
import io.portcullis.engine.DatabaseProvisioner;
import io.portcullis.engine.DatabaseSource;
import io.portcullis.engine.FailedRule;
import io.portcullis.engine.ProxySettings;
import io.portcullis.engine.RegistryCredentials;
import io.portcullis.engine.ScanCancelledException;
import io.portcullis.engine.ScanEngine;
import io.portcullis.engine.ScanOutcome;
import io.portcullis.engine.ScanSpec;
import io.portcullis.engine.ScanSummary;
import io.portcullis.engine.ScanType;
import io.portcullis.engine.SeverityCounts;
import io.portcullis.kubernetes.ManifestFiles;
import io.portcullis.report.ReportFormat;
import io.portcullis.sbom.SbomFormat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One run of the ContainerScan task: the agent's environment in, one engine scan, and the outcome
 * published as logging commands. Exit codes are the CLI's: 0 passed (or gate failed with
 * failOnIssues false), 1 gate failed, 2 bad task input, 3 bad scan input, 4 internal error.
 */
final class ContainerScanTask {

    static final String ATTACHMENT_TYPE = "portcullis.report";
    static final String TAB_CONTRIBUTION = "portcullis.portcullis-container-scan.container-security-tab";
    private static final Duration DB_MAX_AGE = Duration.ofHours(24);

    private final Map<String, String> rawEnv;
    private final TaskEnvironment env;
    private final AgentLog log;

    ContainerScanTask(Map<String, String> env, AgentLog log) {
        this.rawEnv = Map.copyOf(env);
        this.env = new TaskEnvironment(env);
        this.log = log;
    }

    int run() {
        for (String secret : SecretValues.in(rawEnv)) {
            log.command(LoggingCommand.setSecret(secret));
        }
        try {
            return scanAndPublish(ScanInputs.read(env));
        } catch (TaskInputException e) {
            return fail(e.getMessage(), 2);
        } catch (InputException e) {
            return fail(e.getMessage(), 3);
        } catch (ScanCancelledException e) {
            return fail("the scan was cancelled", 4);
        } catch (RuntimeException | LinkageError e) {
            // The agent must still get a result: anything unexpected fails the task with its name.
            e.printStackTrace(log.err());
            return fail("internal error: " + e, 4);
        }
    }

    private int scanAndPublish(ScanInputs inputs) {
        Path temp = env.variable("Agent.TempDirectory").map(Path::of).orElse(Path.of(System.getProperty("java.io.tmpdir")));
        Path cache = env.variable("Agent.ToolsDirectory").map(Path::of).map(p -> p.resolve("portcullis"))
                .orElse(temp.resolve("portcullis-cache"));
        ScanFiles files = new ScanFiles(createDirectories(temp, "portcullis-scan-"));
        AgentScanListener listener = new AgentScanListener(log);
        RegistryCredentials credentials = inputs.connection().map(RegistryServiceConnection::credentials)
                .orElse(RegistryCredentials.none());
        Optional<AgentProxy> agentProxy = AgentProxy.read(env);
        agentProxy.ifPresent(p -> p.unusedBypassEntries().forEach(entry -> log.command(LoggingCommand.of("task", "logissue",
                Map.of("type", "warning"), "the agent's proxy bypass entry " + entry + " is not a host or domain: requests to it go through the proxy"))));
        ProxySettings proxy = agentProxy.map(AgentProxy::settings).orElse(null);

        ScanSpec.Builder spec = ScanSpec.builder(inputs.image())
                .credentials(credentials)
                .insecureRegistries(inputs.insecureRegistries())
                .proxy(proxy)
                .scanType(inputs.scanType())
                .failOn(inputs.failOn())
                .ignoreUnfixed(inputs.ignoreUnfixed())
                .cacheDirectory(createDirectories(cache.resolve("layers"), null))
                .tempDirectory(temp)
                .listener(listener)
                .report(ReportFormat.TABLE, log.out());
        if (inputs.platform() != null) {
            spec.platform(inputs.platform());
        }
        inputs.policyFile().ifPresent(spec::policyFile);
        inputs.ignoreFile().ifPresent(spec::ignoreFile);
        inputs.vexFiles().forEach(spec::vexFile);
        spec.signatureKeys(inputs.signatureKeys());
        inputs.sbom().ifPresent(spec::sbomToValidate);
        if (!inputs.manifests().isEmpty()) {
            Path sources = inputs.sourcesDirectory();
            spec.manifests(sources, ManifestFiles.matching(sources, String.join("\n", inputs.manifests())));
        }
        for (ReportFormat format : inputs.reportFormats()) {
            spec.report(format, files.report(format));
        }
        for (SbomFormat format : inputs.sbomFormats()) {
            spec.sbom(format, files.sbom(format));
        }
        if (inputs.scanType() == ScanType.VULNERABILITY || inputs.scanType() == ScanType.ALL) {
            DatabaseSource source;
            try {
                source = DatabaseSource.parse(inputs.dbSource());
            } catch (InputException e) {
                throw new TaskInputException("input dbSource: " + e.getMessage());
            }
            Path db = new DatabaseProvisioner(createDirectories(cache.resolve("db"), null), temp, listener)
                    .registryAccess(credentials, inputs.insecureRegistries(), null, proxy)
                    .mavenIndex(inputs.mavenRepository())
                    .ensureFresh(source, DB_MAX_AGE);
            spec.database(db);
        }

        ScanOutcome outcome = new ScanEngine().scan(spec.build());
        log.out().flush();
        return publish(inputs, files, outcome.summary());
    }

    private int publish(ScanInputs inputs, ScanFiles files, ScanSummary summary) {
        ScanName name = ScanName.of(summary.getImageDigest(), summary.getImageReference(), env.variable("System.TaskInstanceId"));
        Path report = files.report(ReportFormat.JSON);
        log.command(LoggingCommand.of("task", "addattachment",
                ordered("type", ATTACHMENT_TYPE, "name", name.attachmentName()), report.toString()));
        Path summaryFile = moveTo(files.report(ReportFormat.MARKDOWN), files.directory().resolve(name.summaryFileName()));
        log.command(LoggingCommand.of("task", "uploadsummary", Map.of(), summaryFile.toString()));
        if (inputs.publishTestResults()) {
            log.command(LoggingCommand.of("results", "publish", ordered("type", "JUnit", "mergeResults", "false",
                    "runTitle", "Container scan " + summary.getImageReference(),
                    "resultFiles", files.report(ReportFormat.JUNIT).toString()), ""));
        }
        log.command(LoggingCommand.of("artifact", "upload",
                ordered("containerfolder", name.artifactName(), "artifactname", name.artifactName()), files.directory().toString()));
        log.command(LoggingCommand.of("build", "addbuildtag", Map.of(), summary.isPassed() ? "container-scan:pass" : "container-scan:fail"));
        String sbomPath = inputs.sbomFormats().isEmpty() ? "" : files.sbom(inputs.sbomFormats().get(0)).toString();
        TaskOutputs.of(summary, report.toString(), sbomPath).forEach((variable, value) ->
                log.command(LoggingCommand.of("task", "setvariable", ordered("variable", variable, "isOutput", "true"), value)));
        if (inputs.prStatus()) {
            postPullRequestStatus(summary);
        }

        String counts = counts(summary.getOpen());
        if (summary.isPassed()) {
            return complete("Succeeded", "Container scan passed: " + counts, 0);
        }
        String rules = summary.getFailedRules().stream().map(r -> r.getRule() + ": " + r.getMessage())
                .collect(Collectors.joining("; "));
        String message = "Container scan gate failed: " + rules;
        if (inputs.failOnIssues()) {
            log.command(LoggingCommand.of("task", "logissue", Map.of("type", "error"), message));
            return complete("Failed", message, 1);
        }
        log.command(LoggingCommand.of("task", "logissue", Map.of("type", "warning"), message + " (failOnIssues is false)"));
        return complete("SucceededWithIssues", message, 0);
    }

    private void postPullRequestStatus(ScanSummary summary) {
        Optional<String> pullRequest = env.variable("System.PullRequest.PullRequestId");
        if (!env.variable("Build.Reason").map("PullRequest"::equalsIgnoreCase).orElse(false) || pullRequest.isEmpty()) {
            log.info("prStatus: not a pull-request build, no status posted");
            return;
        }
        if (!env.variable("Build.Repository.Provider").map("TfsGit"::equalsIgnoreCase).orElse(false)) {
            log.info("prStatus: the repository is not an Azure Repos Git repository, no status posted");
            return;
        }
        Optional<String> token = env.variable("System.AccessToken");
        Optional<String> collection = env.variable("System.TeamFoundationCollectionUri");
        Optional<String> project = env.variable("System.TeamProjectId").or(() -> env.variable("System.TeamProject"));
        Optional<String> repository = env.variable("Build.Repository.Id");
        if (token.isEmpty() || collection.isEmpty() || project.isEmpty() || repository.isEmpty()) {
            warn("prStatus: no pull-request status posted: System.AccessToken, System.TeamFoundationCollectionUri, "
                    + "System.TeamProjectId or Build.Repository.Id is not available to the task");
            return;
        }
        String base = collection.get().endsWith("/") ? collection.get() : collection.get() + "/";
        String targetUrl = base + project.get() + "/_build/results?buildId=" + env.variable("Build.BuildId").orElse("")
                + "&view=" + TAB_CONTRIBUTION;
        String description = summary.getVerdict() + ": " + counts(summary.getOpen());
        try {
            new PullRequestStatusPoster(token.get()).post(
                    PullRequestStatusPoster.statusesUrl(collection.get(), project.get(), repository.get(), pullRequest.get()),
                    summary.isPassed(), description, targetUrl);
            log.info("prStatus: posted " + summary.getVerdict() + " on pull request " + pullRequest.get());
        } catch (Exception e) {
            warn("prStatus: the pull-request status was not posted: " + e.getMessage());
        }
    }

    private int fail(String message, int exitCode) {
        log.command(LoggingCommand.of("task", "logissue", Map.of("type", "error"), message));
        return complete("Failed", message, exitCode);
    }

    private int complete(String result, String message, int exitCode) {
        log.command(LoggingCommand.of("task", "complete", Map.of("result", result), message));
        return exitCode;
    }

    private void warn(String message) {
        log.command(LoggingCommand.of("task", "logissue", Map.of("type", "warning"), message));
    }

    private static String counts(SeverityCounts open) {
        return open.getCritical() + " critical, " + open.getHigh() + " high, " + open.getMedium() + " medium, "
                + open.getLow() + " low, " + open.getUnknown() + " unknown open finding(s)";
    }

    private static Map<String, String> ordered(String... keysAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    private static Path moveTo(Path from, Path to) {
        try {
            return Files.move(from, to);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path createDirectories(Path dir, String tempPrefix) {
        try {
            Files.createDirectories(dir);
            return tempPrefix == null ? dir : Files.createTempDirectory(dir, tempPrefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
