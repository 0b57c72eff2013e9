package io.portcullis.policy;

import io.portcullis.InputException;
import io.portcullis.kubernetes.SecurityProfile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KubernetesPolicyLoaderTest {
    @TempDir
    Path dir;

    @Test
    void theSeedsSecurityProfileDocumentAndFalcoRegistryLoadAsWritten() {
        SecurityProfile p = PolicyLoader.load(Path.of("shared-engine/src/test/resources/policy/seed-kubernetes.yaml")).kubernetes();
        assertTrue(p.runAsNonRoot());
        assertTrue(p.readOnlyRootFilesystem());
        assertTrue(p.noPrivilegeEscalation());
        assertEquals(Set.of("ALL"), p.requiredDrops());
        assertEquals(Set.of("NET_BIND_SERVICE"), p.allowedAdds());
        assertEquals(Set.of("RuntimeDefault", "Localhost"), p.seccompTypes(), "the restricted profile accepts Localhost too");
        assertFalse(p.allowPrivileged());
        assertEquals(Set.of(), p.allowedHostNamespaces());
        assertFalse(p.allowHostPath());
        assertEquals(List.of("production.azurecr.io/*"), p.approvedRegistries());
        assertTrue(p.requireDigest());
        assertEquals("shared-engine/src/test/resources/policy/seed-kubernetes.yaml:9", p.source());
    }

    @Test
    void theSpecAloneWorksAndLeftOutRulesAreNotRequiredButBaselineOnesHold() throws IOException {
        SecurityProfile p = load("""
                security_gates:
                  container_scan:
                    kubernetes:
                      security_context:
                        runAsNonRoot: true
                        hostNetwork: true
                      require_digest: false
                """);
        assertTrue(p.runAsNonRoot());
        assertFalse(p.readOnlyRootFilesystem());
        assertFalse(p.noPrivilegeEscalation());
        assertEquals(Set.of(), p.requiredDrops());
        assertNull(p.allowedAdds());
        assertEquals(Set.of(), p.seccompTypes());
        assertEquals(Set.of("hostNetwork"), p.allowedHostNamespaces());
        assertFalse(p.allowPrivileged());
        assertFalse(p.requireDigest());
    }

    @Test
    void anEmptyBlockIsTheRestrictedProfile() throws IOException {
        SecurityProfile p = load("""
                security_gates:
                  container_scan:
                    kubernetes:
                      approved_registries: production.azurecr.io
                """);
        SecurityProfile restricted = SecurityProfile.restricted();
        assertEquals(restricted.requiredDrops(), p.requiredDrops());
        assertEquals(restricted.seccompTypes(), p.seccompTypes());
        assertTrue(p.runAsNonRoot() && p.readOnlyRootFilesystem() && p.noPrivilegeEscalation());
        assertEquals(List.of("production.azurecr.io"), p.approvedRegistries());
    }

    @Test
    void typosAndWrongValuesNameTheLine() throws IOException {
        assertEquals(": unknown key 'runAsNonroot' in security_context (allowed: ",
                error("""
                        security_gates:
                          container_scan:
                            kubernetes:
                              security_context:
                                runAsNonroot: true
                        """, 5));
        assertEquals(": 'seccompProfile.type' must be RuntimeDefault or Localhost, got 'Unconfined'",
                error("""
                        security_gates:
                          container_scan:
                            kubernetes:
                              security_context:
                                seccompProfile: {type: Unconfined}
                        """, 5));
        assertEquals(": 'security_context' document must be kind SecurityProfile",
                error("""
                        security_gates:
                          container_scan:
                            kubernetes:
                              security_context:
                                kind: PodSecurityPolicy
                                spec: {runAsNonRoot: true}
                        """, 5));
    }

    private SecurityProfile load(String yaml) throws IOException {
        Path file = dir.resolve("policy.yaml");
        Files.writeString(file, yaml);
        return PolicyLoader.load(file).kubernetes();
    }

    /** The message after "file:line", cut where the list of allowed keys starts; asserts the line. */
    private String error(String yaml, int line) throws IOException {
        Path file = dir.resolve("policy.yaml");
        Files.writeString(file, yaml);
        String message = assertThrows(InputException.class, () -> PolicyLoader.load(file)).getMessage();
        String prefix = file + ":" + line;
        assertTrue(message.startsWith(prefix), message);
        String rest = message.substring(prefix.length());
        int allowed = rest.indexOf("(allowed: ");
        return allowed < 0 ? rest : rest.substring(0, allowed + "(allowed: ".length());
    }
}
