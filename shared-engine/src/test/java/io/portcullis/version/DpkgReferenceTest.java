package io.portcullis.version;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Cross-checks {@link DpkgVersionScheme} against {@code dpkg --compare-versions}, including which versions dpkg rejects. */
class DpkgReferenceTest {

    @Test
    void agreesWithDpkg() {
        List<ReferencePairs.Pair> pairs = ReferencePairs.generate(
                List.of("debian-versions.txt", "debian-versions-generated.txt"), 600, 20261122L);
        ReferenceResults.assertAgree(new DpkgVersionScheme(), pairs, ReferenceTools.dpkg(pairs), true, 400);
    }
}
