package io.portcullis.version;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every line of every shared version-order file whose scheme we ship is one test, named
 * file:line, checked in both directions. The files record the order OSV's own comparison
 * (osv-scalibr) gives, so every line must hold, including the few where a reference tool differs
 * (see docs/versions.md).
 */
class VersionOrderDataTest {

    /** Data file name prefix (before "-versions") to the scheme that must agree with it. */
    private static final Map<String, VersionScheme> SCHEMES = Map.of(
            "alpine", VersionSchemes.APK,
            "debian", VersionSchemes.DPKG,
            "redhat", VersionSchemes.RPM,
            "maven", VersionSchemes.MAVEN,
            "pypi", VersionSchemes.PEP440,
            "semver", VersionSchemes.SEMVER,
            "rubygems", VersionSchemes.RUBYGEMS,
            "nuget", VersionSchemes.NUGET,
            "packagist", VersionSchemes.PACKAGIST);

    /** Ecosystems with data files whose schemes Portcullis does not ship. */
    private static final Set<String> NOT_SHIPPED = Set.of("cran", "hackage", "pub");

    @TestFactory
    Stream<DynamicTest> everyLineAgrees() throws IOException {
        return dataFiles().stream()
                .filter(file -> SCHEMES.containsKey(prefix(file)))
                .flatMap(file -> VersionOrderData.read(file).stream())
                .map(fact -> DynamicTest.dynamicTest(fact.toString(), () -> assertAgrees(fact)));
    }

    @Test
    void everyDataFileIsCoveredOrKnownUnsupported() throws IOException {
        Set<String> unknown = dataFiles().stream().map(VersionOrderDataTest::prefix)
                .filter(p -> !SCHEMES.containsKey(p) && !NOT_SHIPPED.contains(p))
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(Set.of(), unknown, "version-order files with no scheme mapped in this test");
    }

    private static void assertAgrees(VersionOrderData.Fact fact) {
        VersionScheme scheme = SCHEMES.get(prefix(fact.file()));
        assertEquals(fact.expected(), Integer.signum(scheme.compare(fact.left(), fact.right())), fact::toString);
        assertEquals(-fact.expected(), Integer.signum(scheme.compare(fact.right(), fact.left())), () -> "reversed: " + fact);
    }

    private static Set<String> dataFiles() throws IOException {
        try (Stream<Path> files = Files.list(VersionOrderData.directory())) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".txt"))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    private static String prefix(String fileName) {
        return fileName.substring(0, fileName.indexOf("-versions"));
    }
}
