package io.portcullis.version;

/**
 * Debian and Ubuntu package versions, {@code [epoch:]upstream[-revision]}, ordered as
 * {@code dpkg --compare-versions} does (dpkg's {@code verrevcmp}). Inputs dpkg reports as
 * errors are rejected; inputs it only warns about (say, an upstream part not starting with a
 * digit) are compared as dpkg compares them.
 */
public final class DpkgVersionScheme implements VersionScheme {

    private record Version(long epoch, String upstream, String revision) {
    }

    @Override
    public String name() {
        return "dpkg";
    }

    @Override
    public int compare(String a, String b) {
        Version x = parse(a);
        Version y = parse(b);
        int c = Long.compare(x.epoch, y.epoch);
        if (c != 0) {
            return c;
        }
        c = verrevcmp(x.upstream, y.upstream);
        return c != 0 ? c : verrevcmp(x.revision, y.revision);
    }

    private Version parse(String input) {
        String s = input.strip();
        if (s.isEmpty()) {
            throw new InvalidVersionException(name(), input, "version string is empty");
        }
        if (s.chars().anyMatch(Character::isWhitespace)) {
            throw new InvalidVersionException(name(), input, "version string has embedded spaces");
        }
        long epoch = 0;
        int colon = s.indexOf(':');
        if (colon >= 0) {
            String epochText = s.substring(0, colon);
            if (epochText.isEmpty()) {
                throw new InvalidVersionException(name(), input, "epoch in version is empty");
            }
            if (!DigitStrings.allDigits(epochText)) {
                throw new InvalidVersionException(name(), input, "epoch in version is not number");
            }
            if (DigitStrings.compare(epochText, String.valueOf(Integer.MAX_VALUE)) > 0) {
                throw new InvalidVersionException(name(), input, "epoch in version is too big");
            }
            epoch = Long.parseLong(epochText);
            s = s.substring(colon + 1);
            if (s.isEmpty()) {
                throw new InvalidVersionException(name(), input, "nothing after colon in version number");
            }
        }
        String revision = "";
        int hyphen = s.lastIndexOf('-');
        if (hyphen >= 0) {
            revision = s.substring(hyphen + 1);
            s = s.substring(0, hyphen);
            if (revision.isEmpty()) {
                throw new InvalidVersionException(name(), input, "revision number is empty");
            }
        }
        if (s.isEmpty()) {
            throw new InvalidVersionException(name(), input, "version number is empty");
        }
        return new Version(epoch, s, revision);
    }

    /** dpkg's weight of one character: end and digits 0, '~' below everything, letters below other symbols. */
    private static int order(String s, int i) {
        if (i >= s.length()) {
            return 0;
        }
        char c = s.charAt(i);
        if (DigitStrings.isAsciiDigit(c)) {
            return 0;
        }
        if (DigitStrings.isAsciiLetter(c)) {
            return c;
        }
        if (c == '~') {
            return -1;
        }
        return c + 256;
    }

    private static int verrevcmp(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() || j < b.length()) {
            while ((i < a.length() && !DigitStrings.isAsciiDigit(a.charAt(i)))
                    || (j < b.length() && !DigitStrings.isAsciiDigit(b.charAt(j)))) {
                int ac = order(a, i);
                int bc = order(b, j);
                if (ac != bc) {
                    return Integer.signum(ac - bc);
                }
                i++;
                j++;
            }
            int iStart = i;
            int jStart = j;
            while (i < a.length() && DigitStrings.isAsciiDigit(a.charAt(i))) {
                i++;
            }
            while (j < b.length() && DigitStrings.isAsciiDigit(b.charAt(j))) {
                j++;
            }
            int c = DigitStrings.compare(a.substring(iStart, i), b.substring(jStart, j));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }
}
