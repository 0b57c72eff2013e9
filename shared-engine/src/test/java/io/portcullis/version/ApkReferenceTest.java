package io.portcullis.version;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Cross-checks {@link ApkVersionScheme} against the real {@code apk version -t} of apk-tools 2.10.4
 * on well-formed versions. Malformed versions are ordered as apk-tools 3 orders them (which
 * OSV's data records, alpine-versions.txt:4, 5, 15, 24, 27, 28, 40, 47), so pairs with one are
 * not asked of apk-tools 2.
 */
class ApkReferenceTest {

    /** apk-tools 2 computes numbers in a 32-bit int, so runs of 10 or more digits overflow there; we compare them exactly. */
    private static final Pattern OVERFLOWS_APK_TOOLS_2 = Pattern.compile("\\d{10,}");

    /**
     * Well-formed: {@code number{.number}...{letter{number}}...{_suffix{number}}...{-rN}} with a suffix
     * apk-tools knows (alpha beta pre rc cvs svn git hg p); such a version has no token that
     * apk-tools 3 rejects, so apk-tools 2 and 3 order it alike.
     */
    private static final Pattern WELL_FORMED = Pattern.compile(
            "\\d+(?:\\.\\d+)*(?:[a-z]\\d+)*[a-z]?(?:_(?:alpha|beta|pre|rc|cvs|svn|git|hg|p)\\d*)*(?:-r\\d+)?");

    @Test
    void agreesWithApkTools() {
        List<ReferencePairs.Pair> pairs = ReferencePairs.generate(
                        List.of("alpine-versions.txt", "alpine-versions-generated.txt"), 1000, 20261122L).stream()
                .filter(p -> !OVERFLOWS_APK_TOOLS_2.matcher(p.left() + " " + p.right()).find())
                .filter(p -> WELL_FORMED.matcher(p.left()).matches() && WELL_FORMED.matcher(p.right()).matches())
                .toList();
        ReferenceResults.assertAgree(new ApkVersionScheme(), pairs, ReferenceTools.apk(pairs), true, 420);
    }
}
