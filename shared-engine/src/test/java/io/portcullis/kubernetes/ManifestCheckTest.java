package io.portcullis.kubernetes;

import io.portcullis.InputException;
import io.portcullis.check.CheckFinding;
import io.portcullis.check.CheckKind;
import io.portcullis.check.ManifestSite;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Real manifests with planted violations: every line carrying a {@code # plant: RULE} comment must produce
 * exactly one finding of that rule on that line, and nothing else may be found.
 */
class ManifestCheckTest {
    private static final Path DIR = Path.of("shared-engine/src/test/resources/kubernetes");
    private static final Pattern PLANT = Pattern.compile("# plant: (PCK-[A-Z-]+)");

    /** The seed's profile with its approved registry. */
    private static final SecurityProfile SEED = withRegistries(SecurityProfile.restricted(), List.of("production.azurecr.io/*"));

    @TempDir
    Path temp;

    @Test
    void aRestrictedDeploymentHasNoFinding() {
        ManifestCheckResult result = check(SEED, "restricted-deployment.yaml");
        assertEquals(List.of(), result.findings());
        assertEquals(1, result.workloads());
        assertEquals(List.of(), result.notes());
    }

    @Test
    void eachPlantedViolationIsFoundOnItsLineAndNothingElse() throws IOException {
        ManifestCheckResult result = check(SEED, "one-violation-each.yaml");
        assertEquals(planted("one-violation-each.yaml"), found(result));
        assertEquals(12, result.workloads());
        Set<String> rules = Set.copyOf(result.findings().stream().map(CheckFinding::ruleId).toList());
        for (PodSecurityRule rule : PodSecurityRule.values()) {
            assertTrue(rules.contains(rule.id()), rule.id() + " is planted in one-violation-each.yaml");
        }
    }

    @Test
    void findingsNameFileDocumentWorkloadContainerAndFieldPath() {
        CheckFinding escalation = only(check(SEED, "one-violation-each.yaml"), "PCK-PRIVILEGE-ESCALATION");
        ManifestSite site = escalation.manifest();
        assertEquals(CheckKind.KUBERNETES, escalation.kind());
        assertEquals("one-violation-each.yaml", site.file());
        assertEquals(4, site.document());
        assertEquals("Pod", site.kind());
        assertEquals("escalation-unset", site.name());
        assertEquals("t", site.namespace());
        assertEquals("app", site.container());
        assertEquals("spec.containers[0].securityContext.allowPrivilegeEscalation", site.field());

        CheckFinding hostPath = only(check(SEED, "one-violation-each.yaml"), "PCK-HOST-PATH");
        assertEquals(null, hostPath.manifest().container());
        assertEquals("spec.volumes[0].hostPath", hostPath.manifest().field());
        assertTrue(hostPath.message().contains("/var/run/docker.sock"), hostPath.message());
    }

    @Test
    void helmRenderedOutputKeepsDocumentIndexAndTemplate() throws IOException {
        ManifestCheckResult result = check(SEED, "helm-rendered.yaml");
        assertEquals(planted("helm-rendered.yaml"), found(result));
        CheckFinding escalation = only(result, "PCK-PRIVILEGE-ESCALATION");
        assertEquals(3, escalation.manifest().document());
        assertEquals("shop/templates/deployment.yaml", escalation.manifest().helmSource());
        assertEquals("spec.template.spec.containers[0].securityContext.allowPrivilegeEscalation", escalation.manifest().field());
        CheckFinding registry = only(result, "PCK-REGISTRY");
        assertEquals(4, registry.manifest().document());
        assertEquals("shop/templates/tests/test-connection.yaml", registry.manifest().helmSource());
        assertEquals(List.of(), result.notes(), "ServiceAccount and Service hold no pods and are passed over silently");
    }

    @Test
    void listItemsCronJobsInitAndEphemeralContainersAreChecked() throws IOException {
        ManifestCheckResult result = check(SEED, "list-and-cronjob.yaml");
        assertEquals(planted("list-and-cronjob.yaml"), found(result));
        assertEquals(3, result.workloads());
        assertEquals("items[0].spec.template.spec.containers[0].securityContext.readOnlyRootFilesystem",
                only(result, "PCK-READ-ONLY-ROOT-FS").manifest().field());
        assertEquals("items[1].spec.template.spec.hostPID", only(result, "PCK-HOST-NAMESPACE").manifest().field());
        CheckFinding privileged = only(result, "PCK-PRIVILEGED");
        assertEquals("CronJob", privileged.manifest().kind());
        assertEquals("spec.jobTemplate.spec.template.spec.initContainers[0].securityContext.privileged", privileged.manifest().field());
        CheckFinding ephemeral = only(result, "PCK-CAPABILITIES-DROP");
        assertEquals("debugger", ephemeral.manifest().container());
        assertTrue(ephemeral.manifest().field().startsWith("spec.jobTemplate.spec.template.spec.ephemeralContainers[0]."));
    }

    @Test
    void theContainersValueWinsOverThePods() throws IOException {
        ManifestCheckResult result = check(SEED, "precedence.yaml");
        assertEquals(planted("precedence.yaml"), found(result));
        CheckFinding inheritedSeccomp = only(result, "PCK-SECCOMP");
        assertEquals("inherits", inheritedSeccomp.manifest().container());
        assertEquals("spec.template.spec.securityContext.seccompProfile.type", inheritedSeccomp.manifest().field());
        List<CheckFinding> root = result.findings().stream().filter(f -> f.ruleId().equals("PCK-RUN-AS-NON-ROOT")).toList();
        assertEquals(Set.of("spec.template.spec.securityContext.runAsUser", "spec.template.spec.containers[0].securityContext.runAsNonRoot"),
                Set.copyOf(root.stream().map(f -> f.manifest().field()).toList()));
        assertTrue(root.stream().allMatch(f -> f.manifest().container().equals("overrides")));
    }

    @Test
    void unknownKindsAreSkippedWithANote() {
        ManifestCheckResult result = check(SEED, "unknown-kind.yaml");
        assertEquals(List.of(), result.findings(), "the Rollout's privileged container is not checked");
        assertEquals(2, result.notes().size(), result.notes().toString());
        assertTrue(result.notes().get(0).startsWith("unknown-kind.yaml:1 (document 1): kind Rollout (argoproj.io/v1alpha1)"), result.notes().get(0));
        assertTrue(result.notes().get(1).startsWith("unknown-kind.yaml:17 (document 3): no 'kind'"), result.notes().get(1));
    }

    @Test
    void malformedYamlNamesFileDocumentAndLine() {
        InputException error = assertThrows(InputException.class, () -> check(SEED, "malformed-third-document.yaml"));
        assertTrue(error.getMessage().startsWith("malformed-third-document.yaml:14: invalid YAML in document 3: mapping values are not allowed"),
                error.getMessage());
    }

    @Test
    void typeTagsMergeKeysAndOversizedFilesAreRefused() throws IOException {
        Files.writeString(temp.resolve("global.yaml"), "kind: Pod\nspec: !!javax.script.ScriptEngineManager [x]\n");
        assertEquals("global.yaml:2: invalid YAML in document 1: Global tag is not allowed: tag:yaml.org,2002:javax.script.ScriptEngineManager",
                assertThrows(InputException.class, () -> ManifestCheck.check(temp, List.of(Path.of("global.yaml")), SEED)).getMessage());
        Files.writeString(temp.resolve("local.yaml"), "kind: Pod\nspec:\n  privileged: !Ref yes\n");
        assertEquals("local.yaml:3 (document 1): YAML tag '!Ref' is not accepted (type tags are refused)",
                assertThrows(InputException.class, () -> ManifestCheck.check(temp, List.of(Path.of("local.yaml")), SEED)).getMessage());
        Files.writeString(temp.resolve("merge.yaml"), "base: &b {privileged: true}\n---\nkind: Pod\nspec:\n  x:\n    <<: {a: 1}\n");
        assertEquals("merge.yaml:6 (document 2): YAML merge keys ('<<') are not accepted; write the keys out",
                assertThrows(InputException.class, () -> ManifestCheck.check(temp, List.of(Path.of("merge.yaml")), SEED)).getMessage());
        Files.writeString(temp.resolve("big.yaml"), "a: " + "x".repeat(600 * 1024) + "\n");
        assertTrue(assertThrows(InputException.class, () -> ManifestCheck.check(temp, List.of(Path.of("big.yaml")), SEED))
                .getMessage().contains("larger than the 512 KiB"));
    }

    @Test
    void directoriesAreExpandedAndAPathWithoutManifestsIsAnError() throws IOException {
        List<Path> files = ManifestFiles.expand(List.of(DIR));
        assertEquals(7, files.size(), files.toString());
        assertEquals(files.stream().sorted().toList(), files);
        Files.createDirectories(temp.resolve("empty"));
        assertTrue(assertThrows(InputException.class, () -> ManifestFiles.expand(List.of(temp.resolve("empty")))).getMessage()
                .endsWith("no .yaml, .yml or .json file in this directory"));
        assertTrue(assertThrows(InputException.class, () -> ManifestFiles.expand(List.of(temp.resolve("missing.yaml")))).getMessage()
                .endsWith("no such manifest file or directory"));
        assertEquals(List.of(DIR.resolve("helm-rendered.yaml"), DIR.resolve("list-and-cronjob.yaml")),
                ManifestFiles.matching(DIR, "helm-*.yaml, list-*.yaml"));
        assertThrows(InputException.class, () -> ManifestFiles.matching(DIR, "../**/*.yaml"));
    }

    @Test
    void aWorkspacePatternRefusesSymbolicLinksOutOfTheWorkspace() throws IOException {
        Path workspace = Files.createDirectories(temp.resolve("workspace"));
        Path outside = Files.writeString(temp.resolve("outside.yaml"), "apiVersion: v1\nkind: Pod\n");
        Files.copy(DIR.resolve("restricted-deployment.yaml"), Files.createDirectories(workspace.resolve("deploy")).resolve("web.yaml"));
        Files.createSymbolicLink(workspace.resolve("deploy/stolen.yaml"), outside);
        Files.createSymbolicLink(workspace.resolve("linked"), temp);
        Files.createSymbolicLink(workspace.resolve("inside.yaml"), workspace.resolve("deploy/web.yaml"));

        assertEquals("manifest deploy/stolen.yaml is a symbolic link out of the workspace",
                assertThrows(InputException.class, () -> ManifestFiles.matching(workspace, "deploy/*.yaml")).getMessage());
        assertEquals("manifest deploy/stolen.yaml is a symbolic link out of the workspace",
                assertThrows(InputException.class, () -> ManifestFiles.matching(workspace, "deploy")).getMessage());
        assertEquals("manifest linked/outside.yaml is a symbolic link out of the workspace",
                assertThrows(InputException.class, () -> ManifestFiles.matching(workspace, "linked/outside.yaml")).getMessage());
        assertTrue(assertThrows(InputException.class, () -> ManifestFiles.matching(workspace, "/etc/hosts")).getMessage()
                .contains("must stay inside the workspace"));
        // A link that stays inside the workspace is as good as the file.
        assertEquals(List.of(workspace.resolve("inside.yaml")), ManifestFiles.matching(workspace, "inside.yaml"));
    }

    @Test
    void aProfileWithoutRegistriesOrDigestsAcceptsAnyImage() {
        SecurityProfile open = new SecurityProfile(true, true, true, Set.of("ALL"), Set.of("NET_BIND_SERVICE"),
                SecurityProfile.RESTRICTED_SECCOMP_TYPES, false, Set.of(), false, List.of(), false, "test");
        List<String> rules = check(open, "one-violation-each.yaml").findings().stream().map(CheckFinding::ruleId).toList();
        assertTrue(!rules.contains("PCK-REGISTRY") && !rules.contains("PCK-IMAGE-DIGEST"), rules.toString());
    }

    private static ManifestCheckResult check(SecurityProfile profile, String file) {
        return ManifestCheck.check(DIR, List.of(Path.of(file)), profile);
    }

    /** "line RULE" for each planted comment, in line order. */
    private static List<String> planted(String file) throws IOException {
        List<String> lines = Files.readAllLines(DIR.resolve(file));
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = PLANT.matcher(lines.get(i));
            if (m.find()) {
                expected.add((i + 1) + " " + m.group(1));
            }
        }
        return expected;
    }

    private static List<String> found(ManifestCheckResult result) {
        return result.findings().stream().sorted(java.util.Comparator.comparingInt((CheckFinding f) -> f.manifest().line()))
                .map(f -> f.manifest().line() + " " + f.ruleId()).toList();
    }

    private static CheckFinding only(ManifestCheckResult result, String rule) {
        List<CheckFinding> matching = result.findings().stream().filter(f -> f.ruleId().equals(rule)).toList();
        assertEquals(1, matching.size(), rule + ": " + matching);
        return matching.get(0);
    }

    private static SecurityProfile withRegistries(SecurityProfile p, List<String> registries) {
        return new SecurityProfile(p.runAsNonRoot(), p.readOnlyRootFilesystem(), p.noPrivilegeEscalation(), p.requiredDrops(), p.allowedAdds(),
                p.seccompTypes(), p.allowPrivileged(), p.allowedHostNamespaces(), p.allowHostPath(), registries, p.requireDigest(), "seed");
    }
}
