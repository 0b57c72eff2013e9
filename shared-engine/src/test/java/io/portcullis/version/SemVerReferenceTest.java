package io.portcullis.version;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Cross-checks {@link SemVerVersionScheme} against npm's {@code semver} package (installed with
 * {@code npm ci} from the lockfile in src/test/node), including which versions it rejects.
 */
class SemVerReferenceTest {

    /** npm's semver rejects numbers above 2^53 (16 digits); we compare numbers of any size, so such pairs are not asked. */
    private static final Pattern ABOVE_NPM_LIMIT = Pattern.compile("\\d{16,}");

    /**
     * One, two, or more than three numbers before the pre-release and build: npm rejects them; OSV's
     * data (semver-versions.txt:87, 92), and we, order them. Such pairs are not asked.
     */
    private static final Pattern NOT_THREE_NUMBERS = Pattern.compile(
            "^\\s*v?(?:\\d+(?:\\.\\d+)?|\\d+(?:\\.\\d+){3,})(?:[-+].*)?\\s*$");

    private static List<ReferencePairs.Pair> askable(List<ReferencePairs.Pair> pairs) {
        return pairs.stream()
                .filter(p -> !ABOVE_NPM_LIMIT.matcher(p.left() + " " + p.right()).find())
                .filter(p -> !NOT_THREE_NUMBERS.matcher(p.left()).matches() && !NOT_THREE_NUMBERS.matcher(p.right()).matches())
                .toList();
    }

    @Test
    void agreesWithNpmSemver() {
        List<ReferencePairs.Pair> pairs = askable(ReferencePairs.generate(
                List.of("semver-versions.txt", "nuget-versions.txt"), 1500, 20261122L));
        ReferenceResults.assertAgree(new SemVerVersionScheme(), pairs, ReferenceTools.npmSemver(pairs), true, 400);
    }

    @Test
    void agreesWithNpmSemverOnCratesIoAdvisoryVersions() {
        List<ReferencePairs.Pair> pairs = askable(
                ReferencePairs.generate(OsvVersions.of("crates.io.zip", "crates.io"), 1000, 20261122L));
        ReferenceResults.assertAgree(new SemVerVersionScheme(), pairs, ReferenceTools.npmSemver(pairs), true, 300);
    }
}
