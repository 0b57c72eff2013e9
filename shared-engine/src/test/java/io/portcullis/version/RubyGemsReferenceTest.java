package io.portcullis.version;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Cross-checks {@link RubyGemsVersionScheme} against RubyGems' {@code Gem::Version}, including which versions it rejects. */
class RubyGemsReferenceTest {

    @TestFactory
    Stream<DynamicTest> agreesWithGemVersion() {
        List<ReferencePairs.Pair> pairs = ReferencePairs.generate(
                List.of("rubygems-versions.txt", "rubygems-versions-generated.txt"), 800, 20261122L);
        return ReferenceResults.tests(new RubyGemsVersionScheme(), pairs, ReferenceTools.rubyGems(pairs), true, 400);
    }
}
