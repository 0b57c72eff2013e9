package io.portcullis.match;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portcullis.inventory.Inventory;
import io.portcullis.inventory.Package;
import io.portcullis.vulndb.ImportReport;
import io.portcullis.vulndb.OsvSource;
import io.portcullis.vulndb.RejectReason;
import io.portcullis.vulndb.SharedData;
import io.portcullis.vulndb.VulnDb;
import io.portcullis.vulndb.VulnDbBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The GitHub-reviewed sample (Maven and npm). Each record's package at its own {@code introduced} version is
 * affected by definition; the severity we compute from the CVSS vector must agree with the label GitHub gave
 * the advisory ({@code database_specific.severity}), which GitHub derives from the same score.
 */
class GhsaMatchTest {

    /**
     * semver.org's regular expression for SemVer 2.0.0, widened as osv.dev reads npm versions: any count of
     * numbers ("1.0" is 1.0.0), so only versions that are not SemVer-shaped at all are rejected.
     */
    private static final java.util.regex.Pattern SEMVER_ORG = Pattern.compile(
            "^(0|[1-9]\\d*)(?:\\.(0|[1-9]\\d*))*(?:-((?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\\.(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\\+([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?$");

    private static final Map<String, String> TYPES = Map.of("Maven", "maven", "npm", "npm");

    @TempDir
    Path dir;

    @Test
    void eachAdvisoryMatchesItsIntroducedVersionWithGithubsSeverity() throws Exception {
        Path db = dir.resolve("p.db");
        ImportReport report = new VulnDbBuilder(db).add(new OsvSource.Zip(SharedData.osvZip("GHSA-sample.zip"))).build();
        // npm ranges are SemVer: a record with a version that is not SemVer-shaped (the widened semver.org regex) is rejected.
        Set<String> notSemVer = new TreeSet<>();
        for (JsonNode record : records()) {
            for (JsonNode affected : record.path("affected")) {
                if (affected.at("/package/ecosystem").asText().equals("npm")) {
                    for (JsonNode event : affected.at("/ranges/0/events")) {
                        String version = event.elements().next().asText();
                        if (!version.equals("0") && !SEMVER_ORG.matcher(version).matches()) {
                            notSemVer.add(record.path("id").asText());
                        }
                    }
                }
            }
        }
        assertEquals(notSemVer, report.rejections().stream().map(r -> r.recordId()).collect(Collectors.toCollection(TreeSet::new)));
        assertTrue(report.rejections().stream().allMatch(r -> r.reason() == RejectReason.UNPARSEABLE_VERSION), report.rejections().toString());
        int checked = 0;
        try (VulnDb vulnDb = VulnDb.open(db)) {
            for (JsonNode record : records()) {
                JsonNode affected = record.path("affected").path(0);
                JsonNode events = affected.at("/ranges/0/events");
                String introduced = events.path(0).path("introduced").asText();
                if (introduced.equals("0") || notSemVer.contains(record.path("id").asText())) {
                    continue;
                }
                Package pkg = new Package(TYPES.get(affected.at("/package/ecosystem").asText()), affected.at("/package/name").asText(),
                        introduced, null, null, null, List.of(), "test", null, null);
                List<Finding> findings = new Matcher().match(new Inventory(null, List.of(pkg), List.of()), vulnDb);
                String id = record.path("id").asText();
                Finding finding = findings.stream()
                        .filter(f -> f.vulnerabilityId().equals(id) || f.aliases().contains(id)).findFirst()
                        .orElseThrow(() -> new AssertionError(id + " not found for " + pkg + ": " + findings));
                String fixed = events.path(1).path("fixed").asText(null);
                if (fixed != null) {
                    assertTrue(finding.fixedVersions().contains(fixed), id + " " + finding.fixedVersions());
                } else {
                    assertEquals(List.of(), finding.fixedVersions(), id + ": last_affected only, no fix");
                }
                for (JsonNode alias : record.path("aliases")) {
                    assertTrue(finding.aliases().contains(alias.asText()) || finding.vulnerabilityId().equals(alias.asText()), id);
                }
                assertEquals(Severity.parse(record.at("/database_specific/severity").asText()), finding.severity(),
                        id + " " + finding.severitySource() + " " + finding.cvssVector());
                if (record.path("severity").isEmpty()) {
                    assertEquals("database_specific severity (" + id + ")", finding.severitySource());
                } else {
                    assertTrue(finding.severitySource().startsWith("CVSS_V"), finding.severitySource());
                    assertTrue(finding.cvssScore() != null && record.path("severity").toString().contains(finding.cvssVector()), id);
                }
                checked++;
            }
        }
        assertTrue(checked >= 15, "records with a real introduced version: " + checked);
    }

    /** log4j's GHSA and a record under its CVE id that aliases it, as osv.dev publishes both: one finding, both ids. */
    @Test
    void recordsThatAliasEachOtherAreOneFinding() throws Exception {
        JsonNode ghsa = records().stream().filter(r -> r.path("id").asText().equals("GHSA-7rjr-3q55-vv33")).findFirst().orElseThrow();
        String cve = ghsa.path("aliases").path(0).asText();
        ObjectNode cveRecord = ghsa.deepCopy();
        cveRecord.put("id", cve);
        cveRecord.putArray("aliases").add("GHSA-7rjr-3q55-vv33");
        cveRecord.remove("severity");
        cveRecord.remove("database_specific");
        Path records = Files.createDirectories(dir.resolve("records"));
        Files.writeString(records.resolve("GHSA-7rjr-3q55-vv33.json"), ghsa.toString());
        Files.writeString(records.resolve(cve + ".json"), cveRecord.toString());
        Path db = dir.resolve("p.db");
        new VulnDbBuilder(db).add(new OsvSource.Directory(records)).build();
        Package log4j = new Package("maven", "org.apache.logging.log4j:log4j-core", "2.14.1", null, null, null, List.of(), "test", null, null);
        try (VulnDb vulnDb = VulnDb.open(db)) {
            List<Finding> findings = new Matcher().match(new Inventory(null, List.of(log4j), List.of()), vulnDb);
            assertEquals(1, findings.size(), findings.toString());
            assertEquals("GHSA-7rjr-3q55-vv33", findings.get(0).vulnerabilityId());
            assertEquals(List.of(cve), findings.get(0).aliases());
            assertEquals(Severity.CRITICAL, findings.get(0).severity());
            assertEquals(List.of("2.16.0"), findings.get(0).fixedVersions());
        }
    }

    private static List<JsonNode> records() throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> records = new ArrayList<>();
        try (ZipFile zip = new ZipFile(SharedData.osvZip("GHSA-sample.zip").toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                records.add(json.readTree(zip.getInputStream(entries.nextElement())));
            }
        }
        return records;
    }
}
