package io.portcullis.version;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Cross-checks {@link RpmVersionScheme} against rpm's own {@code rpm.vercmp} (Debian's rpm 4.18), one rpm process for all pairs. */
class RpmReferenceTest {

    @Test
    void agreesWithRpm() {
        List<ReferencePairs.Pair> pairs = ReferencePairs.generate(List.of("redhat-versions.txt"), 600, 20261122L);
        ReferenceResults.assertAgree(new RpmVersionScheme(), pairs, ReferenceTools.rpm(pairs), true, 500);
    }

    @Test
    void agreesWithRpmOnAlmaLinuxAdvisoryVersions() {
        List<ReferencePairs.Pair> pairs = ReferencePairs.generate(OsvVersions.of("AlmaLinux.zip", "AlmaLinux:9"), 400, 20261122L);
        ReferenceResults.assertAgree(new RpmVersionScheme(), pairs, ReferenceTools.rpm(pairs), true, 350);
    }
}
