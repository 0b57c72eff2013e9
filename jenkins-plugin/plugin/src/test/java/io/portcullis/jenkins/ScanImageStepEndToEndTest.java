package io.portcullis.jenkins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.AbortException;
import hudson.model.Result;
import hudson.model.TestRun;
import io.portcullis.engine.ComplianceScore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jenkinsci.plugins.workflow.actions.WarningAction;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import io.portcullis.testing.CosignSignatures;
import io.portcullis.testing.CosignSignatures.KeyPair;
import io.portcullis.testing.PlantedManifests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The step from start to finish without a controller: the stub FilePath sends the callable through Java
 * serialisation as remoting would, the real engine scans the demo tarball against the real OSV samples.
 */
class ScanImageStepEndToEndTest {
    @TempDir
    Path dir;

    private static ScanImageStep demoStep(String gateResult) {
        ScanImageStep step = new ScanImageStep();
        step.setInput(DemoScan.TARBALL);
        step.setPolicy("security/policy.yaml");
        step.setGateResult(gateResult);
        return step;
    }

    private static TestStepContext run(ScanImageStep step, TestRun run, DemoScan demo, CapturingListener log) throws Exception {
        TestStepContext context = new TestStepContext(run, demo.workspacePath(), log);
        StepExecution execution = step.start(context);
        assertFalse(execution.start(), "the step runs asynchronously");
        context.awaitOutcome();
        return context;
    }

