package io.portcullis.version;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Cross-checks {@link GoVersionScheme} against Go's own {@code golang.org/x/mod/semver} on
 * versions from the Go advisories (pseudo-versions, +incompatible, pre-releases) and variants of
 * them, including which versions Go rejects.
 */
class GoReferenceTest {

    @Test
    void agreesWithGoSemver() {
        List<ReferencePairs.Pair> pairs = ReferencePairs.generate(OsvVersions.of("Go.zip", "Go"), 1000, 20261122L);
        ReferenceResults.assertAgree(new GoVersionScheme(), pairs, ReferenceTools.goSemver(pairs), true, 450);
    }
}
