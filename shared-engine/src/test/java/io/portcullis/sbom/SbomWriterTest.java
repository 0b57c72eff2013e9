package io.portcullis.sbom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portcullis.InputException;
import io.portcullis.image.ImageMetadata;
import io.portcullis.inventory.Inventory;
import io.portcullis.inventory.Location;
import io.portcullis.inventory.Package;
import io.portcullis.inventory.SourcePackage;
import org.cyclonedx.parsers.JsonParser;
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
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SbomWriterTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");
    private static final SbomWriter WRITER = new SbomWriter("1.2.3", Clock.fixed(NOW, ZoneOffset.UTC));

    private static AlpineImage alpine;

    @BeforeAll
    static void loadImage() throws IOException {
        alpine = AlpineImage.load();
    }

    @Test
    void cycloneDxOfRealAlpineIsValidAndHasOneComponentPerInstalledPackage() throws Exception {
        byte[] document = render(alpine.metadata(), alpine.inventory(), SbomFormat.CYCLONEDX_JSON);
        assertEquals(List.of(), SchemaValidation.cycloneDxErrors(document));

        assertEquals(stanzaValues("P").size() + 1, new JsonParser().parse(document).getComponents().size(),
                "cyclonedx-core-java reads the document back");

        JsonNode bom = MAPPER.readTree(document);
        assertEquals("1.6", bom.get("specVersion").asText());
        List<JsonNode> libraries = components(bom, "library");
        assertEquals(stanzaValues("P").size(), libraries.size(), "one component per P: line of " + AlpineImage.INSTALLED_DB);
        List<JsonNode> systems = components(bom, "operating-system");
        assertEquals(1, systems.size());
        assertEquals("alpine", systems.get(0).get("name").asText());
        assertEquals("3.11.5", systems.get(0).get("version").asText(), "VERSION_ID of the image's etc/os-release");

        JsonNode image = bom.get("metadata").get("component");
        assertEquals("container", image.get("type").asText());
        assertEquals("docker.io/library/alpine:3.11", image.get("name").asText());
        assertEquals("sha256:beee9f30bc1f711043e78d4a2be0668955d4b761d587d6f60c2c8dc081efb203",
                property(image, "portcullis:image:layer:0:diffId"), "rootfs.diff_ids[0] of the image config");
        assertEquals("linux/amd64", property(image, "portcullis:image:platform"));
        assertEquals("alpine:3.11", property(image, "portcullis:image:repoTag:0"));
        JsonNode tool = bom.get("metadata").get("tools").get("components").get(0);
        assertEquals("portcullis", tool.get("name").asText());
        assertEquals("1.2.3", tool.get("version").asText());
        assertEquals("2026-01-02T03:04:05Z", bom.get("metadata").get("timestamp").asText());
    }

    @Test
    void manifestDigestBecomesTheImageVersionAndHashInBothFormats() throws IOException {
        // A docker-save archive has no registry manifest digest; any sha256 digest serves to show where one goes.
        String digest = "sha256:" + AlpineImage.sha256(alpine.installedDb().getBytes(StandardCharsets.UTF_8));
        ImageMetadata pulled = new ImageMetadata(alpine.metadata().reference(), digest, alpine.metadata().configDigest(),
                alpine.metadata().platform(), alpine.metadata().layerDigests(), alpine.metadata().diffIds(), List.of());

        byte[] cycloneDx = render(pulled, alpine.inventory(), SbomFormat.CYCLONEDX_JSON);
        assertEquals(List.of(), SchemaValidation.cycloneDxErrors(cycloneDx));
        JsonNode image = MAPPER.readTree(cycloneDx).get("metadata").get("component");
        assertEquals(digest, image.get("version").asText());
        assertEquals("SHA-256", image.get("hashes").get(0).get("alg").asText());
        assertEquals(digest.substring("sha256:".length()), image.get("hashes").get(0).get("content").asText());

        byte[] spdxBytes = render(pulled, alpine.inventory(), SbomFormat.SPDX_JSON);
        assertEquals(List.of(), SchemaValidation.spdxErrors(spdxBytes));
        JsonNode spdx = MAPPER.readTree(spdxBytes);
        JsonNode imagePackage = packageNamed(spdx, pulled.reference());
        assertEquals(digest, imagePackage.get("versionInfo").asText());
        assertEquals(digest.substring("sha256:".length()), imagePackage.get("checksums").get(0).get("checksumValue").asText());
        assertTrue(spdx.get("documentNamespace").asText().contains(digest.substring("sha256:".length())));
    }

    @Test
    void everyCycloneDxComponentCarriesPurlLicenseSourceAndLocationFromTheApkDatabase() throws IOException {
        JsonNode bom = MAPPER.readTree(render(alpine.metadata(), alpine.inventory(), SbomFormat.CYCLONEDX_JSON));
        List<String> names = stanzaValues("P");
        List<String> versions = stanzaValues("V");
        List<String> origins = stanzaValues("o");
        for (int i = 0; i < names.size(); i++) {
            JsonNode component = componentNamed(bom, names.get(i));
            assertEquals(versions.get(i), component.get("version").asText());
            assertEquals("pkg:apk/alpine/" + names.get(i) + "@" + versions.get(i) + "?arch=x86_64&distro=alpine-3.11.5",
                    component.get("purl").asText());
            assertEquals(origins.get(i), property(component, "portcullis:package:sourceName"));
            assertEquals(AlpineImage.INSTALLED_DB, property(component, "portcullis:location:0:path"));
            assertEquals(AlpineImage.INSTALLED_DB, component.get("evidence").get("occurrences").get(0).get("location").asText());
        }
        // musl declares "L:MIT", a listed SPDX id; zlib's "L:Zlib" too; busybox-era "GPL2" is not
        assertEquals("MIT", componentNamed(bom, "musl").get("licenses").get(0).get("license").get("id").asText());
        assertEquals("Zlib", componentNamed(bom, "zlib").get("licenses").get(0).get("license").get("id").asText());
        JsonNode unlisted = componentNamed(bom, "libc-utils").get("licenses").get(0).get("license");
        assertEquals(lineAfter("P:libc-utils", "L"), unlisted.get("name").asText(), "kept as written when not an SPDX id");
        assertFalse(unlisted.has("id"));
    }

    @Test
    void spdxOfRealAlpineIsValidAndDescribesTheImageContainingEveryPackage() throws IOException {
        byte[] document = render(alpine.metadata(), alpine.inventory(), SbomFormat.SPDX_JSON);
        assertEquals(List.of(), SchemaValidation.spdxErrors(document));

        JsonNode spdx = MAPPER.readTree(document);
        assertEquals("SPDX-2.3", spdx.get("spdxVersion").asText());
        assertEquals("SPDXRef-DOCUMENT", spdx.get("SPDXID").asText());
        assertEquals("2026-01-02T03:04:05Z", spdx.get("creationInfo").get("created").asText());
        assertEquals("Tool: portcullis-1.2.3", spdx.get("creationInfo").get("creators").get(0).asText());
        assertTrue(spdx.get("documentNamespace").asText().startsWith("https://spdx.org/spdxdocs/portcullis/"));
        assertTrue(spdx.get("documentNamespace").asText().contains(alpine.metadata().configDigest().substring(7)),
                "namespace names the image digest");

        List<JsonNode> packages = list(spdx.get("packages"));
        int installed = stanzaValues("P").size();
        assertEquals(installed + 2, packages.size(), "image + OS + one per installed package");
        assertUniqueValidSpdxIds(packages);
        JsonNode image = packages.stream().filter(p -> "CONTAINER".equals(p.path("primaryPackagePurpose").asText())).findFirst().orElseThrow();
        List<JsonNode> relationships = list(spdx.get("relationships"));
        assertEquals(1, relationships.stream().filter(r -> r.get("relationshipType").asText().equals("DESCRIBES")
                && r.get("relatedSpdxElement").asText().equals(image.get("SPDXID").asText())).count());
        assertEquals(installed + 1, relationships.stream().filter(r -> r.get("relationshipType").asText().equals("CONTAINS")
                && r.get("spdxElementId").asText().equals(image.get("SPDXID").asText())).count());

        JsonNode musl = packageNamed(spdx, "musl");
        assertEquals("MIT", musl.get("licenseDeclared").asText());
        assertEquals("pkg:apk/alpine/musl@1.1.24-r2?arch=x86_64&distro=alpine-3.11.5",
                musl.get("externalRefs").get(0).get("referenceLocator").asText());
        assertTrue(musl.get("sourceInfo").asText().contains(AlpineImage.INSTALLED_DB));
        // "MIT BSD GPL2+" (libc-utils' L: line) is no SPDX expression: NOASSERTION, text kept in a comment
        JsonNode libcUtils = packageNamed(spdx, "libc-utils");
        assertEquals("NOASSERTION", libcUtils.get("licenseDeclared").asText());
        assertTrue(libcUtils.get("licenseComments").asText().contains(lineAfter("P:libc-utils", "L")));
    }

    @Test
    void packageFoundAtTwoPathsKeepsBothLocationsAndDistinctPackagesWithOnePurlStayTwo() throws IOException {
        Package musl = alpinePackage("musl");
        Location second = new Location(alpine.metadata().diffIds().get(0), "usr/lib/apk/db/installed");
        Package atTwoPaths = musl.withLocations(List.of(musl.locations().get(0), second));
        Package sameNameOtherPath = musl.withLocations(List.of(new Location(null, "opt/vendor/lib/apk/db/installed")));
        Inventory inventory = replace(musl, List.of(atTwoPaths, sameNameOtherPath));

        for (SbomFormat format : SbomFormat.values()) {
            byte[] document = render(alpine.metadata(), inventory, format);
            assertEquals(List.of(), format == SbomFormat.SPDX_JSON ? SchemaValidation.spdxErrors(document)
                    : SchemaValidation.cycloneDxErrors(document), format.name());
        }
        JsonNode bom = MAPPER.readTree(render(alpine.metadata(), inventory, SbomFormat.CYCLONEDX_JSON));
        List<JsonNode> musls = components(bom, "library").stream().filter(c -> c.get("name").asText().equals("musl")).toList();
        assertEquals(2, musls.size(), "two package records are two components");
        assertNotEquals(musls.get(0).get("bom-ref").asText(), musls.get(1).get("bom-ref").asText());
        JsonNode both = musls.stream().filter(c -> c.get("evidence").get("occurrences").size() == 2).findFirst().orElseThrow();
        assertEquals(AlpineImage.INSTALLED_DB, property(both, "portcullis:location:0:path"));
        assertEquals("usr/lib/apk/db/installed", property(both, "portcullis:location:1:path"));
        assertEquals(second.layerDiffId(), property(both, "portcullis:location:1:layerDiffId"));

        JsonNode spdx = MAPPER.readTree(render(alpine.metadata(), inventory, SbomFormat.SPDX_JSON));
        List<JsonNode> spdxMusls = list(spdx.get("packages")).stream().filter(p -> p.get("name").asText().equals("musl")).toList();
        assertEquals(2, spdxMusls.size());
        assertTrue(spdxMusls.stream().anyMatch(p -> p.get("sourceInfo").asText().contains("usr/lib/apk/db/installed")
                && p.get("sourceInfo").asText().contains(AlpineImage.INSTALLED_DB)));
    }

    @Test
    void oddNamesVersionsAndLicensesStillGiveValidDocuments() throws IOException {
        String layer = alpine.metadata().diffIds().get(0);
        List<Package> odd = List.of(
                new Package("deb", "libc6", "1:2.36-9+deb12u4~bpo11+1", "amd64", new SourcePackage("glibc", "2.36-9+deb12u4"),
                        "pkg:deb/debian/libc6@1%3A2.36-9%2Bdeb12u4~bpo11%2B1?arch=amd64", List.of(new Location(layer, "var/lib/dpkg/status")),
                        "dpkg", List.of("GPL-2.0+ WITH Classpath-exception-2.0", "lgpl-2.1-or-later"), Map.of("status", "install ok installed")),
                new Package("npm", "@scope/naïve pkg 包", "1.0.0-beta+exp.sha.5114f85", null, null,
                        "pkg:npm/%40scope/na%C3%AFve%20pkg%20%E5%8C%85@1.0.0-beta%2Bexp.sha.5114f85",
                        List.of(new Location(layer, "app/node_modules/@scope/naïve pkg 包/package.json")), "npm",
                        List.of("(MIT OR Apache-2.0) AND BSD-3-Clause"), null),
                new Package("maven", "org.example:weird artifact", "2.0 (final)", null, null, null,
                        List.of(new Location(layer, "app/lib/weird artifact.jar!/META-INF/maven/x/pom.properties")), "java",
                        List.of("The Apache Software License, Version 2.0", "MIT AND", "(MIT", "LicenseRef-custom.1"), null),
                new Package("pypi", "Zope.Interface", "5.0.0~rc1", null, null, "pkg:pypi/zope.interface@5.0.0~rc1",
                        List.of(), null, List.of(""), null));
        Inventory inventory = new Inventory(alpine.inventory().os(), odd, List.of());

        byte[] cycloneDx = render(alpine.metadata(), inventory, SbomFormat.CYCLONEDX_JSON);
        assertEquals(List.of(), SchemaValidation.cycloneDxErrors(cycloneDx));
        byte[] spdxBytes = render(alpine.metadata(), inventory, SbomFormat.SPDX_JSON);
        assertEquals(List.of(), SchemaValidation.spdxErrors(spdxBytes));

        JsonNode bom = MAPPER.readTree(cycloneDx);
        assertEquals(odd.size(), components(bom, "library").size());
        JsonNode npm = componentNamed(bom, "@scope/naïve pkg 包");
        assertEquals("(MIT OR Apache-2.0) AND BSD-3-Clause", npm.get("licenses").get(0).get("expression").asText());
        JsonNode maven = componentNamed(bom, "weird artifact");
        assertEquals("org.example", maven.get("group").asText());

        JsonNode spdx = MAPPER.readTree(spdxBytes);
        assertUniqueValidSpdxIds(list(spdx.get("packages")));
        assertEquals("(GPL-2.0+ WITH Classpath-exception-2.0) AND LGPL-2.1-or-later",
                packageNamed(spdx, "libc6").get("licenseDeclared").asText(), "ids written as the SPDX list spells them");
        assertEquals("NOASSERTION", packageNamed(spdx, "org.example:weird artifact").get("licenseDeclared").asText());
        assertEquals("1:2.36-9+deb12u4~bpo11+1", packageNamed(spdx, "libc6").get("versionInfo").asText());
        assertEquals("NOASSERTION", packageNamed(spdx, "Zope.Interface").get("licenseDeclared").asText());
        assertFalse(packageNamed(spdx, "Zope.Interface").has("licenseComments"), "a blank license is no declaration");
    }

    @Test
    void componentOrderDoesNotDependOnInventoryOrder() throws IOException {
        List<Package> reversed = new ArrayList<>(alpine.inventory().packages());
        Collections.reverse(reversed);
        Inventory shuffled = new Inventory(alpine.inventory().os(), reversed, List.of());
        for (SbomFormat format : SbomFormat.values()) {
            assertEquals(withoutRandomParts(render(alpine.metadata(), alpine.inventory(), format)),
                    withoutRandomParts(render(alpine.metadata(), shuffled, format)), format.name());
        }
    }

    @Test
    void writingToAPathGivesTheSameDocumentAsTheStream(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("sbom.cdx.json");
        WRITER.write(alpine.metadata(), alpine.inventory(), SbomFormat.CYCLONEDX_JSON, target);
        assertEquals(withoutRandomParts(render(alpine.metadata(), alpine.inventory(), SbomFormat.CYCLONEDX_JSON)),
                withoutRandomParts(Files.readAllBytes(target)));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(target), files.toList(), "no temporary file left next to it");
        }
    }

    @Test
    void unwritableDirectoryFailsWithInputExceptionAndLeavesNoFile(@TempDir Path dir) throws IOException {
        // /proc accepts no new files, not even from root (CI runs as root, so permission bits would not stop it)
        Path inProc = Path.of("/proc/portcullis-sbom.json");
        InputException procFailure = assertThrows(InputException.class,
                () -> WRITER.write(alpine.metadata(), alpine.inventory(), SbomFormat.SPDX_JSON, inProc));
        assertTrue(procFailure.getMessage().contains(inProc.toString()), procFailure.getMessage());
        assertFalse(Files.exists(inProc));

        Path notADirectory = Files.writeString(dir.resolve("plain-file"), "x");
        Path target = notADirectory.resolve("sbom.json");
        InputException failure = assertThrows(InputException.class,
                () -> WRITER.write(alpine.metadata(), alpine.inventory(), SbomFormat.CYCLONEDX_JSON, target));
        assertTrue(failure.getMessage().startsWith("cannot write CycloneDX SBOM to " + target), failure.getMessage());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(notADirectory), files.toList());
        }
    }

    @Test
    void missingDirectoryIsNamedInTheError(@TempDir Path dir) {
        Path target = dir.resolve("no-such-dir").resolve("sbom.json");
        InputException failure = assertThrows(InputException.class,
                () -> WRITER.write(alpine.metadata(), alpine.inventory(), SbomFormat.SPDX_JSON, target));
        assertEquals("cannot write SPDX SBOM to " + target + ": no such directory", failure.getMessage());
    }

    // --- helpers -------------------------------------------------------------------------------

    private static byte[] render(ImageMetadata image, Inventory inventory, SbomFormat format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        WRITER.write(image, inventory, format, out);
        return out.toByteArray();
    }

    /** The serial number and namespace are random by specification; everything else must repeat. */
    private static JsonNode withoutRandomParts(byte[] document) throws IOException {
        ObjectNode node = (ObjectNode) MAPPER.readTree(document);
        node.remove("serialNumber");
        node.remove("documentNamespace");
        return node;
    }

    /** Values of one field of every stanza of the real installed database, in file order. */
    private static List<String> stanzaValues(String key) {
        List<String> values = new ArrayList<>();
        Matcher matcher = Pattern.compile("(?m)^" + key + ":(.*)$").matcher(alpine.installedDb());
        while (matcher.find()) {
            values.add(matcher.group(1));
        }
        return values;
    }

    /** The value of {@code key} in the stanza that contains {@code stanzaLine}. */
    private static String lineAfter(String stanzaLine, String key) {
        for (String stanza : alpine.installedDb().split("\n\n")) {
            if (stanza.lines().anyMatch(stanzaLine::equals)) {
                return stanza.lines().filter(line -> line.startsWith(key + ":")).findFirst().orElseThrow().substring(2);
            }
        }
        throw new AssertionError(stanzaLine + " not in the installed database");
    }

    private static Package alpinePackage(String name) {
        return alpine.inventory().packages().stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
    }

    private static Inventory replace(Package old, List<Package> replacements) {
        List<Package> packages = new ArrayList<>(alpine.inventory().packages());
        packages.remove(old);
        packages.addAll(replacements);
        return new Inventory(alpine.inventory().os(), packages, List.of());
    }

    static List<JsonNode> list(JsonNode array) {
        List<JsonNode> nodes = new ArrayList<>();
        array.forEach(nodes::add);
        return nodes;
    }

    static List<JsonNode> components(JsonNode bom, String type) {
        return list(bom.get("components")).stream().filter(c -> c.get("type").asText().equals(type)).toList();
    }

    static JsonNode componentNamed(JsonNode bom, String name) {
        return list(bom.get("components")).stream().filter(c -> c.get("name").asText().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no component " + name));
    }

    private static JsonNode packageNamed(JsonNode spdx, String name) {
        return list(spdx.get("packages")).stream().filter(p -> p.get("name").asText().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no package " + name));
    }

    static String property(JsonNode component, String name) {
        return list(component.get("properties")).stream().filter(p -> p.get("name").asText().equals(name))
                .map(p -> p.get("value").asText()).findFirst().orElse(null);
    }

    /** SPDX 2.3 clause 7.2: SPDXRef- followed by letters, digits, '.' and '-'; unique in the document. */
    private static void assertUniqueValidSpdxIds(List<JsonNode> packages) {
        Set<String> ids = new HashSet<>();
        for (JsonNode pkg : packages) {
            String id = pkg.get("SPDXID").asText();
            assertTrue(id.matches("SPDXRef-[A-Za-z0-9.\\-]+"), id);
            assertTrue(ids.add(id), "duplicate " + id);
        }
    }
}
