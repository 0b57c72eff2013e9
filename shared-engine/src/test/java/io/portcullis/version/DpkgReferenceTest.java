package io.portcullis.version;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Cross-checks {@link DpkgVersionScheme} against {@code dpkg --compare-versions}, including which versions dpkg rejects. */
class DpkgReferenceTest {

    @TestFactory
    Stream<DynamicTest> agreesWithDpkg() {
        List<ReferencePairs.Pair> pairs = ReferencePairs.generate(
                List.of("debian-versions.txt", "debian-versions-generated.txt"), 600, 20261122L);
        return ReferenceResults.tests(new DpkgVersionScheme(), pairs, ReferenceTools.dpkg(pairs), true, 400);
    }
}
