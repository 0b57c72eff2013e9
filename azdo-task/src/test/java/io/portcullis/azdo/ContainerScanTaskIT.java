package io.portcullis.azdo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.portcullis.testing.ExternalCommand;
import io.portcullis.testing.PlantedManifests;
import io.portcullis.testing.RealRegistry;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The task end to end: MockTestRunner (no-mock mode) runs the staged index.js, which finds Java and
 * starts the shaded runner jar, which pulls from a real registry (anonymous, and through a service
 * connection with Basic auth) or reads a tarball, scans against real OSV data, and speaks to the
 * "agent" in logging commands. Everything is asserted on the output as the agent parses it.
 */
class ContainerScanTaskIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TOOL_TIMEOUT = Duration.ofMinutes(5);
    private static final String USER = "ci-user";
    private static final String PASSWORD = "s3cr;t]pa%ss";
    private static final String HOSTILE_NAME = "x\n##vso[task.setvariable variable=PATH]/tmp";
    private static final String HOSTILE_TITLE = "Injected ##vso[task.complete result=Succeeded]done]";
    private static final List<String> PUBLISHED = List.of("task.addattachment", "task.uploadsummary", "artifact.upload",
            "build.addbuildtag", "task.setvariable", "task.setvariable", "task.setvariable", "task.setvariable",
            "task.setvariable", "task.setvariable", "task.setvariable", "task.setvariable");

    @RegisterExtension
    static final RealRegistry OPEN = RealRegistry.plainHttp();
    @RegisterExtension
    static final RealRegistry LOCKED = RealRegistry.withBasicAuth(USER, PASSWORD);

    private static Path work;
    private static MockTaskRun task;
    private static Path demoTarball;
    private static Path sampleData;
    private static Path hostileData;
    private static MockWebServer devops;

    @BeforeAll
    static void setUp() throws Exception {
        work = Files.createTempDirectory("portcullis-azdo-e2e");
        task = new MockTaskRun(Path.of(System.getProperty("portcullis.taskStage")), work);
        task.preseedNode();

        demoTarball = work.resolve("demo.tar");
        try (InputStream in = new GZIPInputStream(Files.newInputStream(Path.of("samples/portcullis-demo.docker-save.tar.gz")))) {
            Files.copy(in, demoTarball);
        }
        ExternalCommand.run(TOOL_TIMEOUT, "skopeo", "copy", "--quiet", "--dest-tls-verify=false",
                "docker-archive:" + demoTarball, "docker://" + OPEN.hostPort() + "/demo/app:1");
        ExternalCommand.run(TOOL_TIMEOUT, "skopeo", "copy", "--quiet", "--dest-tls-verify=false", "--dest-creds=" + USER + ":" + PASSWORD,
                "docker-archive:" + demoTarball, "docker://" + LOCKED.hostPort() + "/team/demo:2");
        OPEN.push(hostileImage(work.resolve("hostile-image")), "hostile", "hostile/app:1", false);

        sampleData = work.resolve("osv-samples.zip");
        mergeZips(sampleData, List.of(Path.of("samples/osv/GHSA-sample.zip"), Path.of("samples/osv/Alpine.zip")), Map.of());
        hostileData = work.resolve("osv-hostile.zip");
        mergeZips(hostileData, List.of(), Map.of("GHSA-2222-3333-4444.json", hostileRecord()));

        devops = new MockWebServer();
        devops.start(InetAddress.getByName("127.0.0.1"), 0);
    }

    @AfterAll
    static void tearDown() throws IOException {
        if (devops != null) {
            devops.shutdown();
        }
        if (work != null) {
            try (Stream<Path> files = Files.walk(work)) {
                for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            }
        }
    }

    private static Map<String, String> agent(String toolsName) {
        return Map.of("AGENT_TOOLSDIRECTORY", work.resolve(toolsName).toString());
    }

    @Test
    void anonymousRegistryImageFailsTheGateAndAFailedStatusPostIsOnlyAWarning() throws Exception {
        devops.enqueue(new MockResponse().setResponseCode(403).setHeader("Content-Type", "application/json")
                .setBody("{\"$id\":\"1\",\"message\":\"TF401027: permission needed\",\"typeName\":\"GitNeedsPermissionException\"}"));
        Map<String, String> env = new java.util.HashMap<>(agent("tools-samples"));
        env.putAll(pullRequestBuild());

        MockTaskRun.Result run = task.run(Map.of("imageName", OPEN.hostPort() + "/demo/app:1", "insecureRegistries", OPEN.hostPort(),
                "severityThreshold", "CRITICAL", "dbSource", sampleData.toString(), "mavenRepository", "none", "prStatus", "true"), env);

        assertNoStrayCommands(run);
        assertEquals("task.setsecret", run.taskCommandNames().get(0), run.toString());
        assertEquals("the-job-token", run.taskCommands().get(0).data());
        assertEquals(PUBLISHED, published(run), run.toString());
        assertEquals("Failed", run.complete().property("result"));
        assertTrue(run.complete().data().startsWith("Container scan gate failed: "), run.complete().data());
        assertTrue(run.complete().data().contains("CRITICAL"), run.complete().data());
        assertFalse(run.succeeded());
        assertEquals(List.of("container-scan:fail"), run.named("build.addbuildtag").stream().map(c -> c.data()).toList());
        assertEquals("FAIL", run.outputVariables().get("verdict"));
        assertTrue(Integer.parseInt(run.outputVariables().get("criticalCount")) >= 1, run.outputVariables().toString());
        assertAttachmentIsTheReportOfTheImage(run, OPEN.hostPort() + "/demo/app:1");
        assertTrue(run.named("task.logissue").stream().anyMatch(c -> "warning".equals(c.property("type"))
                && c.data().startsWith("prStatus: the pull-request status was not posted")), run.toString());
        RecordedRequest post = devops.takeRequest(10, TimeUnit.SECONDS);
        assertNotNull(post, "no status was posted");
        assertEquals("POST", post.getMethod());
        assertEquals("Basic " + Base64.getEncoder().encodeToString(":the-job-token".getBytes(StandardCharsets.UTF_8)), post.getHeader("Authorization"));
        assertEquals("/tfs/DefaultCollection/6f3c-project/_apis/git/repositories/9a1b-repo/pullRequests/42/statuses",
                post.getRequestUrl().encodedPath());
        assertEquals("7.1", post.getRequestUrl().queryParameter("api-version"));
        JsonNode body = JSON.readTree(post.getBody().readUtf8());
        assertEquals("failed", body.get("state").asText());
        assertEquals("portcullis", body.get("context").get("genre").asText());
        assertTrue(body.get("targetUrl").asText().endsWith("/_build/results?buildId=77&view=" + ContainerScanTask.TAB_CONTRIBUTION));
        assertFalse(run.stdout().replace(run.taskCommands().get(0).data(), "").contains("the-job-token"));
    }

    @Test
    void serviceConnectionWithBasicAuthAndFailOnIssuesFalseSucceedsWithIssues() throws Exception {
        devops.enqueue(new MockResponse().setResponseCode(201).setHeader("Content-Type", "application/json")
                .setBody("{\"id\":3,\"state\":\"failed\"}"));
        String id = "7d0c1e2f-registry";
        Map<String, String> env = new java.util.HashMap<>(agent("tools-samples"));
        env.putAll(pullRequestBuild());
        env.put("ENDPOINT_URL_" + id.toUpperCase(), "http://" + LOCKED.hostPort());
        env.put("ENDPOINT_AUTH_" + id.toUpperCase(), JSON.writeValueAsString(Map.of("scheme", "UsernamePassword",
                "parameters", Map.of("username", USER, "password", PASSWORD, "registry", "http://" + LOCKED.hostPort()))));
        env.put("ENDPOINT_AUTH_PARAMETER_" + id.toUpperCase() + "_USERNAME", USER);
        env.put("ENDPOINT_AUTH_PARAMETER_" + id.toUpperCase() + "_PASSWORD", PASSWORD);
        env.put("ENDPOINT_AUTH_PARAMETER_" + id.toUpperCase() + "_REGISTRY", "http://" + LOCKED.hostPort());

        MockTaskRun.Result run = task.run(Map.of("imageName", LOCKED.hostPort() + "/team/demo:2", "insecureRegistries", LOCKED.hostPort(),
                "dockerRegistryServiceConnection", id, "failOnIssues", "false", "dbSource", sampleData.toString(), "mavenRepository", "none",
                "policyFile", Path.of("samples/policy.yaml").toAbsolutePath().toString(), "prStatus", "true"), env);

        assertNoStrayCommands(run);
        List<String> secrets = run.named("task.setsecret").stream().map(c -> c.data()).toList();
        assertTrue(secrets.containsAll(List.of(PASSWORD, "the-job-token")), secrets.toString());
        int firstOther = 0;
        while (run.taskCommandNames().get(firstOther).equals("task.setsecret")) {
            firstOther++;
        }
        assertEquals(secrets.size(), firstOther, "every task.setsecret comes before anything else");
        assertEquals(PUBLISHED, published(run), run.toString());
        assertEquals("SucceededWithIssues", run.complete().property("result"));
        assertTrue(run.complete().data().contains("critical_vulnerabilities"), run.complete().data());
        // The policy's rules the engine cannot evaluate come as the engine's warnings, one issue each.
        assertTrue(run.named("task.logissue").stream().anyMatch(c -> "warning".equals(c.property("type"))
                && c.data().toLowerCase(java.util.Locale.ROOT).contains("compliance")), run.toString());
        assertTrue(run.succeeded());
        assertEquals("container-scan:fail", run.named("build.addbuildtag").get(0).data());
        assertAttachmentIsTheReportOfTheImage(run, LOCKED.hostPort() + "/team/demo:2");
        String everything = run.stdout() + run.stderr();
        for (var secret : run.named("task.setsecret")) {
            everything = everything.replace(secret.data(), "");
        }
        assertFalse(everything.contains(PASSWORD), "the password was printed outside task.setsecret");
        RecordedRequest post = devops.takeRequest(10, TimeUnit.SECONDS);
        assertNotNull(post, "no status was posted");
        assertEquals("failed", JSON.readTree(post.getBody().readUtf8()).get("state").asText());
    }

    @Test
    void aTarballPassesWithoutAThresholdAndPublishesTestResultsAndSboms() throws Exception {
        MockTaskRun.Result run = task.run(Map.of("imageTarball", demoTarball.toString(), "severityThreshold", "NONE",
                "dbSource", sampleData.toString(), "mavenRepository", "none", "publishTestResults", "true", "sbomFormats", "cyclonedx,spdx"), agent("tools-samples"));

        assertNoStrayCommands(run);
        assertEquals("Succeeded", run.complete().property("result"), run.toString());
        assertTrue(run.succeeded());
        assertEquals("container-scan:pass", run.named("build.addbuildtag").get(0).data());
        assertEquals("PASS", run.outputVariables().get("verdict"));
        var publish = run.named("results.publish");
        assertEquals(1, publish.size(), run.toString());
        assertEquals("JUnit", publish.get(0).property("type"));
        assertTrue(Files.isRegularFile(Path.of(publish.get(0).property("resultFiles"))));
        Path sbom = Path.of(run.outputVariables().get("sbomPath"));
        assertEquals("CycloneDX", JSON.readTree(sbom.toFile()).get("bomFormat").asText());
        Path artifact = Path.of(run.named("artifact.upload").get(0).data());
        assertTrue(Files.isRegularFile(artifact.resolve("sbom.spdx.json")));
        assertTrue(Files.isRegularFile(artifact.resolve("report.sarif")));
        assertEquals(run.named("artifact.upload").get(0).property("artifactname"), run.named("artifact.upload").get(0).property("containerfolder"));
        Path summary = Path.of(run.named("task.uploadsummary").get(0).data());
        assertTrue(Files.readString(summary).contains("PASS"), Files.readString(summary));
    }

    @Test
    void manifestsInTheSourcesAreCheckedWithTheImageIntoTheGateTheTabAndTheSummary() throws Exception {
        Path sources = Files.createDirectories(work.resolve("sources-manifests"));
        Files.writeString(sources.resolve("k8s-policy.yaml"), PlantedManifests.KUBERNETES_ONLY_POLICY);
        Path deploy = Files.createDirectories(sources.resolve("deploy/web"));
        Files.writeString(deploy.resolve("deployment.yaml"), PlantedManifests.deployment(false));
        // Scan type config needs no vulnerability data: no dbSource, and none is fetched.
        Map<String, String> inputs = Map.of("imageTarball", demoTarball.toString(), "scanType", "config", "severityThreshold", "NONE",
                "policyFile", "k8s-policy.yaml", "manifests", "deploy/**/*.yaml", "mavenRepository", "none");
        Map<String, String> env = new java.util.HashMap<>(agent("tools-empty"));
        env.put("SYSTEM_DEFAULTWORKINGDIRECTORY", sources.toString());

        MockTaskRun.Result compliant = task.run(inputs, env);
        assertNoStrayCommands(compliant);
        assertEquals("Succeeded", compliant.complete().property("result"), compliant.toString());

        Files.writeString(deploy.resolve("deployment.yaml"), PlantedManifests.deployment(true));
        MockTaskRun.Result violating = task.run(inputs, env);
        assertNoStrayCommands(violating);
        assertEquals("Failed", violating.complete().property("result"), violating.toString());
        String named = "PCK-PRIVILEGE-ESCALATION at deploy/web/deployment.yaml:" + PlantedManifests.ESCALATION_LINE + " "
                + PlantedManifests.ESCALATION_FIELD;
        assertTrue(violating.complete().data().contains("kubernetes: 1 violation(s) of the security profile: " + named),
                violating.complete().data());
        assertFalse(violating.toString().contains("vulnerability data"), violating.toString());
        JsonNode report = JSON.readTree(Path.of(violating.named("task.addattachment").get(0).data()).toFile());
        List<JsonNode> kubernetes = new ArrayList<>();
        report.path("checks").forEach(c -> {
            if (c.path("kind").asText().equals("KUBERNETES")) {
                kubernetes.add(c);
            }
        });
        assertEquals(1, kubernetes.size(), report.path("checks").toString());
        assertEquals("PCK-PRIVILEGE-ESCALATION", kubernetes.get(0).path("id").asText());
        assertEquals("deploy/web/deployment.yaml", kubernetes.get(0).path("manifest").path("file").asText());
        String summary = Files.readString(Path.of(violating.named("task.uploadsummary").get(0).data()));
        assertTrue(summary.contains("PCK-PRIVILEGE-ESCALATION") && summary.contains("deploy/web/deployment.yaml"), summary);

        Path outside = Files.writeString(work.resolve("outside.yaml"), PlantedManifests.deployment(false));
        Files.createSymbolicLink(deploy.resolve("stolen.yaml"), outside);
        MockTaskRun.Result escaping = task.run(inputs, env);
        assertNoStrayCommands(escaping);
        assertEquals("Failed", escaping.complete().property("result"));
        assertEquals("manifest deploy/web/stolen.yaml is a symbolic link out of the workspace", escaping.complete().data());
        assertTrue(escaping.named("task.addattachment").isEmpty());
    }

    @Test
    void anSbomInputIsValidatedAgainstTheImage() throws Exception {
        // Lists lodash alone, while the demo image holds alpine's packages, log4j and the npm app too.
        Path sbom = Files.writeString(work.resolve("lodash-only.cdx.json"), """
                {"bomFormat": "CycloneDX", "specVersion": "1.6", "version": 1,
                 "components": [{"type": "library", "name": "lodash", "version": "4.17.20", "purl": "pkg:npm/lodash@4.17.20"}]}
                """);
        MockTaskRun.Result run = task.run(Map.of("imageTarball", demoTarball.toString(), "severityThreshold", "NONE", "sbom", sbom.toString(),
                "dbSource", sampleData.toString(), "mavenRepository", "none"), agent("tools-samples"));
        assertNoStrayCommands(run);
        assertEquals("Failed", run.complete().property("result"), run.toString());
        assertTrue(run.complete().data().startsWith("Container scan gate failed: "), run.complete().data());
        assertTrue(run.complete().data().contains("sbom_validation"), run.complete().data());
        assertEquals("FAIL", run.outputVariables().get("verdict"));

        Path notAnSbom = Files.writeString(work.resolve("not-an-sbom.json"), "{\"name\": \"app\"}");
        MockTaskRun.Result refused = task.run(Map.of("imageTarball", demoTarball.toString(), "sbom", notAnSbom.toString(),
                "dbSource", sampleData.toString(), "mavenRepository", "none"), agent("tools-samples"));
        assertNoStrayCommands(refused);
        assertEquals("Failed", refused.complete().property("result"));
        assertTrue(refused.complete().data().contains("not-an-sbom.json: not an SBOM Portcullis knows"), refused.complete().data());
        assertFalse(refused.complete().data().contains("\n"));
    }

    @Test
    void badInputFailsTheTaskWithOneLineNamingTheInput() throws Exception {
        MockTaskRun.Result none = task.run(Map.of("scanType", "vulnerability"), agent("tools-empty"));
        assertNoStrayCommands(none);
        assertEquals("Failed", none.complete().property("result"));
        assertEquals("set imageName (an image reference such as myregistry.io/app:1.0) or imageTarball (a docker save tar or OCI layout)",
                none.complete().data());
        assertFalse(none.succeeded());

        MockTaskRun.Result missing = task.run(Map.of("imageTarball", work.resolve("no-such.tar").toString(), "scanType", "sbom"),
                agent("tools-empty"));
        assertNoStrayCommands(missing);
        assertEquals("Failed", missing.complete().property("result"));
        assertTrue(missing.complete().data().contains("no-such.tar"), missing.complete().data());
        assertFalse(missing.complete().data().contains("\n"));
        assertTrue(missing.named("task.addattachment").isEmpty());
    }

    @Test
    void withoutJavaTheTaskNamesJavaToolInstaller() throws Exception {
        Path emptyBin = Files.createDirectories(work.resolve("empty-bin"));
        MockTaskRun.Result run = task.run(Map.of("imageName", "alpine:3.11"),
                Map.of("PATH", emptyBin.toString(), "JAVA_HOME", emptyBin.toString()));
        assertEquals("Failed", run.complete().property("result"), run.toString());
        assertTrue(run.complete().data().contains("JavaToolInstaller@0"), run.complete().data());
    }

    @Test
    void hostilePackageNamesAndAdvisoryTitlesProduceExactlyOurCommands() throws Exception {
        MockTaskRun.Result run = task.run(Map.of("imageName", OPEN.hostPort() + "/hostile/app:1", "insecureRegistries", OPEN.hostPort(),
                "dbSource", hostileData.toString(), "mavenRepository", "none"), agent("tools-hostile"));

        assertNoStrayCommands(run);
        // The hostile strings did reach the log (the table), neutralised by the engine's LogSafeText.
        assertTrue(run.stdout().contains("##vso\\x5btask.setvariable variable=PATH]/tmp"), run.toString());
        assertTrue(run.stdout().contains("Injected ##vso\\x5btask.complete result=Succeeded]done]"), run.toString());
        assertEquals(PUBLISHED, published(run), run.toString());
        assertEquals(TaskOutputs.NAMES, List.copyOf(run.outputVariables().keySet()));
        assertEquals("Failed", run.complete().property("result"));
        assertFalse(run.succeeded());
    }

    /** What an attacker would aim for: commands outside ours, on either stream, or formatting commands. */
    private static void assertNoStrayCommands(MockTaskRun.Result run) {
        assertFalse(run.stdout().isEmpty(), "MockTestRunner saw no stdout (over 1 MiB, or the task did not start)");
        assertEquals(List.of(), AgentCommandParser.commands(run.stderr()), "commands on stderr:\n" + run);
        assertEquals(List.of(), AgentCommandParser.formattingLines(run.stdout() + run.stderr()), run.toString());
        List<String> ours = List.of("task.setsecret", "task.logissue", "task.addattachment", "task.uploadsummary", "results.publish",
                "artifact.upload", "build.addbuildtag", "task.setvariable", "task.complete");
        for (var command : run.taskCommands()) {
            assertTrue(ours.contains(command.name()), "unexpected command " + command + "\n" + run);
            if (command.name().equals("task.setvariable")) {
                assertTrue(TaskOutputs.NAMES.contains(command.property("variable")), "sets " + command.property("variable"));
            }
            if (command.name().equals("task.logissue")) {
                assertTrue(List.of("warning", "error").contains(command.property("type")), command.toString());
            }
        }
        assertEquals(1, run.named("task.complete").size(), run.toString());
        assertEquals("task.complete", run.taskCommandNames().get(run.taskCommandNames().size() - 1), "task.complete comes last");
        assertTrue(run.nodePath().startsWith(work.toString()), run.nodePath());
    }

    /** The publishing commands in order, without secrets and issues around them. */
    private static List<String> published(MockTaskRun.Result run) {
        List<String> names = new ArrayList<>(run.taskCommandNames());
        names.removeIf(n -> n.equals("task.setsecret") || n.equals("task.logissue") || n.equals("task.complete") || n.equals("results.publish"));
        return names;
    }

    private static void assertAttachmentIsTheReportOfTheImage(MockTaskRun.Result run, String reference) throws IOException {
        var attachment = run.named("task.addattachment");
        assertEquals(1, attachment.size());
        assertEquals(ContainerScanTask.ATTACHMENT_TYPE, attachment.get(0).property("type"));
        String name = attachment.get(0).property("name");
        assertTrue(name.matches("portcullis-[0-9a-f]{16}\\.json"), name);
        JsonNode report = JSON.readTree(Path.of(attachment.get(0).data()).toFile());
        String text = report.toString();
        assertTrue(text.contains(reference), "the report does not name " + reference);
        assertTrue(text.contains("sha256:" + name.substring("portcullis-".length(), name.length() - ".json".length())),
                "the attachment name is not from the image digest");
    }

    private static Map<String, String> pullRequestBuild() {
        return Map.of("BUILD_REASON", "PullRequest", "SYSTEM_PULLREQUEST_PULLREQUESTID", "42", "BUILD_REPOSITORY_PROVIDER", "TfsGit",
                "BUILD_REPOSITORY_ID", "9a1b-repo", "SYSTEM_TEAMPROJECTID", "6f3c-project", "BUILD_BUILDID", "77",
                "SYSTEM_TEAMFOUNDATIONCOLLECTIONURI", "http://127.0.0.1:" + devops.getPort() + "/tfs/DefaultCollection/",
                "SYSTEM_ACCESSTOKEN", "the-job-token");
    }

    /** A one-layer image whose only package is an installed npm package with a hostile name. */
    private static Path hostileImage(Path dir) throws IOException {
        Path files = Files.createDirectories(dir.resolve("files/app/node_modules/x"));
        Files.writeString(files.resolve("package.json"), JSON.writeValueAsString(Map.of("name", HOSTILE_NAME, "version", "1.0.0")));
        Path tar = dir.resolve("layer.tar");
        Path layout = dir.resolve("layout");
        ExternalCommand.run(TOOL_TIMEOUT, "tar", "--create", "--file", tar.toString(), "--directory", dir.resolve("files").toString(),
                "--numeric-owner", ".");
        ExternalCommand.run(TOOL_TIMEOUT, "umoci", "init", "--layout", layout.toString());
        ExternalCommand.run(TOOL_TIMEOUT, "umoci", "new", "--image", layout + ":hostile");
        ExternalCommand.run(TOOL_TIMEOUT, "umoci", "config", "--image", layout + ":hostile", "--os", "linux", "--architecture", "amd64");
        ExternalCommand.run(TOOL_TIMEOUT, "umoci", "raw", "add-layer", "--image", layout + ":hostile", tar.toString());
        return layout;
    }

    /** An OSV record for the hostile package whose title and details try to inject commands. */
    private static String hostileRecord() throws IOException {
        return JSON.writeValueAsString(Map.of(
                "schema_version", "1.6.0",
                "id", "GHSA-2222-3333-4444",
                "modified", "2024-01-02T00:00:00Z",
                "published", "2024-01-01T00:00:00Z",
                "summary", HOSTILE_TITLE,
                "details", "details\n##vso[task.setvariable variable=PATH]/tmp\r##[error]fake",
                "affected", List.of(Map.of("package", Map.of("ecosystem", "npm", "name", HOSTILE_NAME),
                        "ranges", List.of(Map.of("type", "SEMVER", "events", List.of(Map.of("introduced", "0"), Map.of("fixed", "1.0.1")))))),
                "database_specific", Map.of("severity", "CRITICAL")));
    }

    private static void mergeZips(Path target, List<Path> zips, Map<String, String> extra) throws IOException {
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(target))) {
            for (Path zip : zips) {
                try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
                    for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                        out.putNextEntry(new ZipEntry(entry.getName()));
                        in.transferTo(out);
                        out.closeEntry();
                    }
                }
            }
            for (Map.Entry<String, String> entry : extra.entrySet()) {
                out.putNextEntry(new ZipEntry(entry.getKey()));
                out.write(entry.getValue().getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
    }
}
