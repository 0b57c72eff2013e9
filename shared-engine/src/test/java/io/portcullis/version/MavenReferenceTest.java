package io.portcullis.version;

import java.lang.reflect.Field;
import java.util.List;
import org.apache.maven.artifact.versioning.ComparableVersion;
import org.junit.jupiter.api.Test;

/**
 * Cross-checks {@link MavenVersionScheme} against Maven's own {@code ComparableVersion}
 * (maven-artifact 3.8.1 on the test classpath: the release before MNG-7644, which agrees with
 * OSV's generated Maven data).
 */
class MavenReferenceTest {

    @Test
    void agreesWithComparableVersion() {
        List<ReferencePairs.Pair> pairs = ReferencePairs.generate(
                        List.of("maven-versions.txt", "maven-versions-generated.txt"), 1000, 20261122L).stream()
                // maven-versions.txt:100 (1-ga-1 = 1-1): where padding leaves a sub-list holding only another
                // sub-list, ComparableVersion keeps the extra level; OSV's data, and we, do not
                .filter(p -> !hasSubListOfSubListOnly(p.left()) && !hasSubListOfSubListOnly(p.right()))
                .toList();
        ReferenceResults.assertAgree(new MavenVersionScheme(), pairs, ReferenceTools.maven(pairs), false, 900);
    }

    /** Whether ComparableVersion's parsed item tree has a sub-list whose only item is a sub-list. */
    private static boolean hasSubListOfSubListOnly(String version) {
        try {
            Field items = ComparableVersion.class.getDeclaredField("items");
            items.setAccessible(true);
            return hasSoleSubList((List<?>) items.get(new ComparableVersion(version)), true);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("ComparableVersion's item tree cannot be read in this maven-artifact", e);
        }
    }

    private static boolean hasSoleSubList(List<?> list, boolean root) {
        if (!root && list.size() == 1 && list.get(0) instanceof List) {
            return true;
        }
        return list.stream().anyMatch(item -> item instanceof List<?> sub && hasSoleSubList(sub, false));
    }
}
