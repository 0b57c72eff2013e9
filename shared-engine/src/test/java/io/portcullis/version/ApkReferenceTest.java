package io.portcullis.version;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Cross-checks {@link ApkVersionScheme} against the real {@code apk version -t} of apk-tools 2.10.4. */
class ApkReferenceTest {

    /** apk-tools 2 computes numbers in a 32-bit int, so runs of 10 or more digits overflow there; we compare them exactly. */
    private static final Pattern OVERFLOWS_APK_TOOLS_2 = Pattern.compile("\\d{10,}");

    @TestFactory
    Stream<DynamicTest> agreesWithApkTools() {
        List<ReferencePairs.Pair> pairs = ReferencePairs.generate(
                        List.of("alpine-versions.txt", "alpine-versions-generated.txt"), 500, 20261122L).stream()
                .filter(p -> !OVERFLOWS_APK_TOOLS_2.matcher(p.left() + " " + p.right()).find())
                .toList();
        return ReferenceResults.tests(new ApkVersionScheme(), pairs, ReferenceTools.apk(pairs), true, 450);
    }
}
