package io.portcullis.version;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SemVer 2.0 precedence, as npm's {@code semver} and crates.io's {@code semver} order versions:
 * major, minor and patch numerically, a pre-release before its release, pre-release identifiers
 * compared one by one (numeric ones numerically and below alphanumeric ones, which compare in
 * ASCII order), build metadata ignored. Syntax is npm's strict syntax: a leading {@code v} and
 * surrounding blanks are accepted, leading zeros in numbers are not. Numbers are unbounded
 * (npm stops at 2^53, crates.io at 2^64).
 *
 * <p>Unlike npm, a version may have fewer or more than three numbers, as in OSV's semver order
 * (osv-scalibr): missing minor and patch are 0 ({@code 1 = 1.0.0}), and numbers past the third
 * join the pre-release ({@code 1.2.3.4} orders like a pre-release {@code 1.2.3-.4}, below
 * {@code 1.2.3}; {@code 1.2.3.4-beta} like {@code 1.2.3-beta.4}).
 */
public final class SemVerVersionScheme implements VersionScheme {

    private static final String NUMBER = "(0|[1-9]\\d*)";
    private static final String IDENTIFIER = "(?:0|[1-9]\\d*|\\d*[A-Za-z-][0-9A-Za-z-]*)";
    private static final Pattern SEMVER = Pattern.compile(
            "v?(" + NUMBER + "(?:\\." + NUMBER + ")*)"
                    + "(?:-(" + IDENTIFIER + "(?:\\." + IDENTIFIER + ")*))?"
                    + "(?:\\+[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?");

    /** A parsed version: the three numbers as digit strings, and the pre-release identifiers (empty for a release). */
    record Version(String major, String minor, String patch, List<String> preRelease) {
    }

    @Override
    public String name() {
        return "semver";
    }

    @Override
    public int compare(String a, String b) {
        return compare(parse(a), parse(b));
    }

    private Version parse(String input) {
        Matcher m = SEMVER.matcher(input.strip());
        if (!m.matches()) {
            throw new InvalidVersionException(name(), input, "not MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD]");
        }
        List<String> numbers = List.of(m.group(1).split("\\."));
        List<String> pre = new ArrayList<>();
        if (m.group(4) != null) {
            pre.addAll(List.of(m.group(4).split("\\.")));
        } else if (numbers.size() > 3) {
            // OSV's semver order reads numbers past the third as a pre-release after an empty identifier
            pre.add("");
        }
        pre.addAll(numbers.subList(Math.min(3, numbers.size()), numbers.size()));
        return new Version(numbers.get(0), part(numbers, 1), part(numbers, 2), List.copyOf(pre));
    }

    private static String part(List<String> numbers, int index) {
        return index < numbers.size() ? numbers.get(index) : "0";
    }

    static int compare(Version x, Version y) {
        int c = DigitStrings.compare(x.major, y.major);
        if (c == 0) {
            c = DigitStrings.compare(x.minor, y.minor);
        }
        if (c == 0) {
            c = DigitStrings.compare(x.patch, y.patch);
        }
        return c != 0 ? c : comparePreRelease(x.preRelease, y.preRelease);
    }

    private static int comparePreRelease(List<String> x, List<String> y) {
        if (x.isEmpty() || y.isEmpty()) {
            return Boolean.compare(x.isEmpty(), y.isEmpty());
        }
        for (int i = 0; i < Math.min(x.size(), y.size()); i++) {
            int c = compareIdentifier(x.get(i), y.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.size(), y.size());
    }

    private static int compareIdentifier(String a, String b) {
        boolean aNumeric = DigitStrings.allDigits(a);
        boolean bNumeric = DigitStrings.allDigits(b);
        if (aNumeric && bNumeric) {
            return DigitStrings.compare(a, b);
        }
        if (aNumeric != bNumeric) {
            return aNumeric ? -1 : 1;
        }
        return Integer.signum(a.compareTo(b));
    }
}
