package io.portcullis.layer;

import io.portcullis.inventory.analyzer.FileAnalysis;
import io.portcullis.inventory.analyzer.FoundSecret;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Secrets and setuid/setgid files across layers: what a later layer deletes, hides or rewrites. */
class LayerMergerFilesTest {
    private static final FoundSecret KEY = new FoundSecret("PCS-PRIVATE-KEY", 2, "b3Bl****");

    private static LayerMerger merger() {
        return new LayerMerger(os -> null, packages -> packages);
    }

    private static LayerAnalysis withSecret(String path) {
        return new LayerAnalysis(Map.of(path, Map.of("secrets", FileAnalysis.secrets(List.of(KEY)))), Set.of(), Set.of(), Map.of());
    }

    private static LayerAnalysis layer(Set<String> whiteouts, Set<String> opaque, Map<String, String> links, Map<String, Integer> modes) {
        return new LayerAnalysis(Map.of(), whiteouts, opaque, links, modes);
    }

    private static List<Boolean> removedFlags(LayerMerger merger) {
        return merger.secrets().stream().map(LayerSecret::removed).toList();
    }

    @Test
    void aSecretStaysReportedWhenALaterLayerDeletesHidesOrReplacesItsFile() {
        for (LayerAnalysis later : List.of(
                layer(Set.of("root/.ssh/id_rsa"), Set.of(), Map.of(), Map.of()),
                layer(Set.of("root"), Set.of(), Map.of(), Map.of()),
                layer(Set.of(), Set.of("root/.ssh"), Map.of(), Map.of()),
                layer(Set.of(), Set.of(), Map.of("root/.ssh", "/tmp"), Map.of()),
                new LayerAnalysis(Map.of("root/.ssh/id_rsa", Map.of("secrets", FileAnalysis.EMPTY)), Set.of(), Set.of(), Map.of()))) {
            LayerMerger merger = merger();
            merger.add("sha256:a", withSecret("root/.ssh/id_rsa"));
            merger.add("sha256:b", later);
            assertEquals(List.of(new LayerSecret(0, "sha256:a", "root/.ssh/id_rsa", KEY, true)), merger.secrets(), later.toString());
        }
    }

    @Test
    void aSecretNextToADeletedFileIsStillInTheFilesystem() {
        LayerMerger merger = merger();
        merger.add("sha256:a", withSecret("root/.ssh/id_rsa"));
        merger.add("sha256:b", layer(Set.of("root/.ssh/id_rsa.pub", "root/.s"), Set.of("root/.ssh/keys"), Map.of(), Map.of()));
        assertEquals(List.of(false), removedFlags(merger));
    }

    @Test
    void aSecretInAFileAnOsPackageOwnsIsLeftOut() {
        LayerMerger merger = merger();
        merger.add("sha256:a", new LayerAnalysis(Map.of(
                "var/lib/dpkg/info/openssl.list", Map.of("dpkg-files", new FileAnalysis(List.of(), null, List.of(),
                        Map.of("openssl", Set.of("/usr/share/doc/openssl/test.key"))))), Set.of(), Set.of(), Map.of()));
        merger.add("sha256:b", withSecret("usr/share/doc/openssl/test.key"));
        merger.add("sha256:c", withSecret("app/test.key"));
        assertEquals(List.of("app/test.key"), merger.secrets().stream().map(LayerSecret::path).toList());
    }

    @Test
    void onlyTheTopmostModeOfASurvivingFileCounts() {
        LayerMerger merger = merger();
        merger.add("sha256:a", layer(Set.of(), Set.of(), Map.of(),
                Map.of("usr/bin/su", 04755, "usr/bin/wall", 02755, "usr/bin/ls", 0755, "opt/tool", 04711, "srv/x", 06755)));
        merger.add("sha256:b", layer(Set.of("opt/tool"), Set.of("srv"), Map.of(), Map.of("usr/bin/wall", 0755, "usr/bin/ls", 04755)));
        assertEquals(List.of(new SpecialModeFile(1, "sha256:b", "usr/bin/ls", 04755, null), new SpecialModeFile(0, "sha256:a", "usr/bin/su", 04755, null)),
                merger.specialModeFiles());
    }
}
