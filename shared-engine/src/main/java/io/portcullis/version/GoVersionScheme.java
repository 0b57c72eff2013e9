package io.portcullis.version;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Go module versions as {@code golang.org/x/mod/semver} orders them: SemVer with a {@code v}
 * prefix ({@code vMAJOR} and {@code vMAJOR.MINOR} are shorthands for {@code .0}); build
 * metadata such as {@code +incompatible} is ignored; pseudo-versions
 * ({@code v0.0.0-20191109021931-daa7c04131f5}) are pre-releases and order as such. The
 * {@code v} may be missing, because OSV records write Go versions without it. Unlike Go, which
 * ranks every invalid version below every valid one, invalid versions are rejected.
 */
public final class GoVersionScheme implements VersionScheme {

    private static final String NUMBER = "(0|[1-9]\\d*)";
    private static final String IDENTIFIER = "(?:0|[1-9]\\d*|\\d*[A-Za-z-][0-9A-Za-z-]*)";
    private static final Pattern GO_SEMVER = Pattern.compile(
            "v?" + NUMBER + "(?:\\." + NUMBER + "(?:\\." + NUMBER
                    + "(?:-(" + IDENTIFIER + "(?:\\." + IDENTIFIER + ")*))?"
                    + "(?:\\+[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?)?)?");

    @Override
    public String name() {
        return "go";
    }

    @Override
    public int compare(String a, String b) {
        return SemVerVersionScheme.compare(parse(a), parse(b));
    }

    private SemVerVersionScheme.Version parse(String input) {
        Matcher m = GO_SEMVER.matcher(input);
        if (!m.matches()) {
            throw new InvalidVersionException(name(), input, "not a Go semantic version vMAJOR[.MINOR[.PATCH[-PRERELEASE][+BUILD]]]");
        }
        List<String> pre = m.group(4) == null ? List.of() : List.of(m.group(4).split("\\."));
        return new SemVerVersionScheme.Version(m.group(1), orZero(m.group(2)), orZero(m.group(3)), pre);
    }

    private static String orZero(String digits) {
        return digits == null ? "0" : digits;
    }
}
