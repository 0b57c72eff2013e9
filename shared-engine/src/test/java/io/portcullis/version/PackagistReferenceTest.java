package io.portcullis.version;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Cross-checks {@link PackagistVersionScheme} against PHP's {@code version_compare}. */
class PackagistReferenceTest {

    /** PHP reads numbers with strtol, which saturates at 2^63-1 (19 digits); we compare them exactly. */
    private static final Pattern SATURATES_IN_PHP = Pattern.compile("\\d{19,}");

    @Test
    void agreesWithVersionCompare() {
        List<ReferencePairs.Pair> pairs = ReferencePairs.generate(
                        List.of("packagist-versions.txt", "packagist-versions-generated.txt"), 800, 20261122L).stream()
                .filter(p -> !SATURATES_IN_PHP.matcher(p.left() + " " + p.right()).find())
                // PHP ranks a version ending in '.' below itself; we keep compare(v, v) == 0
                .filter(p -> !p.left().equals(p.right()))
                // PHP drops '#' as a separator; OSV's data (packagist-versions.txt:94, 96), and we, keep it as a part
                .filter(p -> !(p.left() + p.right()).contains("#"))
                .toList();
        ReferenceResults.assertAgree(new PackagistVersionScheme(), pairs, ReferenceTools.php(pairs), true, 650);
    }
}
