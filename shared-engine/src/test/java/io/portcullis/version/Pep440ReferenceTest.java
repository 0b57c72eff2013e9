package io.portcullis.version;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Cross-checks {@link Pep440VersionScheme} against Python's {@code packaging}, run by
 * /usr/bin/python3: the current one (Debian's python3-packaging) on the pairs it accepts, and
 * packaging 21.3 (vendored by Debian's python3-pip) on every pair, as it still ordered
 * non-PEP 440 strings by its LegacyVersion.
 */
class Pep440ReferenceTest {

    private static List<ReferencePairs.Pair> pairs() {
        return ReferencePairs.generate(List.of("pypi-versions.txt", "pypi-versions-generated.txt"), 800, 20261122L);
    }

    @Test
    void agreesWithCurrentPackaging() {
        List<ReferencePairs.Pair> pairs = pairs();
        ReferenceResults.assertAgree(new Pep440VersionScheme(), pairs, ReferenceTools.packaging("current", pairs), false, 400);
    }

    @Test
    void agreesWithPackaging21LegacyVersions() {
        List<ReferencePairs.Pair> pairs = pairs();
        ReferenceResults.assertAgree(new Pep440VersionScheme(), pairs, ReferenceTools.packaging("21.3", pairs), false, 800);
    }

    @Test
    void agreesWithPackagingOnPyPiAdvisoryVersions() {
        List<ReferencePairs.Pair> pairs = ReferencePairs.generate(OsvVersions.of("PyPI.zip", "PyPI"), 600, 20261122L);
        ReferenceResults.assertAgree(new Pep440VersionScheme(), pairs, ReferenceTools.packaging("21.3", pairs), false, 600);
    }
}
