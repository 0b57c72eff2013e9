package io.portcullis.version;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class VersionSchemesTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "Debian:12|dpkg", "Debian:3.0|dpkg", "Ubuntu:22.04:LTS|dpkg", "Ubuntu:Pro:18.04:LTS|dpkg",
            "Alpine:v3.11|apk", "AlmaLinux:9|rpm", "Rocky Linux:9|rpm", "Red Hat|rpm",
            "Red Hat:enterprise_linux:9::appstream|rpm", "openSUSE:Leap 15.5|rpm", "SUSE:Linux Enterprise Server 15 SP5|rpm",
            "Maven|maven", "PyPI|pep440", "npm|semver", "crates.io|semver", "Go|go", "RubyGems|rubygems",
            "NuGet|nuget", "Packagist|packagist"})
    void osvEcosystemsMapToTheirScheme(String ecosystem, String scheme) {
        assertEquals(Optional.of(scheme), VersionSchemes.forEcosystem(ecosystem).map(VersionScheme::name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"CRAN", "Hackage", "Pub", "Bitnami", "GIT", "", "debian:12", "Linux"})
    void unsupportedOrMisspelledEcosystemsHaveNoScheme(String ecosystem) {
        assertEquals(Optional.empty(), VersionSchemes.forEcosystem(ecosystem));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "deb|dpkg", "rpm|rpm", "apk|apk", "maven|maven", "pypi|pep440", "npm|semver", "cargo|semver",
            "golang|go", "gem|rubygems", "nuget|nuget", "composer|packagist", "DEB|dpkg"})
    void packageUrlTypesMapToTheirScheme(String type, String scheme) {
        assertEquals(Optional.of(scheme), VersionSchemes.forPackageType(type).map(VersionScheme::name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"generic", "oci", "docker", "github", "cran", ""})
    void otherPackageUrlTypesHaveNoScheme(String type) {
        assertEquals(Optional.empty(), VersionSchemes.forPackageType(type));
    }

    @Test
    void everyEcosystemInTheSharedOsvDataHasAScheme() throws IOException {
        Path osv = Path.of("../shared/data/osv");
        assertTrue(Files.isDirectory(osv), "shared OSV data missing: " + osv.toAbsolutePath());
        Set<String> ecosystems = new TreeSet<>();
        ObjectMapper json = new ObjectMapper();
        try (DirectoryStream<Path> zips = Files.newDirectoryStream(osv, "*.zip")) {
            for (Path zip : zips) {
                try (ZipFile file = new ZipFile(zip.toFile())) {
                    Enumeration<? extends ZipEntry> entries = file.entries();
                    while (entries.hasMoreElements()) {
                        JsonNode record = json.readTree(file.getInputStream(entries.nextElement()));
                        record.path("affected").forEach(a -> ecosystems.add(a.path("package").path("ecosystem").asText()));
                    }
                }
            }
        }
        assertTrue(ecosystems.size() > 10, "too few ecosystems read: " + ecosystems);
        Set<String> unmapped = new TreeSet<>();
        ecosystems.stream().filter(e -> VersionSchemes.forEcosystem(e).isEmpty()).forEach(unmapped::add);
        assertEquals(Set.of(), unmapped);
    }

    @Test
    void rejectionNamesSchemeAndVersion() {
        InvalidVersionException e = assertThrows(InvalidVersionException.class,
                () -> VersionSchemes.DPKG.compare("1.0", "1:"));
        assertEquals("invalid dpkg version '1:': nothing after colon in version number", e.getMessage());
    }
}
