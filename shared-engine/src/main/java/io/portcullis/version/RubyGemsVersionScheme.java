package io.portcullis.version;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * RubyGems versions ordered as {@code Gem::Version}: the version is split into runs of digits
 * and runs of letters ('-' reads as {@code .pre.}); any letter makes it a pre-release, which
 * sorts before the release; trailing zeros of the numeric part and of the part from the first
 * letter on are ignored; a letter run sorts before a number, letter runs compare by their bytes.
 * Strings {@code Gem::Version.correct?} rejects are rejected, with one exception: letters right
 * after the leading number ({@code 1beta}, which RubyGems rejects) are read like {@code 1.beta},
 * as OSV's RubyGems order does. A blank version is 0, as in RubyGems.
 */
public final class RubyGemsVersionScheme implements VersionScheme {

    private static final String BLANK = "[ \\t\\r\\n\\f\\u000B]*";
    private static final Pattern VALID = Pattern.compile(
            BLANK + "([0-9]+[0-9a-zA-Z]*(?:\\.[0-9a-zA-Z]+)*(?:-[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?)?" + BLANK);
    private static final Pattern SEGMENT = Pattern.compile("[0-9]+|[a-zA-Z]+");

    @Override
    public String name() {
        return "rubygems";
    }

    @Override
    public int compare(String a, String b) {
        List<String> x = canonicalSegments(a);
        List<String> y = canonicalSegments(b);
        for (int i = 0; i < Math.max(x.size(), y.size()); i++) {
            String l = i < x.size() ? x.get(i) : "0";
            String r = i < y.size() ? y.get(i) : "0";
            boolean lNumeric = DigitStrings.isAsciiDigit(l.charAt(0));
            boolean rNumeric = DigitStrings.isAsciiDigit(r.charAt(0));
            int c;
            if (lNumeric && rNumeric) {
                c = DigitStrings.compare(l, r);
            } else if (lNumeric != rNumeric) {
                c = lNumeric ? 1 : -1;
            } else {
                c = Integer.signum(l.compareTo(r));
            }
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    /** The segments with trailing zeros dropped from the numeric part and from the part that starts at the first letters. */
    private List<String> canonicalSegments(String input) {
        Matcher valid = VALID.matcher(input);
        if (!valid.matches()) {
            throw new InvalidVersionException(name(), input, "malformed version number string");
        }
        String version = valid.group(1) == null ? "0" : valid.group(1).replace("-", ".pre.");
        List<String> segments = new ArrayList<>();
        Matcher m = SEGMENT.matcher(version);
        while (m.find()) {
            segments.add(m.group());
        }
        int firstLetters = 0;
        while (firstLetters < segments.size() && DigitStrings.isAsciiDigit(segments.get(firstLetters).charAt(0))) {
            firstLetters++;
        }
        List<String> canonical = new ArrayList<>(withoutTrailingZeros(segments.subList(0, firstLetters)));
        canonical.addAll(withoutTrailingZeros(segments.subList(firstLetters, segments.size())));
        return canonical;
    }

    private static List<String> withoutTrailingZeros(List<String> segments) {
        int end = segments.size();
        while (end > 0 && DigitStrings.isAsciiDigit(segments.get(end - 1).charAt(0)) && DigitStrings.isZero(segments.get(end - 1))) {
            end--;
        }
        return segments.subList(0, end);
    }
}
