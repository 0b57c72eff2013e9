package io.portcullis.inventory;

import io.portcullis.inventory.apk.ApkInstalledAnalyzer;
import io.portcullis.inventory.dpkg.DpkgStatusAnalyzer;
import io.portcullis.inventory.rpm.RpmDatabaseAnalyzer;
import io.portcullis.testing.InMemoryFile;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link PurlFactory#spelled} against packageurl-java's canonical form ({@link PurlFactory#purl}): equal for the
 * packages of real package databases and for every character in every field, except where the library applies a
 * rule of the package type, which the merge then catches ({@code layer.MergedPackagesTest}).
 */
class PurlSpellingTest {

    private static final Path FIXTURES = Path.of("../shared/fixtures");
    private static final OperatingSystem DEBIAN = new OperatingSystem("debian", "12", "bookworm", null);
    private static final OperatingSystem ALPINE = new OperatingSystem("alpine", "3.19.1", null, null);
    private static final OperatingSystem SLES = new OperatingSystem("sles", "15.4", null, null);
    private static List<Package> packagesOf(io.portcullis.inventory.analyzer.Analyzer analyzer, String imagePath, Path file)
            throws IOException {
        assertTrue(Files.isRegularFile(file), "shared fixture missing: " + file.toAbsolutePath());
        return InMemoryFile.analyze(analyzer, imagePath, Files.readAllBytes(file)).packages();
    }

    private static void assertSpelledAsTheLibrary(List<Package> packages, OperatingSystem os) {
        for (Package pkg : packages) {
            assertEquals(PurlFactory.purl(pkg, os), PurlFactory.spelled(pkg, os), pkg.toString());
        }
    }

    @Test
    void everyPackageOfRealDebianAlpineAndRpmDatabasesIsSpelledAsTheLibrarySpellsIt() throws IOException {
        List<Package> deb = packagesOf(new DpkgStatusAnalyzer(), "var/lib/dpkg/status",
                FIXTURES.resolve("dpkg/syft/syft/pkg/cataloger/debian/testdata/image-dpkg/var/lib/dpkg/status"));
        List<Package> apk = packagesOf(new ApkInstalledAnalyzer(), ApkInstalledAnalyzer.PATH,
                FIXTURES.resolve("apk/trivy/pkg/fanal/analyzer/pkg/apk/testdata/apk"));
        List<Package> rpm = packagesOf(new RpmDatabaseAnalyzer(), "var/lib/rpm/Packages.db",
                FIXTURES.resolve("rpm/go-rpmdb/pkg/testdata/sle15-bci/Packages.db"));
        List<Package> rpmWithoutOs = packagesOf(new RpmDatabaseAnalyzer(), "var/lib/rpm/rpmdb.sqlite",
                FIXTURES.resolve("rpm/go-rpmdb/pkg/testdata/cbl-mariner-2.0/rpmdb.sqlite"));
        // the host's own dpkg database: several hundred real names and versions with epochs, '+' and '~'
        List<Package> host = packagesOf(new DpkgStatusAnalyzer(), "var/lib/dpkg/status", Path.of("/var/lib/dpkg/status"));
        assertTrue(deb.size() >= 1 && apk.size() > 10 && rpm.size() > 10 && rpmWithoutOs.size() > 10 && host.size() > 100,
                deb.size() + " " + apk.size() + " " + rpm.size() + " " + rpmWithoutOs.size() + " " + host.size());
        assertSpelledAsTheLibrary(deb, DEBIAN);
        assertSpelledAsTheLibrary(host, DEBIAN);
        assertSpelledAsTheLibrary(apk, ALPINE);
        assertSpelledAsTheLibrary(rpm, SLES);
        assertSpelledAsTheLibrary(rpmWithoutOs, null);
    }

    /**
     * Printable ASCII in every field of every type, but for what the library treats by its own rules: upper
     * case (deb, golang and rpm lowercase some parts), '/' and ':' (they split names into namespaces).
     */
    @Test
    void everyPrintableCharacterInEveryFieldIsEncodedAsTheLibraryEncodesIt() {
        List<String> differences = new ArrayList<>();
        int compared = 0;
        for (char c = 0x20; c < 0x7f; c++) {
            if (Character.isUpperCase(c) || c == '/' || c == ':') {
                continue;
            }
            for (Package pkg : packagesWith(String.valueOf(c))) {
                for (OperatingSystem os : new OperatingSystem[] {DEBIAN, null}) {
                    String library = PurlFactory.purl(pkg, os);
                    compared++;
                    if (!library.equals(PurlFactory.spelled(pkg, os))) {
                        differences.add(library + " " + PurlFactory.spelled(pkg, os));
                    }
                }
            }
        }
        assertEquals(List.of(), differences);
        assertEquals((95 - 26 - 2) * 8 * 2, compared);
    }

    /**
     * Where the two differ, which is why the merge compares them: the library lowercases a deb name, and
     * packageurl-java 1.5.0 writes a non-ASCII byte as %FFFFFFC3 where the purl specification has %C3. The merge
     * keeps the library's, so purls are what they were before the spelling existed.
     */
    @Test
    void upperCaseDebNamesAndNonAsciiCharactersAreWhereTheSpellingDiffers() {
        Package upper = new Package("deb", "Foo", "1.0", "amd64", null, null, List.of(), "test", null, null);
        assertEquals("pkg:deb/debian/foo@1.0?arch=amd64&distro=debian-12", PurlFactory.purl(upper, DEBIAN));
        assertEquals("pkg:deb/debian/Foo@1.0?arch=amd64&distro=debian-12", PurlFactory.spelled(upper, DEBIAN));
        Package accented = new Package("gem", "caf\u00e9", "1.0", null, null, null, List.of(), "test", null, null);
        assertEquals("pkg:gem/caf%FFFFFFC3%FFFFFFA9@1.0", PurlFactory.purl(accented, null));
        assertEquals("pkg:gem/caf%C3%A9@1.0", PurlFactory.spelled(accented, null));
    }

    private static List<Package> packagesWith(String c) {
        return List.of(
                new Package("deb", "a" + c + "b", "1" + c + "2", "x" + c, new SourcePackage("s" + c, "2" + c), null,
                        List.of(), "test", null, null),
                new Package("apk", "a" + c + "b", "1" + c + "2", "x" + c, new SourcePackage("s" + c, null), null,
                        List.of(), "test", null, null),
                new Package("rpm", "a" + c + "b", "1:1" + c + "2", "x" + c, null, null, List.of(), "test", null,
                        Map.of("epoch", "3")),
                new Package("maven", "org." + c + "x:a" + c, "1" + c, null, null, null, List.of(), "test", null, null),
                new Package("npm", "@s" + c + "/a" + c, "1" + c, null, null, null, List.of(), "test", null, null),
                new Package("golang", "github.com/o" + c + "/r" + c, "v1" + c, null, null, null, List.of(), "test", null, null),
                new Package("pypi", "a" + c + "b", "1" + c, null, null, null, List.of(), "test", null, null),
                new Package("gem", "a" + c + "b", "1" + c, null, null, null, List.of(), "test", null, null));
    }
}
