package io.portcullis.version;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SemVer 2.0 precedence, as npm's {@code semver} and crates.io's {@code semver} order versions:
 * major, minor and patch numerically, a pre-release before its release, pre-release identifiers
 * compared one by one (numeric ones numerically and below alphanumeric ones, which compare in
 * ASCII order), build metadata ignored. A leading {@code v} is accepted as npm does.
 *
 * <p>Deliberately lenient where advisory data is: a missing minor or patch counts as 0, numeric
 * components after the third are treated as build metadata, and leading zeros are read as
 * numbers (npm rejects the last two). Anything else that is not SemVer is rejected.
 */
public final class SemVerVersionScheme implements VersionScheme {

    private static final Pattern SEMVER = Pattern.compile(
            "v?(\\d+)(?:\\.(\\d+)(?:\\.(\\d+)((?:\\.\\d+)*))?)?"
                    + "(?:-([0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*))?"
                    + "(?:\\+([0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*))?");

    private final String name;

    public SemVerVersionScheme() {
        this("semver");
    }

    SemVerVersionScheme(String name) {
        this.name = name;
    }

    /** A parsed version: the three numbers as digit strings, and the pre-release identifiers (empty for a release). */
    record Version(String major, String minor, String patch, List<String> preRelease) {
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int compare(String a, String b) {
        return compare(parse(a), parse(b));
    }

    Version parse(String input) {
        Matcher m = SEMVER.matcher(input.strip());
        if (!m.matches()) {
            throw new InvalidVersionException(name, input, "not MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD]");
        }
        List<String> pre = m.group(5) == null ? List.of() : List.of(m.group(5).split("\\."));
        return new Version(m.group(1), orZero(m.group(2)), orZero(m.group(3)), pre);
    }

    private static String orZero(String digits) {
        return digits == null ? "0" : digits;
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