    @Test
    void failureGatePublishesEverythingThenFailsNamingTheRule() throws Exception {
        DemoScan demo = DemoScan.in(dir);
        TestRun run = demo.newRun(1, null);
        CapturingListener log = new CapturingListener();

        TestStepContext context = run(demoStep(null), run, demo, log);

        assertEquals(List.of(), context.successes);
        AbortException failure = assertInstanceOf(AbortException.class, context.failures.get(0));
        assertTrue(failure.getMessage().contains("critical_vulnerabilities"), failure.getMessage());
        // Published before failing: the tab, the archived reports and SBOMs, the findings beside build.xml.
        ContainerSecurityAction action = run.getAction(ContainerSecurityAction.class);
        assertEquals("container-security", action.getUrlName());
        ScanRecord record = action.getRecord();
        assertEquals("FAIL", record.getVerdict());
        assertTrue(record.getCritical() >= 3, "critical " + record.getCritical());
        assertEquals(List.of("portcullis/container-security/report.json", "portcullis/container-security/report.sarif",
                "portcullis/container-security/report.html", "portcullis/container-security/sbom.cdx.json",
                "portcullis/container-security/sbom.spdx.json"), record.getReports());
        for (String report : record.getReports()) {
            assertTrue(Files.size(demo.workspace.resolve(report)) > 0, report);
            assertEquals(Files.readString(demo.workspace.resolve(report)),
                    Files.readString(run.getRootDir().toPath().resolve("archive").resolve(report)), report);
        }
        // The sample policy asks for pci_dss: Log4Shell is years past the grace period (6.2), a docker-save tarball is
        // neither pinned by digest nor signed (6.4), and the step writes no audit log (10.2).
        assertEquals(List.of(new ComplianceScore("pci_dss", 0, 3, List.of("6.2", "6.4", "10.2"))),
                record.getComplianceScores().stream().filter(s -> s.getBenchmark().equals("pci_dss")).toList());
        assertTrue(action.getComplianceLines().contains("pci_dss: 0/3 automated controls passed; failed 6.2, 6.4, 10.2"),
                action.getComplianceLines().toString());
        String findings = new String(action.findingsJson(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(findings.contains("GHSA-jfh8-c2jp-5v3q"), "Log4Shell in the findings");
        assertNull(run.getResult(), "a FAILURE gate fails through the exception, the engine sets the result from it");
        assertTrue(log.text().contains("Portcullis: scanning " + DemoScan.TARBALL + " on the agent"), log.text());
        assertTrue(log.text().matches("(?s).*Portcullis: vulnerability data built \\S+ \\(\\d+ h old\\).*"), "the log says how old the data is:\n" + log.text());
        assertEquals(0, demo.root.resolve("workspace@tmp").toFile().list().length, "temp files of the scan removed");
    }

    @Test
    void unstableGateMarksTheFlowNodeAndTheRunAndReturnsTheSummary() throws Exception {
        DemoScan demo = DemoScan.in(dir);
        TestRun run = demo.newRun(2, null);
        CapturingListener log = new CapturingListener();

        TestStepContext context = run(demoStep("UNSTABLE"), run, demo, log);

        assertEquals(List.of(), context.failures);
        @SuppressWarnings("unchecked")
        Map<String, Object> result = (Map<String, Object>) context.successes.get(0);
        assertEquals(List.of("verdict", "passed", "critical", "high", "medium", "low", "unknown", "suppressed", "total",
                "failedRules", "compliance", "reports", "imageDigest"), List.copyOf(result.keySet()));
        assertEquals("FAIL", result.get("verdict"));
        assertEquals(false, result.get("passed"));
        ScanRecord record = run.getAction(ContainerSecurityAction.class).getRecord();
        assertEquals(record.getCritical(), result.get("critical"));
        assertEquals(record.getHigh(), result.get("high"));
        for (Object v : result.values()) {
            assertTrue(v == null || v instanceof String || v instanceof Integer || v instanceof Boolean || v instanceof List || v instanceof Map,
                    "plain value: " + v);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> pci = (Map<String, Object>) ((Map<String, Object>) result.get("compliance")).get("pci_dss");
        assertEquals(Map.of("passed", 0L, "evaluated", 3L, "failedControls", List.of("6.2", "6.4", "10.2")), pci);
        assertEquals(Result.UNSTABLE, run.getResult());
        WarningAction warning = context.node.getAction(WarningAction.class);
        assertEquals(Result.UNSTABLE, warning.getResult());
        assertTrue(warning.getMessage().contains("critical_vulnerabilities"), warning.getMessage());
    }

    @Test
    void noneGateOnlyReports() throws Exception {
        DemoScan demo = DemoScan.in(dir);
        TestRun run = demo.newRun(3, null);
        CapturingListener log = new CapturingListener();

        TestStepContext context = run(demoStep("NONE"), run, demo, log);

        assertEquals(List.of(), context.failures);
        assertEquals(1, context.successes.size());
        assertNull(run.getResult());
        assertNull(context.node.getAction(WarningAction.class));
        assertTrue(log.text().contains("gateResult NONE: reported only"), log.text());
    }

    @Test
    void twoImagesInOneBuildGetTwoTabs() throws Exception {
        DemoScan demo = DemoScan.in(dir);
        TestRun run = demo.newRun(4, null);
        run(demoStep("NONE"), run, demo, new CapturingListener());
        ScanImageStep second = demoStep("NONE");
        second.setSbomFormats(List.of("spdx"));
        second.setReportFormats(List.of("json"));
        run(second, run, demo, new CapturingListener());

        List<ContainerSecurityAction> tabs = run.getActions(ContainerSecurityAction.class);
        assertEquals(List.of("container-security", "container-security-2"), tabs.stream().map(ContainerSecurityAction::getUrlName).toList());
        assertEquals(List.of("portcullis/container-security-2/report.json", "portcullis/container-security-2/sbom.spdx.json"),
                tabs.get(1).getRecord().getReports());
        assertEquals(1, tabs.get(0).getProjectActions().size(), "one trend per build");
        assertEquals(0, tabs.get(1).getProjectActions().size());
    }

    @Test
    void signatureKeysInTheWorkspaceReachTheEngine() throws Exception {
        DemoScan demo = DemoScan.in(dir);
        KeyPair key = CosignSignatures.ecdsaP256(Files.createDirectories(demo.workspace.resolve("keys")), "release");
        ScanImageStep withPublicKey = demoStep(null);
        withPublicKey.setSignatureKeys(List.of("keys/release.pub"));
        TestStepContext verified = run(withPublicKey, demo.newRun(11, null), demo, new CapturingListener());
        AbortException gate = assertInstanceOf(AbortException.class, verified.failures.get(0));
        // With the key given the engine looked for a signature, and a docker save tarball keeps none.
        assertTrue(gate.getMessage().contains("signing_required: cannot verify signatures of a local image"), gate.getMessage());

        ScanImageStep withPrivateKey = demoStep(null);
        withPrivateKey.setSignatureKeys(List.of("keys/release.key"));
        TestRun run = demo.newRun(12, null);
        TestStepContext refused = run(withPrivateKey, run, demo, new CapturingListener());
        AbortException input = assertInstanceOf(AbortException.class, refused.failures.get(0));
        assertTrue(input.getMessage().startsWith("Portcullis: ") && input.getMessage().contains("release.key is a private key"),
                input.getMessage());
        assertNull(run.getAction(ContainerSecurityAction.class));
    }

    @Test
    void manifestsInTheWorkspaceAreCheckedWithTheImageAndDecideTheGate() throws Exception {
        DemoScan demo = DemoScan.in(dir);
        Files.writeString(demo.workspace.resolve("security/k8s-policy.yaml"), PlantedManifests.KUBERNETES_ONLY_POLICY);
        Path deploy = Files.createDirectories(demo.workspace.resolve("deploy/web"));
        Files.writeString(deploy.resolve("deployment.yaml"), PlantedManifests.deployment(false));
        ScanImageStep step = demoStep(null);
        step.setPolicy("security/k8s-policy.yaml");
        step.setManifests(List.of("deploy/**/*.yaml"));

        TestRun compliant = demo.newRun(21, null);
        CapturingListener passLog = new CapturingListener();
        TestStepContext passed = run(step, compliant, demo, passLog);
        assertEquals(List.of(), passed.failures, passLog.text());
        assertEquals("PASS", compliant.getAction(ContainerSecurityAction.class).getRecord().getVerdict());

        Files.writeString(deploy.resolve("deployment.yaml"), PlantedManifests.deployment(true));
        // The config scan type needs no vulnerability data, as on the command line; the manifests are checked all the same.
        step.setScanType("config");
        TestRun violating = demo.newRun(22, null);
        CapturingListener failLog = new CapturingListener();
        TestStepContext failed = run(step, violating, demo, failLog);
        AbortException gate = assertInstanceOf(AbortException.class, failed.failures.get(0));
        assertTrue(gate.getMessage().contains("kubernetes: 1 violation(s) of the security profile: PCK-PRIVILEGE-ESCALATION at "
                + "deploy/web/deployment.yaml:" + PlantedManifests.ESCALATION_LINE + " " + PlantedManifests.ESCALATION_FIELD), gate.getMessage());
        assertFalse(failLog.text().contains("vulnerability data"), failLog.text());
        ContainerSecurityAction tab = violating.getAction(ContainerSecurityAction.class);
        assertEquals(List.of("kubernetes: " + gate.getMessage().split("kubernetes: ", 2)[1]), tab.getRecord().getFailedRules());
        com.fasterxml.jackson.databind.JsonNode report = new com.fasterxml.jackson.databind.ObjectMapper().readTree(tab.findingsJson());
        List<com.fasterxml.jackson.databind.JsonNode> kubernetes = new java.util.ArrayList<>();
        report.path("checks").forEach(c -> {
            if (c.path("kind").asText().equals("KUBERNETES")) {
                kubernetes.add(c);
            }
        });
        assertEquals(1, kubernetes.size(), report.path("checks").toString());
        com.fasterxml.jackson.databind.JsonNode check = kubernetes.get(0);
        assertEquals("PCK-PRIVILEGE-ESCALATION", check.path("id").asText());
        assertEquals("deploy/web/deployment.yaml", check.path("manifest").path("file").asText());
        assertEquals(PlantedManifests.ESCALATION_LINE, check.path("manifest").path("line").asInt());
        assertEquals("web", check.path("manifest").path("container").asText());
    }

    @Test
    void manifestsOutsideTheWorkspaceOrWithoutAGateAreRefusedBeforeAnythingIsPublished() throws Exception {
        DemoScan demo = DemoScan.in(dir);
        Path outside = Files.writeString(dir.resolve("outside.yaml"), PlantedManifests.deployment(false));
        Files.createDirectories(demo.workspace.resolve("deploy"));
        Files.createSymbolicLink(demo.workspace.resolve("deploy/stolen.yaml"), outside);
        Files.writeString(demo.workspace.resolve("deploy/web.yaml"), PlantedManifests.deployment(false));
        Map<List<String>, String> refusals = Map.of(
                List.of("../outside.yaml"), "Portcullis: manifests pattern '../outside.yaml' must stay inside the workspace (relative, no '..')",
                List.of("deploy/*.yaml"), "Portcullis: manifest deploy/stolen.yaml is a symbolic link out of the workspace",
                List.of("deploy/missing-*.yaml"), "Portcullis: manifests pattern 'deploy/missing-*.yaml' matches no file under " + demo.workspace);
        int number = 30;
        for (Map.Entry<List<String>, String> refusal : refusals.entrySet()) {
            ScanImageStep step = demoStep(null);
            step.setManifests(refusal.getKey());
            TestRun run = demo.newRun(number++, null);
            AbortException input = assertInstanceOf(AbortException.class, run(step, run, demo, new CapturingListener()).failures.get(0));
            assertEquals(refusal.getValue(), input.getMessage());
            assertNull(run.getAction(ContainerSecurityAction.class));
        }
        ScanImageStep sbomOnly = demoStep(null);
        sbomOnly.setManifests(List.of("deploy/web.yaml"));
        sbomOnly.setScanType("sbom");
        AbortException ungated = assertInstanceOf(AbortException.class,
                run(sbomOnly, demo.newRun(number, null), demo, new CapturingListener()).failures.get(0));
        assertEquals("Portcullis: scan type sbom runs no gate, so the manifests would not be checked; "
                + "use vulnerability, config, secret or all with manifests", ungated.getMessage());
    }

    @Test
    void anSbomInTheWorkspaceIsValidatedAgainstTheImage() throws Exception {
        DemoScan demo = DemoScan.in(dir);
        // Lists lodash alone, while the demo image holds alpine's packages, log4j and the npm app too.
        Files.createDirectories(demo.workspace.resolve("sbom"));
        Files.writeString(demo.workspace.resolve("sbom/app.cdx.json"), """
                {"bomFormat": "CycloneDX", "specVersion": "1.6", "version": 1,
                 "components": [{"type": "library", "name": "lodash", "version": "4.17.20", "purl": "pkg:npm/lodash@4.17.20"}]}
                """);
        ScanImageStep partial = demoStep(null);
        partial.setSbom("sbom/app.cdx.json");
        TestStepContext context = run(partial, demo.newRun(13, null), demo, new CapturingListener());
        AbortException gate = assertInstanceOf(AbortException.class, context.failures.get(0));
        assertTrue(gate.getMessage().matches("(?s).*sbom_validation: \\S*sbom/app\\.cdx\\.json \\(CycloneDX 1\\.6\\): \\d+ of \\d+ image package\\(s\\) missing: .*"),
                gate.getMessage());
        assertFalse(gate.getMessage().contains("missing: lodash 4.17.20"), "lodash is listed: " + gate.getMessage());

        Files.writeString(demo.workspace.resolve("sbom/app.cdx.json"), "{\"name\": \"not an sbom\"}");
        TestRun run = demo.newRun(14, null);
        TestStepContext refused = run(partial, run, demo, new CapturingListener());
        AbortException input = assertInstanceOf(AbortException.class, refused.failures.get(0));
        assertTrue(input.getMessage().startsWith("Portcullis: ") && input.getMessage().contains("app.cdx.json: not an SBOM Portcullis knows"),
                input.getMessage());
        assertNull(run.getAction(ContainerSecurityAction.class));
    }

    @Test
    void aBadPolicyFailsWithTheEnginesOneLineMessage() throws Exception {
        DemoScan demo = DemoScan.in(dir);
        Files.writeString(demo.workspace.resolve("security/policy.yaml"), "security_gates: [not, a, map\n");
        TestRun run = demo.newRun(5, null);

        TestStepContext context = run(demoStep(null), run, demo, new CapturingListener());

        AbortException failure = assertInstanceOf(AbortException.class, context.failures.get(0));
        assertTrue(failure.getMessage().startsWith("Portcullis: "), failure.getMessage());
        assertFalse(failure.getMessage().contains("\n"), failure.getMessage());
        assertNull(run.getAction(ContainerSecurityAction.class));
    }

    @Test
    void abortingInterruptsTheScanOnTheAgent() throws Exception {
        DemoScan demo = DemoScan.in(dir);
        TestRun run = demo.newRun(6, null);
        StepExecution[] execution = new StepExecution[1];
        // The moment the agent reports the opened image, the user presses abort.
        CapturingListener log = new CapturingListener(line -> {
            if (line.contains("layer(s)")) {
                try {
                    execution[0].stop(new InterruptedException("aborted by user"));
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }
        });
        TestStepContext context = new TestStepContext(run, demo.workspacePath(), log);
        execution[0] = demoStep(null).start(context);
        execution[0].start();
        context.awaitOutcome();
        // stop() reports its cause at once; the step's own thread reports how the interrupted scan ended.
        for (int i = 0; i < 600 && context.failures.size() + context.successes.size() < 2; i++) {
            Thread.sleep(100);
        }

        assertEquals(List.of(), context.successes);
        assertTrue(context.failures.stream().allMatch(t -> t instanceof InterruptedException), "failures: " + context.failures);
        assertFalse(context.failures.stream().anyMatch(t -> t instanceof AbortException), "not an input error");
        assertNull(run.getAction(ContainerSecurityAction.class), "nothing published for an aborted scan");
    }

    @Test
    void theFreestyleBuilderTakesTheSameCodePath() throws Exception {
        DemoScan demo = DemoScan.in(dir);
        TestRun run = demo.newRun(7, null);
        CapturingListener log = new CapturingListener();
        ScanImageBuilder builder = new ScanImageBuilder();
        builder.setInput(DemoScan.TARBALL);
        builder.setPolicy("security/policy.yaml");
        builder.setGateResult("UNSTABLE");

        builder.perform(run, demo.workspacePath(), new hudson.Launcher.LocalLauncher(log), log);

        assertEquals(Result.UNSTABLE, run.getResult());
        ScanRecord record = run.getAction(ContainerSecurityAction.class).getRecord();
        assertEquals("FAIL", record.getVerdict());
        assertTrue(Files.exists(run.getRootDir().toPath().resolve("archive/portcullis/container-security/sbom.spdx.json")));
        assertTrue(log.text().contains("Portcullis: vulnerability data from "), log.text());

        builder.setGateResult("FAILURE");
        TestRun next = demo.newRun(8, run);
        AbortException failure = org.junit.jupiter.api.Assertions.assertThrows(AbortException.class,
                () -> builder.perform(next, demo.workspacePath(), new hudson.Launcher.LocalLauncher(log), log));
        assertTrue(failure.getMessage().contains("critical_vulnerabilities"), failure.getMessage());
        assertTrue(next.getAction(ContainerSecurityAction.class) != null, "published before failing");
    }
}
