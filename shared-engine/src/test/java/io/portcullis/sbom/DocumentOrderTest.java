package io.portcullis.sbom;

import io.portcullis.inventory.Location;
import io.portcullis.inventory.Package;
import io.portcullis.inventory.PackageList;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The SBOM order, found run by run and merged: the same order a whole sort gives, asking for each package twice. */
class DocumentOrderTest {

    private static Package npm(String name, String version, String path) {
        return new Package("npm", name, version, null, null, "pkg:npm/" + name + "@" + version, List.of(new Location("sha256:a", path)),
                "npm-package", List.of(), Map.of());
    }

    /** An inventory that counts how often it is asked for a package. */
    private static final class CountingList extends PackageList {
        private final List<Package> packages;
        final AtomicInteger asked = new AtomicInteger();

        CountingList(List<Package> packages) {
            this.packages = packages;
        }

        @Override
        public Package get(int index) {
            asked.incrementAndGet();
            return packages.get(index);
        }

        @Override
        public int size() {
            return packages.size();
        }
    }

    @Test
    void manyRunsMergeIntoTheOrderOfAWholeSortAndEachPackageIsAskedForTwice() {
        List<Package> packages = new ArrayList<>();
        Random random = new Random(42);
        int count = DocumentOrder.RUN * 5 + 123;
        for (int i = 0; i < count; i++) {
            // Few names and versions, so that packages tie on them and are told apart by purl and fingerprint.
            packages.add(npm("p" + random.nextInt(500), "1." + random.nextInt(3), "app/" + random.nextInt(4) + "/package.json"));
        }
        Collections.shuffle(packages, random);
        List<Package> expected = new ArrayList<>(packages);
        expected.sort(PackageRefs.DOCUMENT_ORDER);

        CountingList inventory = new CountingList(packages);
        DocumentOrder sorted = DocumentOrder.of(inventory);
        assertEquals(2 * count, inventory.asked.get());
        assertEquals(expected, new ArrayList<>(sorted));
    }

    @Test
    void anEmptyInventoryHasAnEmptyOrder() {
        assertEquals(0, DocumentOrder.of(new CountingList(List.of())).size());
    }
}
