package io.portcullis.version;

/**
 * Packagist (Composer) versions ordered as PHP's {@code version_compare}, after dropping one
 * leading {@code v} or {@code V} as Composer does. This is the order OSV uses for the Packagist
 * ecosystem. The version is canonicalised ({@code - _ +} and other symbols become '.', and a '.'
 * goes between digits and letters), then compared part by part: numbers numerically, words by
 * their special form {@code dev} &lt; {@code alpha}/{@code a} &lt; {@code beta}/{@code b} &lt;
 * {@code RC}/{@code rc} &lt; a number &lt; {@code pl}/{@code p} (any other word sorts first).
 *
 * <p>Unlike Composer's {@code VersionParser}, versions are not padded to four parts, so
 * {@code 1.0 < 1.0.0} as in {@code version_compare}. A '#' is read as OSV's data reads it (see
 * {@link #canonicalize}), not dropped as PHP does. Nothing is rejected, as
 * {@code version_compare} rejects nothing. Numbers are unbounded (PHP saturates at 2^63-1), and
 * a version equals itself (PHP ranks one ending in '.' below itself).
 */
public final class PackagistVersionScheme implements VersionScheme {

    /** What version_compare puts in place of a number when comparing it with a word. */
    private static final String NUMBER_FORM = "#N#";

    private static final String[] SPECIAL_FORMS = {"dev", "alpha", "a", "beta", "b", "RC", "rc", "#", "pl", "p"};
    private static final int[] SPECIAL_ORDER = {0, 1, 1, 2, 2, 3, 3, 4, 5, 5};

    @Override
    public String name() {
        return "packagist";
    }

    @Override
    public int compare(String a, String b) {
        String x = withoutV(a);
        String y = withoutV(b);
        // version_compare ranks a version ending in '.' below itself; a comparator must not
        return x.equals(y) ? 0 : versionCompare(x, y);
    }

    private static String withoutV(String version) {
        return version.startsWith("v") || version.startsWith("V") ? version.substring(1) : version;
    }

    private static int versionCompare(String a, String b) {
        if (a.isEmpty() || b.isEmpty()) {
            return a.isEmpty() && b.isEmpty() ? 0 : a.isEmpty() ? -1 : 1;
        }
        String x = a.startsWith("#") ? a : canonicalize(a);
        String y = b.startsWith("#") ? b : canonicalize(b);
        int i = 0;
        int j = 0;
        boolean xHasMore = true;
        boolean yHasMore = true;
        // like PHP, stop at the end of either string even when it ends in '.'
        while (i < x.length() && j < y.length() && xHasMore && yHasMore) {
            int xEnd = x.indexOf('.', i);
            int yEnd = y.indexOf('.', j);
            xHasMore = xEnd >= 0;
            yHasMore = yEnd >= 0;
            int c = comparePart(x.substring(i, xHasMore ? xEnd : x.length()), y.substring(j, yHasMore ? yEnd : y.length()));
            if (c != 0) {
                return c;
            }
            if (xHasMore) {
                i = xEnd + 1;
            }
            if (yHasMore) {
                j = yEnd + 1;
            }
        }
        // one side has parts left: a number there makes it newer, a word is weighed against a number
        if (xHasMore) {
            String rest = x.substring(i);
            return startsWithDigit(rest) ? 1 : versionCompare(rest, NUMBER_FORM);
        }
        if (yHasMore) {
            String rest = y.substring(j);
            return startsWithDigit(rest) ? -1 : versionCompare(NUMBER_FORM, rest);
        }
        return 0;
    }

    private static int comparePart(String p, String q) {
        boolean pNumber = startsWithDigit(p);
        boolean qNumber = startsWithDigit(q);
        if (pNumber && qNumber) {
            return DigitStrings.compare(leadingDigits(p), leadingDigits(q));
        }
        return Integer.compare(specialOrder(pNumber ? NUMBER_FORM : p), specialOrder(qNumber ? NUMBER_FORM : q));
    }

    private static int specialOrder(String form) {
        for (int k = 0; k < SPECIAL_FORMS.length; k++) {
            if (form.startsWith(SPECIAL_FORMS[k])) {
                return SPECIAL_ORDER[k];
            }
        }
        return -1;
    }

    /**
     * PHP's canonical form: symbols become one '.', and a '.' separates digits from other characters.
     * Except '#', which PHP drops as a symbol but OSV's Packagist order keeps as a part of its own,
     * weighed like a number ({@code 1.2.3.# = 1.2.3.1}, and {@code = 1.2.3}).
     */
    private static String canonicalize(String version) {
        StringBuilder out = new StringBuilder(version.length() * 2);
        char previous = version.charAt(0);
        out.append(previous);
        for (int k = 1; k < version.length(); k++) {
            char c = version.charAt(k);
            boolean lastIsDot = out.charAt(out.length() - 1) == '.';
            if (c == '-' || c == '_' || c == '+') {
                if (!lastIsDot) {
                    out.append('.');
                }
            } else if ((isNonDigit(previous) && isDigit(c)) || (isDigit(previous) && isNonDigit(c))) {
                if (!lastIsDot) {
                    out.append('.');
                }
                out.append(c);
            } else if (!isAlnum(c) && c != '#') {
                if (!lastIsDot) {
                    out.append('.');
                }
            } else {
                out.append(c);
            }
            previous = c;
        }
        return out.toString();
    }

    private static boolean isDigit(char c) {
        return DigitStrings.isAsciiDigit(c);
    }

    private static boolean isNonDigit(char c) {
        return !DigitStrings.isAsciiDigit(c) && c != '.';
    }

    private static boolean isAlnum(char c) {
        return DigitStrings.isAsciiDigit(c) || DigitStrings.isAsciiLetter(c);
    }

    private static boolean startsWithDigit(String s) {
        return !s.isEmpty() && isDigit(s.charAt(0));
    }

    private static String leadingDigits(String s) {
        int end = 0;
        while (end < s.length() && isDigit(s.charAt(end))) {
            end++;
        }
        return s.substring(0, end);
    }
}
