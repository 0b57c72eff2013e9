package io.portcullis.scan;

import io.portcullis.testing.JvmTempDirectory;
import io.portcullis.check.CheckKind;
import io.portcullis.image.ImageSourceOptions;
import io.portcullis.inventory.analyzer.Analyzer;
import io.portcullis.layer.LayerCache;
import io.portcullis.layer.LayerLimits;
import io.portcullis.policy.SecretRuleFile;
import io.portcullis.secret.SecretSettings;
import io.portcullis.secret.SecretAllowList;
import io.portcullis.secret.SecretRules;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScanRequestTest {
    @TempDir
    Path dir;

    private static ScanRequest request(Set<CheckKind> checks, SecretSettings secrets) {
        return new ScanRequest("rootfs:/nowhere", ImageSourceOptions.defaults(), BuiltInAnalyzers.all(), LayerCache.disabled(),
                LayerLimits.DEFAULT, JvmTempDirectory.get(), false, checks, secrets, io.portcullis.signature.PublicKeys.none(),
                io.portcullis.image.registry.RegistryCredentials.none());
    }

    private static List<String> ids(ScanRequest request) {
        return request.layerAnalyzers().stream().map(Analyzer::id).toList();
    }

    @Test
    void onlyAScanForSecretsPaysForTheSecretAnalyzer() {
        assertFalse(ids(request(Set.of(), SecretSettings.DEFAULT)).stream().anyMatch(id -> id.startsWith("secrets")));
        assertFalse(ids(request(Set.of(CheckKind.CONFIG), SecretSettings.DEFAULT)).stream().anyMatch(id -> id.startsWith("secrets")));
        List<String> withSecrets = ids(request(Set.of(CheckKind.SECRET), SecretSettings.DEFAULT));
        assertEquals(BuiltInAnalyzers.all().size() + 1, withSecrets.size());
        assertTrue(withSecrets.contains("secrets"), withSecrets.toString());
    }

    @Test
    void extraRulesGiveTheAnalyzerAnIdOfTheirOwnSoCachedResultsStayApart() throws IOException {
        Path file = dir.resolve("rules.yaml");
        Files.writeString(file, "rules:\n  - id: acme\n    severity: LOW\n    regex: acme_[0-9]{8}\n");
        Path other = dir.resolve("other.yaml");
        Files.writeString(other, "rules:\n  - id: acme\n    severity: LOW\n    regex: acme_[0-9]{9}\n");
        String a = secretAnalyzerId(file);
        String b = secretAnalyzerId(other);
        assertTrue(a.matches("secrets-[0-9a-f]{12}"), a);
        assertNotEquals(a, b);
    }

    private static String secretAnalyzerId(Path rules) {
        SecretSettings settings = new SecretSettings(SecretRules.builtIn().with(SecretRuleFile.load(rules).rules(), rules.toString()),
                SecretAllowList.none());
        return ids(request(Set.of(CheckKind.SECRET), settings)).stream().filter(id -> id.startsWith("secrets")).findFirst().orElseThrow();
    }
}
