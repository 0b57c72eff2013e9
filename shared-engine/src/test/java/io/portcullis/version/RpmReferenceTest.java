package io.portcullis.version;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Cross-checks {@link RpmVersionScheme} against rpm's own {@code rpm.vercmp} (Debian's rpm 4.18), one rpm process for all pairs. */
class RpmReferenceTest {

    @TestFactory
    Stream<DynamicTest> agreesWithRpm() {
        List<ReferencePairs.Pair> pairs = ReferencePairs.generate(List.of("redhat-versions.txt"), 600, 20261122L);
        return ReferenceResults.tests(new RpmVersionScheme(), pairs, ReferenceTools.rpm(pairs), true, 500);
    }

    @TestFactory
    Stream<DynamicTest> agreesWithRpmOnAlmaLinuxAdvisoryVersions() {
        List<ReferencePairs.Pair> pairs = ReferencePairs.generate(OsvVersions.of("AlmaLinux.zip", "AlmaLinux:9"), 400, 20261122L);
        return ReferenceResults.tests(new RpmVersionScheme(), pairs, ReferenceTools.rpm(pairs), true, 350);
    }
}
