package io.portcullis.jenkins;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.AbortException;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Run;
import hudson.model.TaskListener;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Set;
import jenkins.model.TestJenkins;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.junit.jupiter.api.Test;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

class ScanImageStepTest {
    /** The parameters of the issue, each a data-bound property of the step and of the freestyle builder. */
    static final List<String> PARAMETERS = List.of("image", "input", "credentialsId", "platform", "policy", "failOn",
            "ignoreUnfixed", "ignoreFile", "vex", "sbomFormats", "reportFormats", "gateResult", "dbSource", "scanType", "signatureKeys", "sbom",
            "manifests");

    @Test
    void everyParameterIsADataBoundSetter() {
        for (Class<?> c : List.of(ScanImageStep.class, ScanImageBuilder.class)) {
            assertEquals(PARAMETERS.stream().sorted().toList(), DataBoundProperties.of(c).stream().sorted().toList(), c.getName());
            assertTrue(c.getConstructors()[0].isAnnotationPresent(DataBoundConstructor.class));
        }
    }

    @Test
    void parametersBindAsPipelineGivesThem() {
        ScanImageStep step = new ScanImageStep();
        step.setImage(" registry.example.com/app:1.4 ");
        step.setCredentialsId("registry-creds");
        step.setPolicy("security/policy.yaml");
        step.setGateResult("UNSTABLE");
        step.setVex(List.of("a.openvex.json", "b.openvex.json"));
        step.setIgnoreUnfixed(true);
        step.setPlatform("");

        assertEquals("registry.example.com/app:1.4", step.getImage());
        assertEquals("registry-creds", step.getCredentialsId());
        assertEquals("UNSTABLE", step.getGateResult());
        assertEquals(List.of("a.openvex.json", "b.openvex.json"), step.getVex());
        assertTrue(step.isIgnoreUnfixed());
        assertNull(step.getPlatform(), "blank means unset, as an empty form field sends it");
    }

    @Test
    void defaultsAreCycloneDxAndSpdxAndJsonSarifHtml() {
        ScanImageStep step = new ScanImageStep();
        assertEquals(List.of("cyclonedx", "spdx"), step.getSbomFormats());
        assertEquals(List.of("json", "sarif", "html"), step.getReportFormats());
        assertNull(step.getGateResult(), "FAILURE comes from the global default");
        assertEquals("FAILURE", new PortcullisConfiguration().getDefaultGateResult());
        assertEquals("osv.dev", new PortcullisConfiguration().getDbSource());
    }

    @Test
    void descriptorIsTheScanImageSymbolAndNeedsAnAgentWorkspace() {
        ScanImageStep.DescriptorImpl d = new ScanImageStep.DescriptorImpl();
        assertEquals("scanImage", d.getFunctionName());
        assertArrayEquals(new String[] {"scanImage"}, ScanImageStep.DescriptorImpl.class.getAnnotation(Symbol.class).value());
        assertEquals(Set.of(Run.class, FilePath.class, Launcher.class, TaskListener.class, FlowNode.class), d.getRequiredContext());
        assertArrayEquals(new String[] {"portcullis"}, PortcullisConfiguration.class.getAnnotation(Symbol.class).value());
    }

    @Test
    void imageAndInputAreExclusive() throws Exception {
        TestJenkins.install(new PortcullisConfiguration());
        PortcullisConfiguration config = PortcullisConfiguration.get();
        ScanImageStep both = new ScanImageStep();
        both.setImage("alpine:3.20");
        both.setInput("app.tar");
        AbortException e = assertThrows(AbortException.class, () -> both.toRequest().resolve(config, "out"));
        assertTrue(e.getMessage().contains("either image"), e.getMessage());
        assertThrows(AbortException.class, () -> new ScanImageStep().toRequest().resolve(config, "out"));
    }

    @Test
    void globalDefaultsFillWhatTheStepLeavesOpen() throws Exception {
        PortcullisConfiguration config = new PortcullisConfiguration();
        config.setDefaultPolicy("policy/default.yaml");
        config.setDefaultGateResult("unstable");
        config.setDbSource("oci://registry.example/portcullis/db:latest");
        config.setMaxDbAgeHours(6);
        ScanImageStep step = new ScanImageStep();
        step.setImage("alpine:3.20");

        ScanParameters p = step.toRequest().resolve(config, "portcullis/container-security");
        assertEquals("policy/default.yaml", p.policy);
        assertEquals("oci://registry.example/portcullis/db:latest", p.dbSource);
        assertEquals(6 * 3600L, p.maxDbAgeSeconds);
        assertEquals("https://repo1.maven.org/maven2/", p.mavenRepository, "Maven Central unless the settings say otherwise");
        assertEquals(GateResult.UNSTABLE, step.toRequest().gate(config));

        step.setPolicy("mine.yaml");
        step.setDbSource("/srv/osv/portcullis.db");
        step.setGateResult("NONE");
        p = step.toRequest().resolve(config, "x");
        assertEquals("mine.yaml", p.policy);
        assertEquals("/srv/osv/portcullis.db", p.dbSource);
        assertEquals(GateResult.NONE, step.toRequest().gate(config));
    }

    @Test
    void anUnknownGateResultIsAnInputError() {
        ScanImageStep step = new ScanImageStep();
        step.setGateResult("MAYBE");
        AbortException e = assertThrows(AbortException.class, () -> step.toRequest().gate(new PortcullisConfiguration()));
        assertEquals("gateResult must be FAILURE, UNSTABLE or NONE, not 'MAYBE'", e.getMessage());
    }

    @Test
    void registryOfAnImageReferenceIsWhatTheEngineKeysCredentialsBy() {
        assertEquals("docker.io", ImageReferences.registry("alpine:3.20"));
        assertEquals("docker.io", ImageReferences.registry("library/alpine"));
        assertEquals("registry.example.com", ImageReferences.registry("Registry.Example.com/app:1.4"));
        assertEquals("127.0.0.1:5000", ImageReferences.registry("127.0.0.1:5000/app@sha256:abc"));
        assertEquals("localhost", ImageReferences.registry("localhost/app"));
    }

    @Test
    void consoleTextNeutralisesConsoleNotesAndBidiOverrides() {
        assertEquals("\\x1b[8mha:evil\\n x\\u202ey", ConsoleText.safe("\u001b[8mha:evil\n x\u202ey"));
    }

    /** The property names of a class's @DataBoundSetter methods. */
    static final class DataBoundProperties {
        static List<String> of(Class<?> c) {
            return java.util.Arrays.stream(c.getMethods()).filter(m -> m.isAnnotationPresent(DataBoundSetter.class))
                    .map(Method::getName).map(n -> Character.toLowerCase(n.charAt(3)) + n.substring(4)).toList();
        }
    }
}
