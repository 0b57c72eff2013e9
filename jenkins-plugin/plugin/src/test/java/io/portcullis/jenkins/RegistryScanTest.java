package io.portcullis.jenkins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.cloudbees.plugins.credentials.TestCredentialsStore;
import hudson.AbortException;
import hudson.model.TestRun;
import io.portcullis.testing.RealRegistry;
import io.portcullis.testing.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The step against a real registry (Debian's docker-registry on loopback) that wants basic auth. */
class RegistryScanTest {
    static final String USER = "ci-bot";
    static final String PASSWORD = "Regi5try-s3cret-not-for-logs";

    @RegisterExtension
    static final RealRegistry REGISTRY = RealRegistry.withBasicAuth(USER, PASSWORD);

    @TempDir
    static Path images;

    @TempDir
    Path dir;

    @BeforeAll
    static void pushPrivateImage() {
        REGISTRY.push(TestImages.small(images.resolve("small"), "jenkins-registry-test"), "small", "private/small:1", false);
    }

    @AfterEach
    void clearStore() {
        TestCredentialsStore.clear();
    }

    private TestStepContext scan(String password, int build) throws Exception {
        DemoScan demo = DemoScan.in(dir);
        demo.config.setInsecureRegistries(REGISTRY.hostPort());
        TestCredentialsStore.add(new UsernamePassword("registry-creds", USER, password));
        TestRun run = demo.newRun(build, null);
        ScanImageStep step = new ScanImageStep();
        step.setImage(REGISTRY.hostPort() + "/private/small:1");
        step.setCredentialsId("registry-creds");
        CapturingListener log = new CapturingListener();
        TestStepContext context = new TestStepContext(run, demo.workspacePath(), log);
        step.start(context).start();
        context.awaitOutcome();
        assertFalse(log.text().contains(PASSWORD), "the password is never in the log:\n" + log.text());
        assertFalse(log.text().contains(password), "nor the wrong one:\n" + log.text());
        for (Throwable t : context.failures) {
            assertFalse(String.valueOf(t.getMessage()).contains(password), t.getMessage());
        }
        assertEquals(1, TestCredentialsStore.tracked().size(), "the use of the credentials is recorded");
        return context;
    }

    @Test
    void privateImageIsScannedWithTheCredentials() throws Exception {
        TestStepContext context = scan(PASSWORD, 1);

        assertEquals(List.of(), context.failures);
        @SuppressWarnings("unchecked")
        Map<String, Object> result = (Map<String, Object>) context.successes.get(0);
        assertEquals("PASS", result.get("verdict"));
        assertTrue(((String) result.get("imageDigest")).startsWith("sha256:"), String.valueOf(result.get("imageDigest")));
        @SuppressWarnings("unchecked")
        List<String> reports = (List<String>) result.get("reports");
        assertTrue(reports.contains("portcullis/container-security/sbom.spdx.json"), reports.toString());
        Path workspace = dir.resolve("workspace");
        assertTrue(Files.readString(workspace.resolve("portcullis/container-security/sbom.cdx.json")).contains("CycloneDX"));
    }

    @Test
    void aWrongPasswordIsAnInputErrorWithoutTheSecret() throws Exception {
        TestStepContext context = scan("wrong-" + PASSWORD.substring(3), 2);

        AbortException failure = assertInstanceOf(AbortException.class, context.failures.get(0));
        assertTrue(failure.getMessage().startsWith("Portcullis: "), failure.getMessage());
        assertFalse(failure.getMessage().contains("\n"), failure.getMessage());
    }
}
