package io.portcullis.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.portcullis.image.ImageMetadata;
import io.portcullis.image.Platform;
import io.portcullis.inventory.Inventory;
import io.portcullis.inventory.Location;
import io.portcullis.inventory.Package;
import io.portcullis.match.Finding;
import io.portcullis.match.Severity;
import io.portcullis.scan.ScanResult;
import io.portcullis.vulndb.DatabaseInfo;
import us.springett.cvss.Cvss;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipFile;

/** Builds findings in tests from real OSV records in ../shared/data/osv, as the matcher would. */
public final class OsvFindings {
    private static final Path OSV = Path.of("../shared/data/osv");
    private static final ObjectMapper MAPPER = new ObjectMapper();
    public static final String LAYER = "sha256:5216338b40a7b96416b8b9858974bbe4acc3096ee60acbc4dfb1ee02aecceb10";
    public static final String MANIFEST = "sha256:cb8a924afdf0229ef7515d9e5b3024e23b3eb03ddbba287f4a19c6ac90b8d221";

    private OsvFindings() {
    }

    public static JsonNode record(String zip, String id) {
        Path file = OSV.resolve(zip);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("shared OSV data missing: " + file.toAbsolutePath() + " (expected ../shared/data/osv)");
        }
        try (ZipFile z = new ZipFile(file.toFile())) {
            var entry = z.getEntry(id + ".json");
            if (entry == null) {
                throw new IllegalStateException(id + " not in " + file);
            }
            return MAPPER.readTree(z.getInputStream(entry));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A GHSA record from GHSA-sample.zip as a finding on the given installed version. */
    public static Finding ghsa(String id, String installedVersion) {
        return fromRecord(record("GHSA-sample.zip", id), installedVersion);
    }

    public static Finding fromRecord(JsonNode record, String installedVersion) {
        JsonNode affected = record.path("affected").get(0);
        String ecosystem = affected.path("package").path("ecosystem").asText();
        String name = affected.path("package").path("name").asText();
        List<String> fixed = new ArrayList<>();
        affected.path("ranges").forEach(r -> r.path("events").forEach(e -> {
            if (e.has("fixed")) {
                fixed.add(e.get("fixed").asText());
            }
        }));
        List<String> aliases = new ArrayList<>();
        record.path("aliases").forEach(a -> aliases.add(a.asText()));
        record.path("upstream").forEach(a -> aliases.add(a.asText()));
        List<String> references = new ArrayList<>();
        record.path("references").forEach(r -> references.add(r.path("url").asText()));
        String dbSeverity = record.path("database_specific").path("severity").asText("");
        Severity severity = dbSeverity.isEmpty() ? Severity.UNKNOWN : Severity.parse(dbSeverity);
        String vector = null;
        Double score = null;
        for (JsonNode s : record.path("severity")) {
            if (s.path("type").asText().equals("CVSS_V3")) {
                vector = s.path("score").asText();
                score = Cvss.fromVector(vector).calculateScore().getBaseScore();
            }
        }
        Package pkg = pkg(ecosystem, name, installedVersion);
        return new Finding(record.path("id").asText(), aliases, pkg, severity,
                dbSeverity.isEmpty() ? "none" : "GHSA database_specific", score, vector, fixed,
                record.path("summary").asText(null), references,
                record.hasNonNull("published") ? OffsetDateTime.parse(record.get("published").asText()).toInstant() : null);
    }

    private static Package pkg(String ecosystem, String name, String version) {
        return switch (ecosystem.replaceAll(":.*", "")) {
            case "npm" -> new Package("npm", name, version, null, null, "pkg:npm/" + name + "@" + version,
                    List.of(new Location(LAYER, "/usr/lib/node_modules/" + name + "/package.json")), "npm", List.of(), Map.of());
            case "Maven" -> {
                String[] ga = name.split(":");
                yield new Package("maven", name, version, null, null, "pkg:maven/" + ga[0] + "/" + ga[1] + "@" + version,
                        List.of(new Location(LAYER, "/app/lib/" + ga[1] + "-" + version + ".jar")), "java", List.of(), Map.of());
            }
            case "Alpine" -> new Package("apk", name, version, "x86_64", null,
                    "pkg:apk/alpine/" + name + "@" + version + "?arch=x86_64&distro=alpine-3.11",
                    List.of(new Location(LAYER, "/lib/apk/db/installed")), "apk", List.of(), Map.of());
            default -> throw new IllegalArgumentException(ecosystem);
        };
    }

    public static ImageMetadata image() {
        return new ImageMetadata("docker.io/library/alpine:3.11", MANIFEST,
                "sha256:f70734b6a266dcb5f44c383274821207885b549b75c8e119404917a61335981a", Platform.LINUX_AMD64,
                List.of(LAYER), List.of(LAYER), List.of("alpine:3.11"));
    }

    public static ScanResult scan(List<Finding> findings, Instant dbBuilt) {
        List<Package> packages = findings.stream().map(Finding::pkg).distinct().toList();
        DatabaseInfo db = dbBuilt == null ? null
                : new DatabaseInfo(1, dbBuilt, List.of("../shared/data/osv/GHSA-sample.zip"), Map.of("npm", 39), "sha256:00");
        return new ScanResult(image(), new Inventory(null, packages, List.of()), findings, db,
                Instant.parse("2026-11-22T12:00:00Z"), Duration.ofMillis(1234));
    }
}
