package io.portcullis.version;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every shared version-order file whose scheme we ship is one test that checks each line in both
 * directions and fails listing every line that does not hold (file:line, the fact, what we gave). The files record the order OSV's own comparison
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
                .map(file -> DynamicTest.dynamicTest(file, () -> assertEveryLineHolds(file)));
    }

    @Test
    void everyDataFileIsCoveredOrKnownUnsupported() throws IOException {
        Set<String> unknown = dataFiles().stream().map(VersionOrderDataTest::prefix)
                .filter(p -> !SCHEMES.containsKey(p) && !NOT_SHIPPED.contains(p))
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(Set.of(), unknown, "version-order files with no scheme mapped in this test");
    }

    private static void assertEveryLineHolds(String file) {
        VersionScheme scheme = SCHEMES.get(prefix(file));
        List<VersionOrderData.Fact> facts = VersionOrderData.read(file);
        List<String> mismatches = new ArrayList<>();
        for (VersionOrderData.Fact fact : facts) {
            String forward = sign(scheme, fact.left(), fact.right());
            String reversed = sign(scheme, fact.right(), fact.left());
            if (!forward.equals(String.valueOf(fact.expected())) || !reversed.equals(String.valueOf(-fact.expected()))) {
                mismatches.add(fact + " but compare gives " + forward + ", reversed " + reversed);
            }
        }
        assertFalse(facts.isEmpty(), file + " holds no ordering facts");
        assertEquals(List.of(), mismatches, mismatches.size() + " of " + facts.size() + " lines of " + file + " do not hold");
    }

    /** The sign of {@code compare(left, right)}, or {@code invalid: message} when the scheme rejects a version. */
    private static String sign(VersionScheme scheme, String left, String right) {
        try {
            return String.valueOf(Integer.signum(scheme.compare(left, right)));
        } catch (InvalidVersionException e) {
            return "invalid: " + e.getMessage();
        }
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
