package io.portcullis.azdo;

import io.portcullis.engine.ScanType;
import io.portcullis.match.Severity;
import io.portcullis.report.ReportFormat;
import io.portcullis.sbom.SbomFormat;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The agent's environment read as the task's inputs, service connection, proxy and secrets. */
class TaskInputsTest {

    private static ScanInputs inputs(Map<String, String> env) {
        return ScanInputs.read(new TaskEnvironment(env));
    }

    @Test
    void theSeedsYamlWorksUnchanged() {
        ScanInputs in = inputs(Map.of("INPUT_IMAGENAME", "myregistry.io/app:1.2", "INPUT_SCANTYPE", "vulnerability",
                "INPUT_SEVERITYTHRESHOLD", "CRITICAL"));
        assertEquals("myregistry.io/app:1.2", in.image());
        assertEquals(ScanType.VULNERABILITY, in.scanType());
        assertEquals(Severity.CRITICAL, in.failOn());
        assertTrue(in.failOnIssues());
        assertEquals(Set.of(ReportFormat.JSON, ReportFormat.MARKDOWN, ReportFormat.SARIF, ReportFormat.JUNIT, ReportFormat.HTML),
                in.reportFormats());
        assertEquals("osv.dev", in.dbSource());
        assertEquals("https://repo1.maven.org/maven2/", in.mavenRepository());
        assertEquals(List.of(SbomFormat.CYCLONEDX_JSON), in.sbomFormats());
    }

    @Test
    void signatureKeysAreRepositoryPathsOrASecureFilesPath() {
        ScanInputs in = inputs(Map.of("INPUT_IMAGENAME", "a:1", "SYSTEM_DEFAULTWORKINGDIRECTORY", "/agent/_work/1/s",
                "INPUT_SIGNATUREKEYS", "security/cosign.pub\n/agent/_work/_temp/release.pub\n"));
        assertEquals(List.of(Path.of("/agent/_work/1/s/security/cosign.pub"), Path.of("/agent/_work/_temp/release.pub")),
                in.signatureKeys());
        assertEquals(List.of(), inputs(Map.of("INPUT_IMAGENAME", "a:1")).signatureKeys());
    }

    @Test
    void sbomIsARepositoryPathAndAbsentWhenTheAgentSendsTheSourcesDirectory() {
        ScanInputs in = inputs(Map.of("INPUT_IMAGENAME", "a:1", "SYSTEM_DEFAULTWORKINGDIRECTORY", "/agent/_work/1/s",
                "INPUT_SBOM", "build/app.cdx.json"));
        assertEquals(Optional.of(Path.of("/agent/_work/1/s/build/app.cdx.json")), in.sbom());
        // An empty filePath input arrives as the sources directory itself.
        assertEquals(Optional.empty(), inputs(Map.of("INPUT_IMAGENAME", "a:1", "SYSTEM_DEFAULTWORKINGDIRECTORY", "/agent/_work/1/s",
                "INPUT_SBOM", "/agent/_work/1/s")).sbom());
        assertEquals(Optional.empty(), inputs(Map.of("INPUT_IMAGENAME", "a:1")).sbom());
    }

    @Test
    void manifestsAreLinesOfPatternsRelativeToTheSourcesDirectory() {
        ScanInputs in = inputs(Map.of("INPUT_IMAGENAME", "a:1", "SYSTEM_DEFAULTWORKINGDIRECTORY", "/agent/_work/1/s",
                "INPUT_MANIFESTS", "deploy/**/*.yaml\r\n\n  helm/rendered.yaml  \n"));
        assertEquals(List.of("deploy/**/*.yaml", "helm/rendered.yaml"), in.manifests());
        assertEquals(Path.of("/agent/_work/1/s"), in.sourcesDirectory());
        ScanInputs none = inputs(Map.of("INPUT_IMAGENAME", "a:1"));
        assertEquals(List.of(), none.manifests());
        assertEquals(Path.of("").toAbsolutePath(), none.sourcesDirectory(), "without the variable, the task's working directory");
    }

    @Test
    void mavenRepositoryNoneMeansNoChecksumIndex() {
        assertNull(inputs(Map.of("INPUT_IMAGENAME", "a:1", "INPUT_MAVENREPOSITORY", "None")).mavenRepository());
        assertEquals("https://nexus.example/repository/central/",
                inputs(Map.of("INPUT_IMAGENAME", "a:1", "INPUT_MAVENREPOSITORY", "https://nexus.example/repository/central/")).mavenRepository());
    }

    @Test
    void anEmptyFilePathInputIsTheDefaultWorkingDirectoryAndMeansUnset() {
        ScanInputs in = inputs(Map.of("INPUT_IMAGENAME", "a:1", "INPUT_POLICYFILE", "/agent/_work/1/s",
                "SYSTEM_DEFAULTWORKINGDIRECTORY", "/agent/_work/1/s", "INPUT_IGNOREFILE", "sec/.trivyignore",
                "INPUT_SEVERITYTHRESHOLD", "none", "INPUT_SBOMFORMATS", "spdx, cyclonedx", "INPUT_FAILONISSUES", "False"));
        assertEquals(Optional.empty(), in.policyFile());
        assertEquals(Optional.of(Path.of("/agent/_work/1/s/sec/.trivyignore")), in.ignoreFile());
        assertNull(in.failOn());
        assertFalse(in.failOnIssues());
        assertEquals(List.of(SbomFormat.SPDX_JSON, SbomFormat.CYCLONEDX_JSON), in.sbomFormats());
    }

