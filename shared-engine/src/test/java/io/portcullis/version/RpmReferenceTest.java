package io.portcullis.version;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/** Cross-checks {@link RpmVersionScheme} against rpm's own {@code rpm.vercmp} (Debian's rpm 4.18), one rpm process for all pairs. */
class RpmReferenceTest {

    @TestFactory
    Stream<DynamicTest> agreesWithRpm(@TempDir Path temp) throws IOException {
        List<ReferencePairs.Pair> pairs = ReferencePairs.generate(List.of("redhat-versions.txt"), 600, 20261122L);
        Path input = temp.resolve("pairs.tsv");
        Files.writeString(input, ReferenceResults.tabSeparated(pairs), StandardCharsets.UTF_8);
        // rpm.vercmp parses each side as [epoch:]version[-release] and compares like rpmverCmp
        String lua = "%{lua: for line in io.lines('" + input + "') do "
                + "local a, b = line:match('^(.-)\\t(.*)$'); "
                + "local ok, r = pcall(rpm.vercmp, a, b); "
                + "if ok then io.write(tostring(r), '\\n') else io.write('invalid\\n') end end}";
        List<String> answers = ReferenceResults.run(List.of("rpm", "--eval", lua), "", null);
        return ReferenceResults.tests(new RpmVersionScheme(), pairs, answers, true, 500);
    }
}
