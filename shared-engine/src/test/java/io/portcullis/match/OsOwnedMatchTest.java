package io.portcullis.match;

import io.portcullis.inventory.Inventory;
import io.portcullis.inventory.Package;
import io.portcullis.vulndb.OsvSource;
import io.portcullis.vulndb.SharedData;
import io.portcullis.vulndb.VulnDb;
import io.portcullis.vulndb.VulnDbBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One bug is not reported twice: application packages an OS package installed are matched through the OS package. */
class OsOwnedMatchTest {

    @TempDir
    Path dir;

    @Test
    void osOwnedApplicationPackagesAreLeftToTheOsAdvisoriesExceptGoBinaries() throws Exception {
        Path db = dir.resolve("p.db");
        new VulnDbBuilder(db).add(new OsvSource.Zip(SharedData.osvZip("PyPI.zip"))).add(new OsvSource.Zip(SharedData.osvZip("Go.zip"))).build();
        // Debian bookworm's python3-cryptography ships cryptography 38.0.4; its Go toolchain is 1.19.8.
        Package pipInstalled = pkg("pypi", "cryptography", "38.0.4", Map.of());
        Package debianInstalled = pkg("pypi", "cryptography", "38.0.4", Map.of(Package.OS_OWNED, "python3-cryptography"));
        Package goInDebianBinary = pkg("golang", "stdlib", "v1.19.8", Map.of(Package.OS_OWNED, "skopeo"));

        try (VulnDb vulnDb = VulnDb.open(db)) {
            Matcher matcher = new Matcher();
            assertTrue(matcher.match(inventory(pipInstalled), vulnDb).size() > 0, "the data must have findings for this version");
            assertEquals(List.of(), matcher.match(inventory(debianInstalled), vulnDb));
            assertTrue(matcher.match(inventory(goInDebianBinary), vulnDb).size() > 0,
                    "a Go binary's compiled-in stdlib is not fixed by the distribution's Go advisory");
        }
    }

    private static Inventory inventory(Package pkg) {
        return new Inventory(null, List.of(pkg), List.of());
    }

    private static Package pkg(String type, String name, String version, Map<String, String> properties) {
        return new Package(type, name, version, null, null, null, List.of(), "test", null, properties);
    }
}