    @Test
    void badInputsAreNamedInOneLine() {
        assertEquals("set imageName (an image reference such as myregistry.io/app:1.0) or imageTarball (a docker save tar or OCI layout)",
                assertThrows(TaskInputException.class, () -> inputs(Map.of())).getMessage());
        assertEquals("set imageName or imageTarball, not both",
                assertThrows(TaskInputException.class, () -> inputs(Map.of("INPUT_IMAGENAME", "a", "INPUT_IMAGETARBALL", "/x.tar"))).getMessage());
        assertEquals("input failOnIssues must be true or false, not 'yes'",
                assertThrows(TaskInputException.class, () -> inputs(Map.of("INPUT_IMAGENAME", "a", "INPUT_FAILONISSUES", "yes"))).getMessage());
        assertEquals("input severityThreshold must be CRITICAL, HIGH, MEDIUM, LOW or NONE, not 'SEVERE'",
                assertThrows(TaskInputException.class, () -> inputs(Map.of("INPUT_IMAGENAME", "a", "INPUT_SEVERITYTHRESHOLD", "severe"))).getMessage());
        assertTrue(assertThrows(TaskInputException.class, () -> inputs(Map.of("INPUT_IMAGENAME", "a", "INPUT_SCANTYPE", "deep")))
                .getMessage().startsWith("input scanType: "));
        assertTrue(assertThrows(TaskInputException.class, () -> inputs(Map.of("INPUT_IMAGENAME", "a", "INPUT_REPORTFORMATS", "json,pdf")))
                .getMessage().startsWith("input reportFormats: unknown report format 'pdf'"));
    }

    @Test
    void theServiceConnectionIsReadFromTheFlatParametersOrTheAuthorizationJson() {
        Map<String, String> env = new HashMap<>(Map.of("INPUT_IMAGENAME", "127.0.0.1:5000/app:1",
                "INPUT_DOCKERREGISTRYSERVICECONNECTION", "c0ffee-id",
                "ENDPOINT_URL_C0FFEE-ID", "https://index.docker.io/v1/",
                "ENDPOINT_AUTH_C0FFEE-ID", "{\"parameters\":{\"username\":\"ci\",\"password\":\"s3cret\",\"registry\":\"http://127.0.0.1:5000\"},\"scheme\":\"UsernamePassword\"}"));
        RegistryServiceConnection connection = inputs(env).connection().orElseThrow();
        assertEquals("http://127.0.0.1:5000", connection.registry());
        assertEquals("ci", connection.username());
        assertEquals("s3cret", connection.password());
        assertEquals("127.0.0.1:5000", connection.credentials().forRegistry("127.0.0.1:5000").orElseThrow().registry());
        assertTrue(connection.credentials().forRegistry("docker.io").isEmpty());
        assertFalse(connection.toString().contains("s3cret"));

        env.put("ENDPOINT_AUTH_PARAMETER_C0FFEE-ID_PASSWORD", "flat");
        assertEquals("flat", inputs(env).connection().orElseThrow().password());
    }

    @Test
    void everySecretIsFoundAndMultiLineSecretsAreRegisteredByLine() {
        Set<String> secrets = SecretValues.in(Map.of(
                "ENDPOINT_AUTH_X", "{\"parameters\":{\"username\":\"ci\",\"password\":\"pw1\"},\"scheme\":\"UsernamePassword\"}",
                "ENDPOINT_AUTH_PARAMETER_X_PASSWORD", "pw2",
                "ENDPOINT_AUTH_PARAMETER_X_USERNAME", "ci",
                "SYSTEM_ACCESSTOKEN", "tok",
                "AGENT_PROXYPASSWORD", "line1\nline2",
                "INPUT_IMAGENAME", "not-a-secret"));
        assertEquals(Set.of("pw1", "pw2", "tok", "line1", "line2"), secrets);
    }

    @Test
    void theAgentsProxyBypassRegexesBecomeNoProxyEntries() {
        assertEquals(Optional.of(".corp.example"), AgentProxy.noProxyEntry(".*\\.corp\\.example"));
        assertEquals(Optional.of("build.corp.example"), AgentProxy.noProxyEntry("build\\.corp\\.example"));
        assertEquals(Optional.of("localhost"), AgentProxy.noProxyEntry("localhost"));
        assertEquals(Optional.of("127.0.0.1:5000"), AgentProxy.noProxyEntry("127\\.0\\.0\\.1:5000"));
        assertEquals(Optional.empty(), AgentProxy.noProxyEntry("(a|b)\\.example"));

        AgentProxy proxy = AgentProxy.read(new TaskEnvironment(Map.of("AGENT_PROXYURL", "http://proxy.corp:8080",
                "AGENT_PROXYUSERNAME", "u", "AGENT_PROXYPASSWORD", "p",
                "AGENT_PROXYBYPASSLIST", "[\".*\\\\.corp\\\\.example\",\"[a-z]+\\\\.lab\"]"))).orElseThrow();
        assertEquals(List.of("[a-z]+\\.lab"), proxy.unusedBypassEntries());
        assertTrue(AgentProxy.read(new TaskEnvironment(Map.of())).isEmpty());
    }

    @Test
    void scanNamesAreWindowsFileNamesFromTheDigest() {
        ScanName named = ScanName.of("sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "reg:5000/a/b:c",
                Optional.empty());
        assertEquals("portcullis-0123456789abcdef.json", named.attachmentName());
        ScanName noDigest = ScanName.of(null, "evil/../<name>:\"x|?*", Optional.of("task-1"));
        assertTrue(noDigest.attachmentName().matches("portcullis-[0-9a-f]{16}-[0-9a-f]{8}\\.json"), noDigest.attachmentName());
    }
}
