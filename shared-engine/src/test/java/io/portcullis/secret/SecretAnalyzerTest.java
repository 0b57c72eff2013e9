package io.portcullis.secret;

import io.portcullis.testing.JvmTempDirectory;
import io.portcullis.inventory.analyzer.AnalyzedFile;
import io.portcullis.inventory.analyzer.FileAnalysis;
import io.portcullis.inventory.analyzer.FoundSecret;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SecretAnalyzerTest {
    private final SecretAnalyzer analyzer = new SecretAnalyzer(SecretRules.builtIn());

    private List<FoundSecret> scan(String path, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        FileAnalysis analysis = analyzer.analyze(new AnalyzedFile(path, bytes.length, new ByteArrayInputStream(bytes), JvmTempDirectory.get()));
        return analysis.secrets();
    }

    @Test
    void aPlaceholderPasswordIsNotReportedAndARandomOneIs() throws IOException {
        assertEquals(List.of(), scan("etc/app.conf", "password=changeme\npassword = changeme123\nsecret: xxxxxxxxxxxx\n"));
        assertEquals(List.of(), scan("etc/app.conf", "password=${DB_PASSWORD}\ntoken=$(cat /run/secrets/t)\n"));
        assertEquals(List.of(new FoundSecret("PCS-SECRET-ASSIGNMENT", 2, "q7Ls****")),
                scan("etc/app.conf", "user=app\npassword=q7Ls9vX2pK4mZ8wR3tYb\n"));
    }

    @Test
    void theAssignmentNameMayHaveUpTo40CharactersBeforeAndAfterItsWord() throws IOException {
        String value = "q7Ls9vX2pK4mZ8wR3tYb";
        String before40 = "a".repeat(38) + "x_";
        assertEquals(List.of(new FoundSecret("PCS-SECRET-ASSIGNMENT", 1, "q7Ls****")), scan("etc/app.conf", before40 + "password=" + value + "\n"));
        assertEquals(List.of(), scan("etc/app.conf", "b" + before40 + "password=" + value + "\n"), "41 name characters before the word");
        assertEquals(List.of(new FoundSecret("PCS-SECRET-ASSIGNMENT", 1, "q7Ls****")),
                scan("etc/app.conf", "db.Token_secret-" + "z".repeat(24) + " : '" + value + "'\n"), "the word twice, a name after it");
        assertEquals(List.of(), scan("etc/app.conf", "token" + "z".repeat(41) + "=" + value + "\n"), "41 name characters after the word");
        assertEquals(List.of(new FoundSecret("PCS-SECRET-ASSIGNMENT", 2, "q7Ls****")),
                scan("etc/app.conf", "x\n(API-KEY=" + value + ")\n"), "a name starts after a separator");
    }

    @Test
    void theMostSpecificRuleReportsAMatchOnce() throws IOException {
        String key = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
        assertEquals(List.of(new FoundSecret("PCS-AWS-SECRET-KEY", 1, "wJal****")), scan("app/run.sh", "export AWS_SECRET_ACCESS_KEY=" + key + "\n"));
    }

    @Test
    void aCredentialFileRuleAppliesOnlyToItsFile() throws IOException {
        String npmrc = "//registry.npmjs.org/:_authToken=0a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9\n";
        assertEquals(List.of(new FoundSecret("PCS-NPMRC-AUTH", 1, "0a1b****")), scan("home/app/.npmrc", npmrc));
        // elsewhere only the generic rule sees it: a high-entropy value assigned to a token
        assertEquals(List.of(new FoundSecret("PCS-SECRET-ASSIGNMENT", 1, "0a1b****")), scan("home/app/npmrc.example", npmrc));
        assertEquals(List.of(), scan("home/app/.npmrc", "//registry.npmjs.org/:_authToken=${NPM_TOKEN}\n"));
    }

    @Test
    void binariesAreSkippedByContentAndByName() throws IOException {
        assertEquals(List.of(), scan("usr/bin/tool", "\u007fELF\0\0ghp_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8" + "\n"));
        assertEquals(1, scan("usr/bin/tool.sh", "ghp_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8" + "\n").size());
        assertFalse(analyzer.accepts("usr/lib/x86_64-linux-gnu/libssl.so.3", 1000));
        assertFalse(analyzer.accepts("app/lib/app.jar", 1000));
        assertFalse(analyzer.accepts("var/log/big.log", SecretAnalyzer.MAX_FILE_BYTES + 1));
        assertTrue(analyzer.accepts("root/.ssh/id_rsa", 2600));
        assertFalse(analyzer.accepts("etc/empty", 0));
    }

    @Test
    void aBuildStepIsShownWithItsTokensRedacted() {
        String step = "RUN curl -H 'Authorization: token ghp_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8' https://example.com";
        assertEquals("RUN curl -H 'Authorization: token ghp_****' https://example.com", SecretRules.builtIn().redactIn(step));
    }
}
