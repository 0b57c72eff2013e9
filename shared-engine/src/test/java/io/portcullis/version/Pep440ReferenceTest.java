package io.portcullis.version;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cross-checks {@link Pep440VersionScheme} against Python's {@code packaging.version} (Debian's
 * python3-packaging, run by /usr/bin/python3). Versions packaging rejects are not compared: we
 * order them as its former LegacyVersion did.
 */
class Pep440ReferenceTest {

    @TestFactory
    Stream<DynamicTest> agreesWithPackaging(@TempDir Path temp) {
        List<ReferencePairs.Pair> pairs = ReferencePairs.generate(
                List.of("pypi-versions.txt", "pypi-versions-generated.txt"), 800, 20261122L);
        Path script = ReferenceResults.script("pep440-compare.py", temp);
        List<String> answers = ReferenceResults.run(List.of("/usr/bin/python3", script.toString()),
                ReferenceResults.tabSeparated(pairs), null);
        return ReferenceResults.tests(new Pep440VersionScheme(), pairs, answers, false, 400);
    }
}
