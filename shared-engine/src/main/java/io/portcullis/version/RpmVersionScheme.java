package io.portcullis.version;

/**
 * RPM package versions, {@code [epoch:]version[-release]}, ordered as rpm 4.18's
 * {@code rpmverCmp}: epochs, versions and releases each compared by {@code rpmvercmp}
 * ({@code ~} sorts before everything, {@code ^} after the base version but before any further
 * segment). A missing epoch is 0; a missing release sorts before any release, even an empty one,
 * as rpm itself does.
 */
public final class RpmVersionScheme implements VersionScheme {

    private record Version(String epoch, String version, String release) {
    }

    @Override
    public String name() {
        return "rpm";
    }

    @Override
    public int compare(String a, String b) {
        Version x = parse(a);
        Version y = parse(b);
        int c = rpmvercmp(x.epoch, y.epoch);
        if (c == 0) {
            c = rpmvercmp(x.version, y.version);
        }
        if (c == 0 && (x.release != null || y.release != null)) {
            if (x.release == null || y.release == null) {
                return x.release == null ? -1 : 1;
            }
            c = rpmvercmp(x.release, y.release);
        }
        return c;
    }

    /** Splits like rpm's parseEVR: an epoch only if all digits before the first ':'; the release after the last '-'. */
    private Version parse(String evr) {
        if (evr.isEmpty()) {
            throw new InvalidVersionException(name(), evr, "version string is empty");
        }
        int digitsEnd = 0;
        while (digitsEnd < evr.length() && DigitStrings.isAsciiDigit(evr.charAt(digitsEnd))) {
            digitsEnd++;
        }
        String epoch = "0";
        String rest = evr;
        if (digitsEnd < evr.length() && evr.charAt(digitsEnd) == ':') {
            epoch = digitsEnd == 0 ? "0" : evr.substring(0, digitsEnd);
            rest = evr.substring(digitsEnd + 1);
        }
        int hyphen = rest.lastIndexOf('-');
        if (hyphen < 0) {
            return new Version(epoch, rest, null);
        }
        return new Version(epoch, rest.substring(0, hyphen), rest.substring(hyphen + 1));
    }

    private static boolean isAlnum(char c) {
        return DigitStrings.isAsciiDigit(c) || DigitStrings.isAsciiLetter(c);
    }

    static int rpmvercmp(String a, String b) {
        if (a.equals(b)) {
            return 0;
        }
        int i = 0;
        int j = 0;
        while (i < a.length() || j < b.length()) {
            while (i < a.length() && !isAlnum(a.charAt(i)) && a.charAt(i) != '~' && a.charAt(i) != '^') {
                i++;
            }
            while (j < b.length() && !isAlnum(b.charAt(j)) && b.charAt(j) != '~' && b.charAt(j) != '^') {
                j++;
            }
            boolean aEnd = i >= a.length();
            boolean bEnd = j >= b.length();
            char ac = aEnd ? 0 : a.charAt(i);
            char bc = bEnd ? 0 : b.charAt(j);
            if (ac == '~' || bc == '~') {
                if (ac != '~') {
                    return 1;
                }
                if (bc != '~') {
                    return -1;
                }
                i++;
                j++;
                continue;
            }
            if (ac == '^' || bc == '^') {
                if (aEnd) {
                    return -1;
                }
                if (bEnd) {
                    return 1;
                }
                if (ac != '^') {
                    return 1;
                }
                if (bc != '^') {
                    return -1;
                }
                i++;
                j++;
                continue;
            }
            if (aEnd || bEnd) {
                break;
            }
            boolean numeric = DigitStrings.isAsciiDigit(ac);
            int iStart = i;
            int jStart = j;
            while (i < a.length() && (numeric ? DigitStrings.isAsciiDigit(a.charAt(i)) : DigitStrings.isAsciiLetter(a.charAt(i)))) {
                i++;
            }
            while (j < b.length() && (numeric ? DigitStrings.isAsciiDigit(b.charAt(j)) : DigitStrings.isAsciiLetter(b.charAt(j)))) {
                j++;
            }
            if (jStart == j) {
                return numeric ? 1 : -1;
            }
            String x = a.substring(iStart, i);
            String y = b.substring(jStart, j);
            int c = numeric ? DigitStrings.compare(x, y) : Integer.signum(x.compareTo(y));
            if (c != 0) {
                return c;
            }
        }
        boolean aDone = i >= a.length();
        boolean bDone = j >= b.length();
        if (aDone && bDone) {
            return 0;
        }
        return aDone ? -1 : 1;
    }
}
