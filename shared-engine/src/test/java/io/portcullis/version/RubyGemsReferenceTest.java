package io.portcullis.version;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Cross-checks {@link RubyGemsVersionScheme} against RubyGems' {@code Gem::Version}, including which versions it rejects. */
class RubyGemsReferenceTest {

    /**
     * Letters right after the leading number ({@code 1beta}): RubyGems rejects them; OSV's data
     * (rubygems-versions.txt:3, 27), and we, read them like {@code 1.beta}. Such pairs are not asked.
     */
    private static final Pattern LETTERS_AFTER_LEADING_NUMBER = Pattern.compile("^\\s*[0-9]+[a-zA-Z]");

    @Test
    void agreesWithGemVersion() {
        List<ReferencePairs.Pair> pairs = ReferencePairs.generate(
                        List.of("rubygems-versions.txt", "rubygems-versions-generated.txt"), 800, 20261122L).stream()
                .filter(p -> !LETTERS_AFTER_LEADING_NUMBER.matcher(p.left()).find()
                        && !LETTERS_AFTER_LEADING_NUMBER.matcher(p.right()).find())
                .toList();
        ReferenceResults.assertAgree(new RubyGemsVersionScheme(), pairs, ReferenceTools.rubyGems(pairs), true, 400);
    }
}
