package io.portcullis.version;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cross-checks {@link SemVerVersionScheme} against npm's {@code semver} package, installed with
 * {@code npm ci} from the lockfile in {@code src/test/node}. Versions semver rejects are not
 * compared: we accept some of them on purpose (see the scheme's documentation).
 */
class SemVerReferenceTest {

    private static final Path NODE_PROJECT = Path.of("shared-engine/src/test/node");

    @TestFactory
    Stream<DynamicTest> agreesWithNpmSemver(@TempDir Path temp) throws IOException {
        for (String file : List.of("package.json", "package-lock.json", "semver-compare.js")) {
            Files.copy(NODE_PROJECT.resolve(file), temp.resolve(file));
        }
        ReferenceResults.run(List.of("npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund"), "", temp);
        List<ReferencePairs.Pair> pairs = ReferencePairs.generate(
                List.of("semver-versions.txt", "nuget-versions.txt"), 2000, 20261122L);
        List<String> answers = ReferenceResults.run(List.of("node", "semver-compare.js"),
                ReferenceResults.tabSeparated(pairs), temp);
        return ReferenceResults.tests(new SemVerVersionScheme(), pairs, answers, false, 500);
    }
}
