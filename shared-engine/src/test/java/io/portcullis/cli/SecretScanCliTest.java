package io.portcullis.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.portcullis.testing.BuiltImage;
import io.portcullis.testing.ExternalCommand;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code portcullis scan --scan-type secret} (and {@code config} for CIS 4.8) on an image built with one
 * file per secret rule, a private key added and deleted by a later layer, setuid files, and a clean image.
 * Every token is made up here (realistic in format, random in content); the expected findings are the planted ones.
 */
class SecretScanCliTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final String BASE64 = ALNUM + "+/";
    private static final Random RANDOM = new Random(11);
    private static final Path GHSA_ZIP = Path.of("../shared/data/osv/GHSA-sample.zip");
    /** AWS's documented example secret key, planted in ENV (a config finding) and in a file. */
    private static final String ENV_SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    /** A secret planted in a file: what the scan must report for it. */
    record Planted(String ruleId, String path, int line, int layer, boolean removed, String secret) {
        String key() {
            return ruleId + " " + path + ":" + line + " layer " + layer + (removed ? " removed" : "");
        }
    }

    private static final String PUBLIC_BOILERPLATE = "-*BEGIN PRIVATE KEY-----\\\\n|\\\\n-----END PRIVATE KEY-----\\\\n|s://hooks\\.slack\\.com/services/";
    private static final List<Planted> PLANTED = new ArrayList<>();
    /** Every secret value written anywhere into the image, reported or not: none may reach an output. */
    private static final List<String> ALL_SECRETS = new ArrayList<>();

    @TempDir
    static Path dir;
    static Path image;
    static Path cleanImage;
    static String historyToken;

    @BeforeAll
    static void buildImages() throws IOException {
        Path base = Files.createDirectories(dir.resolve("base"));
        write(base, "etc/os-release", "ID=debian\nVERSION_ID=\"12\"\n");
        write(base, "var/lib/dpkg/status", "Package: passwd\nStatus: install ok installed\nVersion: 1:4.13+dfsg1-1\nArchitecture: amd64\n\n");
        write(base, "var/lib/dpkg/info/passwd.list", "/usr\n/usr/bin\n/usr/bin/passwd\n/usr/share/doc/passwd/example.pem\n");
        write(base, "usr/bin/passwd", "#!/bin/sh\necho passwd\n");
        chmod("4755", base.resolve("usr/bin/passwd"));
        // A distribution's own file (its package lists it): skipped, like every OS-owned file.
        String osKey = base64(64);
        ALL_SECRETS.add(osKey);
        write(base, "usr/share/doc/passwd/example.pem", "-----BEGIN RSA PRIVATE KEY-----\n" + osKey + "\n-----END RSA PRIVATE KEY-----\n");

        Path app = Files.createDirectories(dir.resolve("app"));
        plantFiles(app);
        write(app, "app/placeholder.conf", "# the operator sets the real one\npassword=changeme\n");
        ALL_SECRETS.add("changeme");
        byte[] binary = ("\0\0ELF" + "ghp_" + alnum(36)).getBytes(StandardCharsets.US_ASCII);
        Files.write(app.resolve("app/data.bin"), binary);
        write(app, "usr/local/bin/helper", "#!/bin/sh\nexec id\n");
        chmod("4755", app.resolve("usr/local/bin/helper"));
        write(app, "usr/local/bin/fixed", "#!/bin/sh\nexec id\n");
        chmod("2755", app.resolve("usr/local/bin/fixed"));

        Path cleanup = Files.createDirectories(dir.resolve("cleanup"));
        write(cleanup, "root/.ssh/.wh.id_rsa", "");
        write(cleanup, "usr/local/bin/fixed", "#!/bin/sh\nexec id\n");
        chmod("0755", cleanup.resolve("usr/local/bin/fixed"));

        Path download = Files.createDirectories(dir.resolve("download"));
        historyToken = "ghp_" + alnum(36);
        ALL_SECRETS.add(historyToken);
        String gitlab = "glpat-" + token(ALNUM + "_-", 20);
        plant(download, 3, "PCS-GITLAB-TOKEN", "app/downloaded.yml", List.of("registry:", "  token: %s"), gitlab);

        BuiltImage built = new BuiltImage(Files.createDirectories(dir.resolve("built")));
        built.settings().putArray("Env").add("PATH=/usr/bin:/bin").add("AWS_SECRET_ACCESS_KEY=" + ENV_SECRET);
        ALL_SECRETS.add(ENV_SECRET);
        built.layerStep("/bin/sh -c #(nop) ADD file:0a1b2c3d in / ", base)
                .metadataStep("/bin/sh -c #(nop)  ENV AWS_SECRET_ACCESS_KEY=" + ENV_SECRET)
                .layerStep("COPY . / # buildkit", app)
                .layerStep("RUN /bin/sh -c rm /root/.ssh/id_rsa && chmod g-s /usr/local/bin/fixed # buildkit", cleanup)
                .layerStep("RUN /bin/sh -c curl -H 'Authorization: token " + historyToken + "' https://example.com/c > /app/downloaded.yml # buildkit",
                        download);
        image = built.save(dir.resolve("secrets.tar"), "secrets:1");

        Path cleanApp = Files.createDirectories(dir.resolve("clean-app"));
        write(cleanApp, "app/settings.conf", "log_level=info\npassword=${DB_PASSWORD}\ntoken_file=/run/secrets/token\n");
        write(cleanApp, "app/.npmrc", "//registry.npmjs.org/:_authToken=${NPM_TOKEN}\n");
        write(cleanApp, "app/README.md", "Set the API token in the environment; see docs/secrets.md.\n");
        BuiltImage clean = new BuiltImage(Files.createDirectories(dir.resolve("clean")));
        clean.settings().put("User", "10001");
        clean.layerStep("/bin/sh -c #(nop) ADD file:0a1b2c3d in / ", base).layerStep("COPY app /app # buildkit", cleanApp);
        cleanImage = clean.save(dir.resolve("clean.tar"), "clean:1");
    }

    /** One file per rule, in the "COPY . /" layer (index 1), each with its token on a known line. */
    private static void plantFiles(Path app) throws IOException {
        plant(app, 1, "PCS-AWS-ACCESS-KEY-ID", "app/aws.properties", List.of("[default]", "aws_access_key_id = %s"),
                "AKIA" + token("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16));
        plant(app, 1, "PCS-AWS-SECRET-KEY", "app/aws-secret.properties", List.of("[default]", "region = eu-west-1", "aws_secret_access_key = %s"),
                token(BASE64, 40));
        plant(app, 1, "PCS-GITHUB-TOKEN", "app/github.env.sh", List.of("#!/bin/sh", "export GITHUB_TOKEN=%s"), "ghp_" + alnum(36));
        plant(app, 1, "PCS-GITHUB-FINE-GRAINED-TOKEN", "app/gh.txt", List.of("%s"), "github_pat_" + alnum(22) + "_" + alnum(59));
        plant(app, 1, "PCS-SLACK-TOKEN", "app/slack.json", List.of("{", "  \"bot\": \"%s\"", "}"),
                "xoxb-" + digits(12) + "-" + digits(13) + "-" + alnum(24));
        plant(app, 1, "PCS-SLACK-WEBHOOK", "app/alerts.yaml", List.of("alerts:", "  url: %s"),
                "https://hooks.slack.com/services/T" + upper(10) + "/B" + upper(10) + "/" + alnum(24));
        plant(app, 1, "PCS-NPM-TOKEN", "app/publish.sh", List.of("#!/bin/sh", "", "npm config set //registry.npmjs.org/:_authToken %s"),
                "npm_" + alnum(36));
        plant(app, 1, "PCS-PYPI-TOKEN", "app/upload.cfg", List.of("[upload]", "token = %s"), "pypi-AgEIcHlwaS5vcmc" + token(ALNUM + "_-", 70));
        plant(app, 1, "PCS-AZURE-STORAGE-CONNECTION-STRING", "app/appsettings.json",
                List.of("{", "  \"Storage\": \"DefaultEndpointsProtocol=https;AccountName=portcullisdemo;AccountKey=%s;EndpointSuffix=core.windows.net\"", "}"),
                token(BASE64, 86) + "==");
        plant(app, 1, "PCS-AZURE-STORAGE-KEY", "app/storage.conf", List.of("azure_storage_key=%s"), token(BASE64, 86) + "==");
        String gcpKey = "-----BEGIN PRIVATE KEY-----\\n" + base64(64) + "\\n-----END PRIVATE KEY-----\\n";
        plant(app, 1, "PCS-GCP-SERVICE-ACCOUNT", "app/service-account.json",
                List.of("{", "  \"type\": \"service_account\",", "  \"project_id\": \"demo\",", "  \"private_key_id\": \"" + hex(40) + "\",",
                        "  \"private_key\": \"%s\",", "  \"client_email\": \"demo@demo.iam.gserviceaccount.com\"", "}"), gcpKey);
        plant(app, 1, "PCS-PRIVATE-KEY", "app/tls/server.key", List.of("-----BEGIN EC PRIVATE KEY-----", "%s", base64(40), "-----END EC PRIVATE KEY-----"),
                base64(64));
        plant(app, 1, "PCS-PUTTY-PRIVATE-KEY", "app/deploy.ppk",
                List.of("PuTTY-User-Key-File-3: ssh-ed25519", "Encryption: none", "Comment: deploy", "Public-Lines: 2", base64(64), base64(20),
                        "Private-Lines: 1", "%s", "Private-MAC: " + hex(64)), base64(48));
        plant(app, 1, "PCS-JWT", "app/session.txt", List.of("cookie", "%s"),
                "eyJhbGciOiJIUzI1NiJ9.eyJ" + token(ALNUM + "_-", 40) + "." + token(ALNUM + "_-", 43));
        plant(app, 1, "PCS-SECRET-ASSIGNMENT", "app/db.conf", List.of("host=db", "user=app", "password=%s"), alnum(24));
        plant(app, 1, "PCS-NPMRC-AUTH", "root/.npmrc", List.of("registry=https://registry.npmjs.org/", "//registry.npmjs.org/:_authToken=%s"),
                hex(8) + "-" + hex(4) + "-" + hex(4) + "-" + hex(4) + "-" + hex(12));
        plant(app, 1, "PCS-PYPIRC-PASSWORD", "root/.pypirc", List.of("[pypi]", "username = deploy", "password = %s"), alnum(20));
        plant(app, 1, "PCS-DOCKER-CONFIG-AUTH", "root/.docker/config.json", List.of("{\"auths\": {\"registry.example.com\": {", "  \"auth\": \"%s\"}}}"),
                base64(32) + "==");
        plant(app, 1, "PCS-GIT-CREDENTIALS", "root/.git-credentials", List.of("https://deploy:%s@git.example.com"), alnum(20));
        plant(app, 1, "PCS-NETRC-PASSWORD", "root/.netrc", List.of("machine ftp.example.com", "login deploy", "password %s"), alnum(16));
        plant(app, 1, "PCS-DOTENV-SECRET", "app/.env", List.of("PORT=8080", "STRIPE_API_KEY=%s"), alnum(24));
        String removedKey = "b3BlbnNzaC1rZXktdjEAAAAA" + base64(40);
        plantAs(app, new Planted("PCS-PRIVATE-KEY", "root/.ssh/id_rsa", 2, 1, true, removedKey),
                List.of("-----BEGIN OPENSSH PRIVATE KEY-----", "%s", "-----END OPENSSH PRIVATE KEY-----"));
    }

    @Test
    void everyPlantedSecretIsReportedWithItsRuleLayerLineAndBuildStep() throws IOException {
        Path json = dir.resolve("secrets.json");
        CliRun run = CliRun.of("scan", "--scan-type", "secret", "--no-cache", "--format", "json=" + json, "docker-archive:" + image);
        assertEquals(0, run.exitCode(), run.toString());
        JsonNode report = MAPPER.readTree(json.toFile());
        Set<String> expected = new TreeSet<>();
        PLANTED.forEach(p -> expected.add(p.key()));
        Set<String> found = new TreeSet<>();
        for (JsonNode check : report.path("checks")) {
            assertEquals("SECRET", check.path("kind").asText(), check.toString());
            found.add(check.path("id").asText() + " " + check.path("location").asText() + ":" + check.path("line").asInt()
                    + " layer " + check.path("layerIndex").asInt() + (check.path("removed").asBoolean() ? " removed" : ""));
        }
        assertEquals(expected, found);

        JsonNode removed = only(report, "root/.ssh/id_rsa");
        assertEquals("COPY . / # buildkit", removed.path("historyStep").asText());
        assertTrue(removed.path("layerDiffId").asText().matches("sha256:[0-9a-f]{64}"), removed.toString());
        assertTrue(removed.path("message").asText().contains("deleted by a later layer"), removed.toString());
        assertEquals("CRITICAL", removed.path("severity").asText());

        JsonNode downloaded = only(report, "app/downloaded.yml");
        assertTrue(downloaded.path("historyStep").asText().contains("token ghp_****"), downloaded.toString());
    }

    @Test
    void setuidFilesTheImageAddedFailCis48() throws IOException {
        Path policy = dir.resolve("cis.yaml");
        Files.writeString(policy, "security_gates:\n  container_scan:\n    compliance: [cis_benchmark]\n");
        Path json = dir.resolve("config.json");
        CliRun run = CliRun.of("scan", "--scan-type", "config", "--no-cache", "--policy", policy.toString(), "--format", "json=" + json,
                "docker-archive:" + image);
        assertEquals(1, run.exitCode(), run.toString());
        JsonNode report = MAPPER.readTree(json.toFile());
        List<String> setuid = new ArrayList<>();
        for (JsonNode check : report.path("checks")) {
            if (check.path("id").asText().equals("PCC-4.8-SETUID")) {
                setuid.add(check.path("location").asText() + " layer " + check.path("layerIndex").asInt() + " " + check.path("historyStep").asText());
                assertTrue(check.path("message").asText().contains("is setuid (mode 4755)"), check.toString());
            }
        }
        // passwd is its OS package's; fixed lost its setgid bit in layer 2.
        assertEquals(List.of("usr/local/bin/helper layer 1 COPY . / # buildkit"), setuid);
        JsonNode rule = report.path("verdict").path("rules").get(0);
        assertTrue(rule.path("message").asText().contains("failed: 4.1, 4.6, 4.8, 4.10"), rule.toString());

        Path cleanJson = dir.resolve("clean-config.json");
        CliRun clean = CliRun.of("scan", "--scan-type", "config", "--no-cache", "--policy", policy.toString(), "--format", "json=" + cleanJson,
                "docker-archive:" + cleanImage);
        JsonNode cleanReport = MAPPER.readTree(cleanJson.toFile());
        for (JsonNode check : cleanReport.path("checks")) {
            assertFalse(check.path("id").asText().equals("PCC-4.8-SETUID"), check.toString());
        }
        assertFalse(cleanReport.path("verdict").path("rules").get(0).path("message").asText().contains("4.8"), clean.toString());
    }

    @Test
    void theCleanImageHasNoSecretFinding() throws IOException {
        Path json = dir.resolve("clean.json");
        CliRun run = CliRun.of("scan", "--scan-type", "secret", "--no-cache", "--fail-on", "LOW", "--format", "json=" + json,
                "docker-archive:" + cleanImage);
        assertEquals(0, run.exitCode(), run.toString());
        assertEquals(0, MAPPER.readTree(json.toFile()).path("checks").size());
    }

    @Test
    void secretsFailTheGateAndAllowListsFromPolicyAndCommandLineLiftThem() throws IOException {
        CliRun failing = CliRun.of("scan", "--scan-type", "secret", "--no-cache", "--fail-on", "CRITICAL", "--format", "json",
                "docker-archive:" + image);
        assertEquals(1, failing.exitCode(), failing.toString());
        JsonNode rule = MAPPER.readTree(failing.stdout()).path("verdict").path("rules").get(0);
        assertTrue(rule.path("findings").toString().contains("PCS-PRIVATE-KEY at root/.ssh/id_rsa"), rule.toString());

        Path policy = dir.resolve("allow.yaml");
        Files.writeString(policy, """
                security_gates:
                  container_scan:
                    secrets:
                      allow_paths: ["app/**", "root/.ssh/*"]
                      allow_rules: [PCS-NPMRC-AUTH]
                """);
        Path json = dir.resolve("allowed.json");
        CliRun allowed = CliRun.of("scan", "--scan-type", "secret", "--no-cache", "--policy", policy.toString(),
                "--secret-allow-rule", "PCS-PYPIRC-PASSWORD", "--secret-allow-path", "/root/.docker/**", "--format", "json=" + json,
                "docker-archive:" + image);
        assertEquals(0, allowed.exitCode(), allowed.toString());
        Set<String> left = new TreeSet<>();
        MAPPER.readTree(json.toFile()).path("checks").forEach(c -> left.add(c.path("id").asText() + " " + c.path("location").asText()));
        assertEquals(Set.of("PCS-GIT-CREDENTIALS root/.git-credentials", "PCS-NETRC-PASSWORD root/.netrc"), left);
    }

    @Test
    void extraRulesFromAFileAreRunAndCachedApart() throws IOException {
        Path app = Files.createDirectories(dir.resolve("acme-app"));
        String acme = "acme_" + hex(32);
        write(app, "etc/acme.conf", "# ACME client\nkey " + acme + "\n");
        BuiltImage built = new BuiltImage(Files.createDirectories(dir.resolve("acme")));
        built.layerStep("COPY etc /etc # buildkit", app);
        Path acmeImage = built.save(dir.resolve("acme.tar"), "acme:1");
        Path rules = dir.resolve("trivy-secret.yaml");
        Files.writeString(rules, """
                rules:
                  - id: acme-api-key
                    category: ACME
                    title: ACME API key
                    severity: HIGH
                    regex: (?P<secret>acme_[0-9a-f]{32})
                    keywords: [acme_]
                """);
        Path cache = dir.resolve("acme-cache");
        CliRun without = CliRun.of("scan", "--scan-type", "secret", "--cache-dir", cache.toString(), "--format", "json", "docker-archive:" + acmeImage);
        assertEquals(0, MAPPER.readTree(without.stdout()).path("checks").size(), without.toString());
        CliRun with = CliRun.of("scan", "--scan-type", "secret", "--cache-dir", cache.toString(), "--secret-rules", rules.toString(),
                "--format", "json", "docker-archive:" + acmeImage);
        JsonNode check = MAPPER.readTree(with.stdout()).path("checks").get(0);
        assertEquals("acme-api-key", check.path("id").asText(), with.toString());
        assertEquals("HIGH", check.path("severity").asText());
        assertEquals("etc/acme.conf", check.path("location").asText());
        assertEquals(2, check.path("line").asInt());
        assertTrue(check.path("message").asText().contains("acme****"), check.toString());
    }

    @Test
    void aBadRegexInTheRuleFileIsOneLineNamingFileRuleAndError() throws IOException {
        Path rules = dir.resolve("bad-rules.yaml");
        Files.writeString(rules, "rules:\n  - id: broken-rule\n    severity: HIGH\n    regex: 'token_([a-z]+'\n");
        CliRun run = CliRun.of("scan", "--scan-type", "secret", "--no-cache", "--secret-rules", rules.toString(), "docker-archive:" + cleanImage);
        assertEquals(3, run.exitCode(), run.toString());
        String error = run.stderr().strip();
        assertEquals(1, error.lines().count(), error);
        assertTrue(error.contains(rules + ":4: rule 'broken-rule': bad regex: Unclosed group"), error);
    }

    @Test
    void noPlantedSecretReachesAnyReportSbomStreamCacheOrAuditLog() throws IOException {
        Path db = dir.resolve("db/portcullis.db");
        CliRun imported = CliRun.of("db", "import", "--db", db.toString(), GHSA_ZIP.toString());
        assertEquals(0, imported.exitCode(), imported.toString());
        Path out = Files.createDirectories(dir.resolve("leak"));
        Path cache = dir.resolve("leak-cache");
        List<String> args = new ArrayList<>(List.of("scan", "--scan-type", "all", "--db", db.toString(), "--cache-dir", cache.toString(),
                "--fail-on", "HIGH", "--format", "table"));
        for (String format : List.of("json", "sarif", "junit", "markdown", "html", "prometheus", "cyclonedx", "cyclonedx-vex")) {
            args.add("--format");
            args.add(format + "=" + out.resolve("report." + format));
        }
        args.addAll(List.of("--audit-log", out.resolve("audit.jsonl").toString(), "docker-archive:" + image));
        CliRun scan = CliRun.of(args.toArray(String[]::new));
        assertEquals(1, scan.exitCode(), scan.toString());
        CliRun cached = CliRun.of(args.toArray(String[]::new));
        assertEquals(1, cached.exitCode(), cached.toString());
        CliRun cyclonedx = CliRun.of("sbom", "--cache-dir", cache.toString(), "-o", out.resolve("sbom.cdx.json").toString(), "docker-archive:" + image);
        CliRun spdx = CliRun.of("sbom", "--cache-dir", cache.toString(), "-f", "spdx-json", "-o", out.resolve("sbom.spdx.json").toString(),
                "docker-archive:" + image);
        assertEquals(0, cyclonedx.exitCode() + spdx.exitCode(), cyclonedx + "\n" + spdx);

        List<String> texts = new ArrayList<>();
        for (CliRun run : List.of(scan, cached, cyclonedx, spdx)) {
            texts.add(run.stdout());
            texts.add(run.stderr());
        }
        List<Path> files;
        try (Stream<Path> walk = Stream.concat(Files.walk(out), Files.walk(cache))) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        for (Path file : files) {
            texts.add(Files.readString(file, StandardCharsets.ISO_8859_1));
        }
        assertEquals(11, files.stream().filter(f -> f.startsWith(out)).count(), "8 reports, 2 SBOMs, the audit log: " + files);
        assertTrue(files.stream().anyMatch(f -> f.startsWith(cache)), "the scan wrote layer cache entries");
        assertTrue(scan.stdout().contains("PCS-PRIVATE-KEY"), scan.stdout());
        assertTrue(Files.readString(out.resolve("report.sarif")).contains("\"ruleId\" : \"PCS-AWS-SECRET-KEY\""));
        assertTrue(Files.readString(out.resolve("report.junit")).contains("PCS-NPMRC-AUTH at root/.npmrc"));

        List<String> secrets = new ArrayList<>(ALL_SECRETS);
        PLANTED.forEach(p -> secrets.add(p.secret()));
        for (String secret : secrets) {
            // Beyond its first four characters, no 8 characters of a secret in a row appear anywhere; the formats'
            // public boilerplate (a PEM armour line, the webhook host) is no part of the secret.
            String hidden = secret.substring(Math.min(4, secret.length() / 2));
            for (String part : hidden.split(PUBLIC_BOILERPLATE)) {
                for (int i = 0; i + 8 <= part.length(); i++) {
                    String window = part.substring(i, i + 8);
                    for (String text : texts) {
                        assertFalse(text.contains(window), "part of " + secret.substring(0, 4) + "... leaked:\n" + text);
                    }
                }
            }
            if (hidden.length() < 8) {
                texts.forEach(text -> assertFalse(text.contains(secret), "placeholder leaked:\n" + text));
            }
        }
    }

    private static JsonNode only(JsonNode report, String location) {
        List<JsonNode> matching = new ArrayList<>();
        report.path("checks").forEach(c -> {
            if (c.path("location").asText().equals(location)) {
                matching.add(c);
            }
        });
        assertEquals(1, matching.size(), location + " in " + report.path("checks"));
        return matching.get(0);
    }

    private static void plant(Path layerDir, int layer, String ruleId, String path, List<String> lines, String secret) throws IOException {
        int line = 1;
        while (!lines.get(line - 1).contains("%s")) {
            line++;
        }
        plantAs(layerDir, new Planted(ruleId, path, line, layer, false, secret), lines);
    }

    private static void plantAs(Path layerDir, Planted planted, List<String> lines) throws IOException {
        StringBuilder text = new StringBuilder();
        lines.forEach(l -> text.append(l.replace("%s", planted.secret())).append('\n'));
        write(layerDir, planted.path(), text.toString());
        PLANTED.add(planted);
    }

    private static void write(Path root, String path, String content) throws IOException {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    private static void chmod(String mode, Path file) {
        ExternalCommand.run(Duration.ofSeconds(10), "chmod", mode, file.toString());
    }

    private static String token(String alphabet, int length) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return out.toString();
    }

    private static String alnum(int length) {
        return token(ALNUM, length);
    }

    private static String base64(int length) {
        return token(BASE64, length);
    }

    private static String digits(int length) {
        return token("0123456789", length);
    }

    private static String upper(int length) {
        return token("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", length);
    }

    private static String hex(int length) {
        byte[] bytes = new byte[(length + 1) / 2];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes).substring(0, length);
    }
}
