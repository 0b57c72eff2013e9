package io.portcullis.version;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Cross-checks {@link MavenVersionScheme} against Maven's own {@code ComparableVersion} (maven-artifact 3.9.9 on the test classpath). */
class MavenReferenceTest {

    @TestFactory
    Stream<DynamicTest> agreesWithComparableVersion() {
        List<ReferencePairs.Pair> pairs = ReferencePairs.generate(
                List.of("maven-versions.txt", "maven-versions-generated.txt"), 1000, 20261122L);
        return ReferenceResults.tests(new MavenVersionScheme(), pairs, ReferenceTools.maven(pairs), false, 1000);
    }
}
