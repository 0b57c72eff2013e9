package io.portcullis.version;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * NuGet package versions ordered as {@code NuGet.Versioning}'s default comparer: up to four
 * numeric parts (missing ones are 0, leading zeros allowed), a pre-release before its release,
 * release labels compared one by one (numeric labels numerically and below the others, the
 * others ordinally ignoring case), build metadata ignored. Numbers are not limited to 32 bits.
 */
public final class NuGetVersionScheme implements VersionScheme {

    private static final String IDENTIFIERS = "[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*";
    private static final Pattern NUGET = Pattern.compile(
            "(\\d+(?:\\.\\d+){0,3})(?:-(" + IDENTIFIERS + "))?(?:\\+" + IDENTIFIERS + ")?");

    private record Version(List<String> numbers, List<String> labels) {
        String number(int i) {
            return i < numbers.size() ? numbers.get(i) : "0";
        }
    }

    @Override
    public String name() {
        return "nuget";
    }

    @Override
    public int compare(String a, String b) {
        Version x = parse(a);
        Version y = parse(b);
        for (int i = 0; i < 4; i++) {
            int c = DigitStrings.compare(x.number(i), y.number(i));
            if (c != 0) {
                return c;
            }
        }
        if (x.labels.isEmpty() || y.labels.isEmpty()) {
            return Boolean.compare(x.labels.isEmpty(), y.labels.isEmpty());
        }
        for (int i = 0; i < Math.min(x.labels.size(), y.labels.size()); i++) {
            int c = compareLabel(x.labels.get(i), y.labels.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.labels.size(), y.labels.size());
    }

    private Version parse(String input) {
        Matcher m = NUGET.matcher(input.strip());
        if (!m.matches()) {
            throw new InvalidVersionException(name(), input, "not N[.N[.N[.N]]][-LABELS][+METADATA]");
        }
        List<String> labels = m.group(2) == null ? List.of() : List.of(m.group(2).split("\\."));
        return new Version(List.of(m.group(1).split("\\.")), labels);
    }

    private static int compareLabel(String a, String b) {
        boolean aNumeric = DigitStrings.allDigits(a);
        boolean bNumeric = DigitStrings.allDigits(b);
        if (aNumeric && bNumeric) {
            return DigitStrings.compare(a, b);
        }
        if (aNumeric != bNumeric) {
            return aNumeric ? -1 : 1;
        }
        // .NET's OrdinalIgnoreCase: compare the upper-cased text ordinally
        return Integer.signum(a.toUpperCase(Locale.ROOT).compareTo(b.toUpperCase(Locale.ROOT)));
    }
}
