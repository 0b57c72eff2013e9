package io.portcullis.jenkins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.cloudbees.plugins.credentials.TestCredentialsStore;
import hudson.AbortException;
import hudson.model.TestRun;
import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registry password: looked up in the run's context, tracked, sent to the agent in the callable, never printed. */
class CredentialsTest {
    static final String PASSWORD = "s3cr3t-Pa55word-never-printed";

    @TempDir
    Path dir;

    @AfterEach
    void clearStore() {
        TestCredentialsStore.clear();
    }

    @Test
    void aRefusedRegistryFailsWithoutPrintingTheSecret() throws Exception {
        DemoScan demo = DemoScan.in(dir);
        TestCredentialsStore.add(new UsernamePassword("registry-creds", "ci-bot", PASSWORD));
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        TestRun run = demo.newRun(1, null);
        CapturingListener log = new CapturingListener();
        ScanImageStep step = new ScanImageStep();
        step.setImage("127.0.0.1:" + closedPort + "/team/app:1.4");
        step.setCredentialsId("registry-creds");
        TestStepContext context = new TestStepContext(run, demo.workspacePath(), log);
        StepExecution execution = step.start(context);
        execution.start();
        context.awaitOutcome();

        AbortException failure = assertInstanceOf(AbortException.class, context.failures.get(0));
        assertTrue(failure.getMessage().startsWith("Portcullis: "), failure.getMessage());
        assertFalse(failure.getMessage().contains(PASSWORD));
        assertFalse(log.text().contains(PASSWORD), log.text());
        List<Object[]> tracked = TestCredentialsStore.tracked();
        assertEquals(1, tracked.size());
        assertSame(run, tracked.get(0)[0]);
    }

    @Test
    void unknownCredentialsAreAnInputErrorNamingTheId() throws Exception {
        DemoScan demo = DemoScan.in(dir);
        TestRun run = demo.newRun(2, null);
        ScanImageStep step = new ScanImageStep();
        step.setImage("registry.example.com/app:1.4");
        step.setCredentialsId("nope");
        TestStepContext context = new TestStepContext(run, demo.workspacePath(), new CapturingListener());
        step.start(context).start();
        context.awaitOutcome();

        AbortException failure = assertInstanceOf(AbortException.class, context.failures.get(0));
        assertEquals("Portcullis: no username/password credentials with id 'nope'", failure.getMessage());
    }

    @Test
    void theCallableCarriesThePasswordAsCharsNotAsText() throws Exception {
        ScanParameters p = new ScanImageStepFixture().parameters();
        AgentScan callable = new AgentScan(p, "ci-bot", PASSWORD.toCharArray(), new CapturingListener());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(callable);
        }
        // Java serialisation writes a String as modified UTF-8 text and a char[] as UTF-16 units.
        assertFalse(bytes.toString(StandardCharsets.ISO_8859_1).contains(PASSWORD), "no String copy of the secret in the callable");
        assertTrue(callable.toString().indexOf(PASSWORD) < 0);
    }

    /** Parameters of a plain registry scan. */
    static final class ScanImageStepFixture {
        ScanParameters parameters() throws AbortException {
            ScanImageStep step = new ScanImageStep();
            step.setImage("registry.example.com/app:1.4");
            return step.toRequest().resolve(new PortcullisConfiguration(), "portcullis/container-security");
        }
    }
}
