package io.portcullis.engine;

import io.portcullis.check.CheckKind;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.portcullis.InputException;
import io.portcullis.match.Severity;
import io.portcullis.policy.AssessedFinding;
import io.portcullis.report.ReportFormat;
import io.portcullis.sbom.SbomFormat;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The engine's front door, driven as a CI host drives it: a spec in, an outcome and files out, events to a listener. */
class ScanEngineTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path shared;
    static Path db;

    @TempDir
    Path dir;

    @BeforeAll
    static void buildDatabase() {
        db = DemoDatabase.build(shared);
    }

    /** Records what a listener is told, one line per event. */
    static final class RecordingListener implements ScanListener {
        final List<String> events = new ArrayList<>();
        final List<ScanWarning> warnings = new ArrayList<>();

        @Override
        public void imageOpened(String reference, String digest, int layerCount) {
            events.add("image " + reference + " " + layerCount);
        }

        @Override
        public void layerStarted(int index, int count, String diffId, long compressedSize) {
            events.add("start " + index + "/" + count);
        }

        @Override
        public void layerFinished(int index, int count, String diffId, boolean fromCache, long bytesRead, Duration took) {
            events.add("done " + index + "/" + count + (fromCache ? " cached" : bytesRead > 0 ? " read" : " empty"));
        }

        @Override
        public void databaseOpened(Instant builtAt, Duration age) {
            events.add("db");
        }

        @Override
        public void matchingDone(int findings, Duration took) {
            events.add("matched " + findings);
        }

        @Override
        public void reportWritten(String format, Path file) {
            events.add("wrote " + format + (file == null ? " stream" : " " + file.getFileName()));
        }

        @Override
        public void warning(ScanWarning warning) {
            warnings.add(warning);
        }
    }

    @Test
    void demoScanGivesTheVerdictCountsReportsAndSummary() throws Exception {
        RecordingListener listener = new RecordingListener();
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        Path sarif = dir.resolve("out/report.sarif");
        Path sbom = dir.resolve("sbom.cdx.json");
        ScanOutcome outcome = new ScanEngine().scan(ScanSpec.builder(DemoDatabase.IMAGE).tempDirectory(dir)
                .database(db)
                .policyFile(DemoDatabase.SEED_POLICY)
                .report(ReportFormat.JSON, json)
                .report(ReportFormat.SARIF, sarif)
                .sbom(SbomFormat.CYCLONEDX_JSON, sbom)
                .tempDirectory(dir)
                .listener(listener)
                .build());

        assertFalse(outcome.passed());
        assertEquals(List.of(sarif, sbom), outcome.writtenFiles());
        JsonNode report = JSON.readTree(json.toByteArray());
        assertEquals("FAIL", report.path("verdict").path("outcome").asText());
        assertTrue(Files.size(sarif) > 0);
        assertEquals("CycloneDX", JSON.readTree(sbom.toFile()).path("bomFormat").asText());

        ScanSummary summary = outcome.summary();
        assertEquals("FAIL", summary.getVerdict());
        assertFalse(summary.isPassed());
        Map<Severity, Long> open = outcome.assessment().findings().stream().filter(a -> !a.suppressed())
                .collect(Collectors.groupingBy(a -> a.finding().severity(), Collectors.counting()));
        for (Severity severity : Severity.values()) {
            assertEquals(open.getOrDefault(severity, 0L).intValue(), summary.getOpen().get(severity), severity.name());
        }
        assertEquals(report.path("findings").size(), summary.getTotal().getTotal());
        assertTrue(summary.getOpen().getCritical() > 0, "the demo image has Log4Shell");
        assertTrue(summary.getFailedRules().stream().anyMatch(r -> r.getRule().equals("critical_vulnerabilities")
                && r.getMessage().endsWith("at most 0 allowed")), summary.getFailedRules().toString());
        assertEquals(outcome.result().image().reference(), summary.getImageReference());
        assertEquals(outcome.result().image().manifestDigest(), summary.getImageDigest());
        assertEquals(outcome.result().database().builtAt().toString(), summary.getDbBuiltAt());
        assertTrue(summary.getDbAgeSeconds() >= 0);
        assertEquals(List.of(sarif.toString(), sbom.toString()), summary.getReportFiles());

        int layers = outcome.result().image().diffIds().size();
        List<String> expected = new ArrayList<>(List.of("db", "image " + outcome.result().image().reference() + " " + layers));
        for (int i = 0; i < layers; i++) {
            expected.add("start " + i + "/" + layers);
            expected.add("done " + i + "/" + layers + " read");
        }
        expected.addAll(List.of("matched " + outcome.result().findings().size(), "wrote json stream", "wrote sarif report.sarif",
                "wrote cyclonedx-json sbom.cdx.json"));
        assertEquals(expected, listener.events);
        assertTrue(listener.warnings.stream().anyMatch(w -> w.kind() == ScanWarning.Kind.POLICY && w.message().contains("not evaluated")),
                listener.warnings.toString());
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(List.of("out", "sbom.cdx.json"), left.map(p -> p.getFileName().toString()).sorted().toList(),
                    "no temp file left in the caller's temp dir");
        }
    }

    @Test
    void warmScanTakesEveryLayerFromTheSharedCache() {
        Path cache = dir.resolve("cache");
        ScanSpec.Builder spec = ScanSpec.builder(DemoDatabase.IMAGE).tempDirectory(dir).database(db).cacheDirectory(cache);
        ScanOutcome cold = new ScanEngine().scan(spec.build());
        RecordingListener listener = new RecordingListener();
        ScanOutcome warm = new ScanEngine().scan(spec.listener(listener).build());
        assertEquals(cold.result().findings(), warm.result().findings());
        assertTrue(listener.events.stream().filter(e -> e.startsWith("done ")).allMatch(e -> e.endsWith(" cached")), listener.events.toString());
    }

    @Test
    void sbomScanNeedsNoDatabaseAndPasses() throws Exception {
        ByteArrayOutputStream spdx = new ByteArrayOutputStream();
        RecordingListener listener = new RecordingListener();
        ScanOutcome outcome = new ScanEngine().scan(ScanSpec.builder(DemoDatabase.IMAGE).tempDirectory(dir).scanType(ScanType.SBOM)
                .sbom(SbomFormat.SPDX_JSON, spdx).listener(listener).build());
        assertTrue(outcome.passed());
        assertTrue(outcome.result().findings().isEmpty());
        assertFalse(outcome.result().inventory().packages().isEmpty());
        assertEquals("SPDX-2.3", JSON.readTree(spdx.toString(StandardCharsets.UTF_8)).path("spdxVersion").asText());
        assertNull(outcome.summary().getDbBuiltAt());
        assertEquals(-1, outcome.summary().getDbAgeSeconds());
        assertEquals("PASS", outcome.summary().getVerdict());
        assertFalse(listener.events.contains("db"));
    }

    @Test
    void anOpenDatabaseIsUsedAndLeftOpen() {
        try (io.portcullis.vulndb.VulnDb open = io.portcullis.vulndb.VulnDb.open(db)) {
            ScanOutcome first = new ScanEngine().scan(ScanSpec.builder(DemoDatabase.IMAGE).tempDirectory(dir).database(open).build());
            ScanOutcome second = new ScanEngine().scan(ScanSpec.builder(DemoDatabase.IMAGE).tempDirectory(dir).database(open).build());
            assertEquals(first.result().findings(), second.result().findings());
            assertFalse(first.result().findings().isEmpty());
        }
    }

    @Test
    void suppressionsAndGateOptionsChangeTheVerdictNotTheFindings() throws Exception {
        Path ignore = dir.resolve(".trivyignore");
        ScanOutcome all = new ScanEngine().scan(ScanSpec.builder(DemoDatabase.IMAGE).tempDirectory(dir).database(db).failOn(Severity.CRITICAL).build());
        List<String> critical = all.assessment().findings().stream().filter(a -> a.finding().severity() == Severity.CRITICAL)
                .map(a -> a.finding().vulnerabilityId()).distinct().toList();
        Files.writeString(ignore, String.join("\n", critical) + "\n");
        ScanOutcome ignored = new ScanEngine().scan(ScanSpec.builder(DemoDatabase.IMAGE).tempDirectory(dir).database(db).failOn(Severity.CRITICAL)
                .ignoreFile(ignore).build());
        assertFalse(all.passed());
        assertTrue(ignored.passed(), ignored.assessment().verdict().toString());
        assertEquals(all.result().findings(), ignored.result().findings());
        assertEquals(all.summary().getOpen().getCritical(), ignored.summary().getSuppressed().getCritical());
        assertEquals(0, ignored.summary().getOpen().getCritical());
        assertTrue(ignored.assessment().findings().stream().filter(AssessedFinding::suppressed).count() >= critical.size());
    }

    @Test
    void staleDatabaseWarnsOnceOrFailsWhenAsked() {
        Clock later = Clock.fixed(Instant.now().plus(Duration.ofDays(30)), ZoneOffset.UTC);
        RecordingListener listener = new RecordingListener();
        new ScanEngine().scan(ScanSpec.builder(DemoDatabase.IMAGE).tempDirectory(dir).database(db).clock(later).listener(listener).build());
        List<ScanWarning> stale = listener.warnings.stream().filter(w -> w.kind() == ScanWarning.Kind.STALE_DATABASE).toList();
        assertEquals(1, stale.size(), listener.warnings.toString());
        assertTrue(stale.get(0).message().contains("old"), stale.get(0).message());

        InputException e = assertThrows(InputException.class, () -> new ScanEngine().scan(ScanSpec.builder(DemoDatabase.IMAGE).tempDirectory(dir)
                .database(db).clock(later).failOnStaleDb(true).build()));
        assertTrue(e.getMessage().contains("old"), e.getMessage());
    }

    @Test
    void badCombinationsAreRefusedBeforeAnythingIsRead() {
        assertEquals("a vulnerability scan needs a database: ScanSpec.Builder.database(...)",
                assertThrows(InputException.class, () -> ScanSpec.builder(DemoDatabase.IMAGE).tempDirectory(dir).build()).getMessage());
        ScanOutcome secrets = new ScanEngine().scan(ScanSpec.builder(DemoDatabase.IMAGE).tempDirectory(dir).scanType(ScanType.SECRET).build());
        assertEquals(Set.of(CheckKind.SECRET), secrets.result().checksRun(), "a secret scan needs no database and runs only the secret rules");
        assertEquals(List.of(), secrets.result().findings());
        Path same = dir.resolve("r.json");
        assertEquals("two outputs go to " + same + "; give each its own file", assertThrows(InputException.class,
                () -> ScanSpec.builder(DemoDatabase.IMAGE).tempDirectory(dir).database(db).report(ReportFormat.JSON, same).report(ReportFormat.SARIF, same)
                        .build()).getMessage());
        assertEquals("cannot write report " + dir + ": it is a directory", assertThrows(InputException.class,
                () -> ScanSpec.builder(DemoDatabase.IMAGE).tempDirectory(dir).database(db).report(ReportFormat.JSON, dir).build()).getMessage());
        assertEquals("unknown scan type 'vuln' (known: vulnerability, sbom, config, secret, all)",
                assertThrows(InputException.class, () -> ScanType.parse("vuln")).getMessage());
        assertEquals(ScanType.SBOM, ScanType.parse(" Sbom "));
        assertEquals("scan type sbom runs no gate, so the manifests would not be checked; use vulnerability, config, secret or all with manifests",
                assertThrows(InputException.class, () -> ScanSpec.builder(DemoDatabase.IMAGE).tempDirectory(dir).scanType(ScanType.SBOM)
                        .manifests(dir, List.of(Path.of("deploy.yaml"))).build()).getMessage());
        Path sbom = dir.resolve("app.cdx.json");
        assertEquals("an SBOM to validate (" + sbom + ") needs an image scan that is gated: scan type sbom only inventories",
                assertThrows(InputException.class, () -> ScanSpec.builder(DemoDatabase.IMAGE).tempDirectory(dir).scanType(ScanType.SBOM)
                        .sbomToValidate(sbom).build()).getMessage());
        assertEquals("an SBOM to validate (" + sbom + ") needs an image scan that is gated: there is no image",
                assertThrows(InputException.class, () -> ScanSpec.forManifests(dir, List.of(Path.of("deploy.yaml"))).sbomToValidate(sbom)
                        .build()).getMessage());
    }

    @Test
    void aPolicyTypoFailsBeforeTheImageIsOpened() throws Exception {
        Path policy = dir.resolve("policy.yaml");
        Files.writeString(policy, "security_gates:\n  critical_vulnerabilitis: 0\n");
        RecordingListener listener = new RecordingListener();
        assertThrows(InputException.class, () -> new ScanEngine().scan(ScanSpec.builder(DemoDatabase.IMAGE).tempDirectory(dir).database(db)
                .policyFile(policy).listener(listener).build()));
        assertEquals(List.of(), listener.events);
    }
}
