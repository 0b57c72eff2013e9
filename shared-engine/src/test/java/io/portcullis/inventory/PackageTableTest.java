package io.portcullis.inventory;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The column store gives back every package exactly as it was added, keeping each repeated value once. */
class PackageTableTest {

    private static final List<Location> STATUS = List.of(new Location(null, "var/lib/dpkg/status"));

    private static Package deb(String name, String version, String sourceName, String sourceVersion) {
        return new Package("deb", name, version, "amd64", new SourcePackage(sourceName, sourceVersion), null, STATUS, "dpkg",
                List.of(), Map.of("status", "install ok installed"));
    }

    /** Packages with every field set, absent or unusual: each comes back equal, in the order added. */
    @Test
    void everyFieldComesBackAsItWasAdded() {
        List<Package> packages = List.of(
                deb("libc6", "2.36-9+deb12u4", "glibc", "2.36-9+deb12u4"),
                new Package("npm", "@babel/core", "7.23.2", null, null, "pkg:npm/%40babel/core@7.23.2",
                        List.of(new Location("sha256:a", "app/node_modules/@babel/core/package.json"),
                                new Location("sha256:b", "srv/node_modules/@babel/core/package.json")),
                        "npm-package", List.of("MIT", "Apache-2.0"), Map.of("application", "true")),
                new Package("apk", "müsl-ütils-日本", "1.2.4-r2", "x86_64", new SourcePackage("musl", null), null,
                        List.of(new Location(null, "lib/apk/db/installed")), "apk", null, null),
                new Package("deb", "", "0", null, null, null, List.of(), "dpkg", List.of(), Map.of()));
        PackageTable.Builder builder = PackageTable.builder();
        packages.forEach(builder::add);
        PackageTable table = builder.build();
        assertEquals(packages, new ArrayList<>(table));
        assertEquals(4, table.size());
    }

    @Test
    void aValueTheTableRepeatsIsKeptOnce() {
        PackageTable.Builder builder = PackageTable.builder();
        builder.add(deb("bash", "5.2.15-2+b2", "bash", "5.2.15-2"));
        builder.add(deb("bash-doc", "5.2.15-2+b2", "bash", "5.2.15-2"));
        PackageTable table = builder.build();
        assertSame(table.get(0).version(), table.get(1).version());
        assertSame(table.get(0).source().name(), table.get(1).source().name());
        assertSame(table.get(0).properties(), table.get(1).properties());
        assertSame(table.get(0).locations(), table.get(1).locations());
        assertNotSame(table.get(0), table.get(0), "each package is made when asked for");
    }

    /** Past many growths of every column, with names of every length, each package is where it was added. */
    @Test
    void twoHundredThousandPackagesComeBackInOrder() {
        PackageTable.Builder builder = PackageTable.builder();
        int count = 200_000;
        for (int i = 0; i < count; i++) {
            builder.add(deb("p".repeat(i % 40) + i, "1." + (i % 13), "s" + i / 10, "1." + (i % 13)));
        }
        PackageTable table = builder.build();
        assertEquals(count, table.size());
        for (int i = 0; i < count; i += 7919) {
            assertEquals(deb("p".repeat(i % 40) + i, "1." + (i % 13), "s" + i / 10, "1." + (i % 13)), table.get(i));
        }
        assertEquals(deb("p".repeat((count - 1) % 40) + (count - 1), "1." + ((count - 1) % 13), "s" + (count - 1) / 10,
                "1." + ((count - 1) % 13)), table.get(count - 1));
    }

    @Test
    void aBuilderTakesNoPackageAfterItsTableIsBuiltAndIndexesOutsideFail() {
        PackageTable.Builder builder = PackageTable.builder().add(deb("bash", "5.2.15-2", "bash", "5.2.15-2"));
        PackageTable table = builder.build();
        assertThrows(IllegalStateException.class, () -> builder.add(deb("dash", "0.5.12-2", "dash", "0.5.12-2")));
        assertEquals(1, table.size());
        assertThrows(IndexOutOfBoundsException.class, () -> table.get(1));
        assertThrows(IndexOutOfBoundsException.class, () -> table.get(-1));
    }

    /** An inventory or analysis given a package list keeps it; given any other list, it keeps a table of it. */
    @Test
    void packageListsAreKeptAsTheyAreAndOtherListsBecomeTables() {
        PackageTable table = PackageTable.builder().add(deb("bash", "5.2.15-2", "bash", "5.2.15-2")).build();
        assertSame(table, PackageList.copyOf(table));
        assertSame(table, new Inventory(null, table, List.of()).packages());
        List<Package> plain = new ArrayList<>(List.of(deb("bash", "5.2.15-2", "bash", "5.2.15-2")));
        List<Package> kept = new Inventory(null, plain, List.of()).packages();
        assertEquals(PackageTable.class, kept.getClass());
        assertEquals(plain, kept);
        plain.clear();
        assertEquals(1, kept.size(), "the inventory holds a copy, not the caller's list");
    }
}
