package io.portcullis.version;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/** Cross-checks {@link DpkgVersionScheme} against {@code dpkg --compare-versions}, including which versions dpkg rejects. */
class DpkgReferenceTest {

    @TestFactory
    Stream<DynamicTest> agreesWithDpkg(@TempDir Path temp) {
        List<ReferencePairs.Pair> pairs = ReferencePairs.generate(
                List.of("debian-versions.txt", "debian-versions-generated.txt"), 600, 20261122L);
        Path script = ReferenceResults.script("dpkg-compare.sh", temp);
        List<String> answers = ReferenceResults.run(List.of("bash", script.toString()), ReferenceResults.tabSeparated(pairs), null);
        return ReferenceResults.tests(new DpkgVersionScheme(), pairs, answers, true, 400);
    }
}
