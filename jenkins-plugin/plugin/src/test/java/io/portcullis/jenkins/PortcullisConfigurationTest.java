package io.portcullis.jenkins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.security.ACL;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Set;
import jenkins.model.TestJenkins;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kohsuke.stapler.verb.POST;
import org.springframework.security.access.AccessDeniedException;

class PortcullisConfigurationTest {
    private PortcullisConfiguration config;

    @BeforeEach
    void install() {
        config = new PortcullisConfiguration();
        TestJenkins.install(config);
    }

    @Test
    void dbSourceValidationUsesTheEnginesParser() {
        assertEquals(FormValidation.Kind.OK, config.doCheckDbSource("osv.dev").kind);
        assertEquals(FormValidation.Kind.OK, config.doCheckDbSource("oci://registry.example/portcullis/db:latest").kind);
        FormValidation missing = config.doCheckDbSource("/nonexistent/portcullis.db");
        assertEquals(FormValidation.Kind.ERROR, missing.kind);
        assertTrue(missing.getMessage().contains("/nonexistent/portcullis.db"), missing.getMessage());
    }

    @Test
    void validationAndDropDownsNeedTheRightToConfigure() {
        TestJenkins.authorize(ACL.lambda2((user, permission) -> false));
        assertThrows(AccessDeniedException.class, () -> config.doCheckDbSource("osv.dev"));
        assertThrows(AccessDeniedException.class, () -> config.doCheckMaxDbAgeHours("1"));
        assertThrows(AccessDeniedException.class, () -> config.doFillDefaultGateResultItems());
        // Without the right, the credentials list shows only the value already set, never which credentials exist.
        ListBoxModel creds = new ScanImageStep.DescriptorImpl().doFillCredentialsIdItems(null, "alpine:3.20", "registry-creds");
        assertEquals(List.of("registry-creds"), creds.stream().map(o -> o.value).toList());

        TestJenkins.authorize(ACL.lambda2((user, permission) -> true));
        assertEquals(FormValidation.Kind.OK, config.doCheckDbSource("osv.dev").kind);
        creds = new ScanImageStep.DescriptorImpl().doFillCredentialsIdItems(null, "alpine:3.20", "registry-creds");
        assertEquals(List.of("", "registry-creds"), creds.stream().map(o -> o.value).toList());
    }

    @Test
    void maxAgeMustBePositive() {
        assertEquals(FormValidation.Kind.OK, config.doCheckMaxDbAgeHours("12").kind);
        assertEquals(FormValidation.Kind.ERROR, config.doCheckMaxDbAgeHours("0").kind);
        assertEquals(FormValidation.Kind.ERROR, config.doCheckMaxDbAgeHours("soon").kind);
    }

    @Test
    void everyFormMethodIsPostOnly() {
        for (Class<?> c : List.of(PortcullisConfiguration.class, ScanImageStep.DescriptorImpl.class, ScanImageBuilder.DescriptorImpl.class)) {
            for (Method m : c.getDeclaredMethods()) {
                if (m.getName().startsWith("doCheck") || m.getName().startsWith("doFill")) {
                    assertTrue(m.isAnnotationPresent(POST.class), c.getSimpleName() + "." + m.getName());
                }
            }
        }
    }

    @Test
    void insecureRegistriesAreAListOfHostPorts() {
        config.setInsecureRegistries("127.0.0.1:5000, Registry.Internal:8080  mirror:80");
        assertEquals(Set.of("127.0.0.1:5000", "registry.internal:8080", "mirror:80"), config.insecureRegistrySet());
        config.setInsecureRegistries(" ");
        assertEquals(Set.of(), config.insecureRegistrySet());
    }

    @Test
    void theStepFindsTheInstalledConfiguration() {
        assertTrue(PortcullisConfiguration.get() == config);
    }
}
