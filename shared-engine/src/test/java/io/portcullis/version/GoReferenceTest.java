package io.portcullis.version;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Cross-checks {@link GoVersionScheme} against Go's own {@code golang.org/x/mod/semver} on
 * versions from the Go advisories (pseudo-versions, +incompatible, pre-releases) and variants of
 * them, including which versions Go rejects.
 */
class GoReferenceTest {

    @TestFactory
    Stream<DynamicTest> agreesWithGoSemver() {
        List<ReferencePairs.Pair> pairs = ReferencePairs.generate(OsvVersions.of("Go.zip", "Go"), 1000, 20261122L);
        return ReferenceResults.tests(new GoVersionScheme(), pairs, ReferenceTools.goSemver(pairs), true, 450);
    }
}
