package io.portcullis.sbom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portcullis.InputException;
import io.portcullis.UserFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SBOM documents of the real alpine:3.11 image, as our writer makes them and as a user might edit them: the
 * expected packages come from the image's own {@code lib/apk/db/installed}, the expected problems from the edit planted.
 */
class SbomDocumentTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final SbomWriter WRITER = new SbomWriter("1.2.3", Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC));

    private static AlpineImage alpine;
    /** name -> version of every stanza of the installed database. */
    private static Map<String, String> installed;

    @TempDir
    Path dir;

    @BeforeAll
    static void load() throws IOException {
        alpine = AlpineImage.load();
        installed = new LinkedHashMap<>();
        for (String stanza : alpine.installedDb().split("\n\n")) {
            String name = field(stanza, "P");
            if (name != null) {
                installed.put(name, field(stanza, "V"));
            }
        }
        assertTrue(installed.containsKey("musl") && installed.containsKey("busybox"), installed.toString());
    }

    @Test
    void ourOwnDocumentsAreValidAndListEveryInstalledPackage() throws IOException {
        for (SbomFormat format : SbomFormat.values()) {
            SbomCheck check = SbomDocument.read(write("ours", render(format))).check(alpine.inventory());
            assertEquals(format == SbomFormat.CYCLONEDX_JSON ? "CycloneDX 1.6" : "SPDX 2.3", check.format());
            assertEquals(List.of(), check.problems(), format.name());
            assertEquals(installed.size(), check.imagePackages());
            assertEquals(0, check.missingCount(), check.missing().toString());
            assertTrue(check.valid());
            assertTrue(check.componentsChecked());

            SbomCheck generated = SbomDocument.generated(WRITER, alpine.metadata(), alpine.inventory(), format).check();
            assertTrue(generated.valid(), generated.summary());
            assertFalse(generated.componentsChecked(), "our own document is not looked up against the image it was made from");
        }
    }

    @Test
    void aPackageRemovedFromTheSbomIsNamedAsMissing() throws IOException {
        ObjectNode bom = json(SbomFormat.CYCLONEDX_JSON);
        removeWhere((ArrayNode) bom.get("components"), c -> c.path("name").asText().equals("musl"));
        SbomCheck cdx = SbomDocument.read(write("no-musl.cdx.json", bom)).check(alpine.inventory());
        assertEquals(0, cdx.problemCount(), cdx.problems().toString());
        assertEquals(1, cdx.missingCount());
        assertTrue(cdx.missing().get(0).startsWith("musl " + installed.get("musl") + " (pkg:apk/alpine/musl@"), cdx.missing().toString());
        assertFalse(cdx.valid());
        assertTrue(cdx.summary().contains("1 of " + installed.size() + " image package(s) missing: musl " + installed.get("musl")), cdx.summary());

        ObjectNode spdx = json(SbomFormat.SPDX_JSON);
        removeWhere((ArrayNode) spdx.get("packages"), p -> p.path("name").asText().equals("busybox")
                || p.path("name").asText().equals("musl"));
        SbomCheck spdxCheck = SbomDocument.read(write("two-gone.spdx.json", spdx)).check(alpine.inventory());
        assertEquals(2, spdxCheck.missingCount());
        assertEquals(List.of("busybox " + installed.get("busybox"), "musl " + installed.get("musl")),
                spdxCheck.missing().stream().map(m -> m.substring(0, m.indexOf(" ("))).toList(), "by name");
    }

    @Test
    void aWrongTypeForComponentsIsASchemaProblemAtItsPointer() throws IOException {
        ObjectNode bom = json(SbomFormat.CYCLONEDX_JSON);
        bom.put("components", "none");
        SbomCheck cdx = SbomDocument.read(write("string-components.cdx.json", bom)).check(alpine.inventory());
        assertTrue(cdx.problems().stream().anyMatch(p -> p.pointer().equals("/components")), cdx.problems().toString());
        assertEquals(installed.size(), cdx.missingCount(), "a document without a components array lists none of them");

        ObjectNode badType = json(SbomFormat.CYCLONEDX_JSON);
        ((ObjectNode) badType.get("components").get(1)).put("type", "docker-layer");
        SbomCheck typeCheck = SbomDocument.read(write("bad-type.cdx.json", badType)).check(alpine.inventory());
        assertTrue(typeCheck.problems().stream().anyMatch(p -> p.pointer().equals("/components/1/type")), typeCheck.problems().toString());
        assertEquals(0, typeCheck.missingCount());

        ObjectNode spdx = json(SbomFormat.SPDX_JSON);
        ((ObjectNode) spdx.get("packages").get(1)).put("versionInfo", 7);
        ((ObjectNode) spdx.get("packages").get(2)).remove("downloadLocation");
        SbomCheck spdxCheck = SbomDocument.read(write("bad.spdx.json", spdx)).check();
        List<String> pointers = spdxCheck.problems().stream().map(SchemaProblem::pointer).toList();
        assertTrue(pointers.contains("/packages/1/versionInfo"), spdxCheck.problems().toString());
        assertTrue(spdxCheck.problems().stream().anyMatch(p -> p.pointer().equals("/packages/2") && p.message().contains("downloadLocation")),
                spdxCheck.problems().toString());
        assertEquals(2, spdxCheck.problemCount());
        assertTrue(spdxCheck.summary().startsWith("2 schema problem(s), first /packages/", spdxCheck.summary().indexOf(": ") + 2),
                spdxCheck.summary());
    }

    @Test
    void purlsMatchWithoutQualifiersAndComponentsWithoutPurlByNameAndVersion() throws IOException {
        ObjectNode bom = json(SbomFormat.CYCLONEDX_JSON);
        for (JsonNode component : bom.get("components")) {
            String name = component.path("name").asText();
            if (name.equals("musl")) {
                // as another tool may write it: other qualifiers, the type in capitals (purl types are case-insensitive)
                ((ObjectNode) component).put("purl", "pkg:APK/alpine/musl@" + installed.get("musl") + "?upstream=musl&distro=alpine-3.11.6");
            } else if (name.equals("busybox")) {
                ((ObjectNode) component).remove("purl");
            } else if (name.equals("zlib")) {
                ((ObjectNode) component).remove("purl");
                ((ObjectNode) component).put("version", "0.0.1-r0");
            }
        }
        SbomCheck check = SbomDocument.read(write("edited.cdx.json", bom)).check(alpine.inventory());
        assertEquals(0, check.problemCount(), check.problems().toString());
        assertEquals(1, check.missingCount(), check.missing().toString());
        assertTrue(check.missing().get(0).startsWith("zlib " + installed.get("zlib") + " "), check.missing().toString());
    }

    @Test
    void listsStopAtTwentyWhileCountsSayHowManyThereAre() throws IOException {
        ObjectNode spdx = json(SbomFormat.SPDX_JSON);
        for (int i = 0; i < 30; i++) {
            spdx.withArray("relationships").addObject().put("spdxElementId", "SPDXRef-DOCUMENT").put("relatedSpdxElement", "SPDXRef-x" + i)
                    .put("relationshipType", "OWNS");
        }
        SbomCheck check = SbomDocument.read(write("thirty.spdx.json", spdx)).check();
        assertEquals(30, check.problemCount());
        assertEquals(SbomCheck.LISTED, check.problems().size());
        assertTrue(check.problems().get(0).pointer().matches("/relationships/\\d+/relationshipType"), check.problems().toString());
    }

    @Test
    void badFilesAreOneLineNamingTheFile() throws IOException {
        assertBad(write("broken.json", "{\"bomFormat\": \"CycloneDX\",".getBytes(StandardCharsets.UTF_8)), "broken.json:1: not JSON: ");
        assertBad(write("bom.xml", "<?xml version=\"1.0\"?><bom/>".getBytes(StandardCharsets.UTF_8)), "bom.xml:1: not JSON (XML? ");
        assertBad(write("bom.spdx", "SPDXVersion: SPDX-2.3\n".getBytes(StandardCharsets.UTF_8)), "bom.spdx:1: not JSON (SPDX tag-value? ");
        assertBad(write("other.json", "{\"hello\": 1}".getBytes(StandardCharsets.UTF_8)), "other.json: not an SBOM Portcullis knows");
        assertBad(write("array.json", "[1]".getBytes(StandardCharsets.UTF_8)), "array.json: not an SBOM: expected a CycloneDX or SPDX JSON object");
        assertBad(write("empty.json", new byte[0]), "empty.json: not an SBOM: expected a CycloneDX or SPDX JSON object, the file is empty");
        assertBad(write("old.spdx.json", "{\"spdxVersion\": \"SPDX-2.2\"}".getBytes(StandardCharsets.UTF_8)), "old.spdx.json: spdxVersion 'SPDX-2.2' cannot be validated");
        assertBad(write("old.cdx.json", "{\"bomFormat\": \"CycloneDX\", \"specVersion\": \"1.1\"}".getBytes(StandardCharsets.UTF_8)),
                "old.cdx.json: CycloneDX specVersion '1.1' cannot be validated");
        assertBad(dir.resolve("absent.json"), "absent.json: cannot read: ");

        byte[] huge = new byte[UserFile.JSON.maxBytes() + 1];
        java.util.Arrays.fill(huge, (byte) ' ');
        assertBad(write("huge.json", huge), "huge.json: larger than the 16 MiB a json input file may have; not read");
    }

    private void assertBad(Path file, String expectedStart) {
        InputException e = assertThrows(InputException.class, () -> SbomDocument.read(file));
        assertTrue(e.getMessage().startsWith(file + expectedStart.substring(expectedStart.indexOf(':'))), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    private static byte[] render(SbomFormat format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        WRITER.write(alpine.metadata(), alpine.inventory(), format, out);
        return out.toByteArray();
    }

    private static ObjectNode json(SbomFormat format) throws IOException {
        return (ObjectNode) MAPPER.readTree(render(format));
    }

    private Path write(String name, JsonNode document) throws IOException {
        return write(name, MAPPER.writeValueAsBytes(document));
    }

    private Path write(String name, byte[] content) throws IOException {
        return Files.write(dir.resolve(name), content);
    }

    private static void removeWhere(ArrayNode array, java.util.function.Predicate<JsonNode> doomed) {
        List<Integer> indexes = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            if (doomed.test(array.get(i))) {
                indexes.add(0, i);
            }
        }
        assertFalse(indexes.isEmpty(), "nothing to remove");
        indexes.forEach(array::remove);
    }

    private static String field(String stanza, String key) {
        return stanza.lines().filter(line -> line.startsWith(key + ":")).map(line -> line.substring(2)).findFirst().orElse(null);
    }
}
