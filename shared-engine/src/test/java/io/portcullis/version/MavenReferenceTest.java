package io.portcullis.version;

import java.util.List;
import java.util.stream.Stream;
import org.apache.maven.artifact.versioning.ComparableVersion;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Cross-checks {@link MavenVersionScheme} against Maven's own {@code ComparableVersion} (maven-artifact on the test classpath). */
class MavenReferenceTest {

    @TestFactory
    Stream<DynamicTest> agreesWithComparableVersion() {
        List<ReferencePairs.Pair> pairs = ReferencePairs.generate(
                List.of("maven-versions.txt", "maven-versions-generated.txt"), 1000, 20261122L);
        List<String> answers = pairs.stream()
                .map(p -> String.valueOf(new ComparableVersion(p.left()).compareTo(new ComparableVersion(p.right()))))
                .toList();
        return ReferenceResults.tests(new MavenVersionScheme(), pairs, answers, false, 1000);
    }
}
