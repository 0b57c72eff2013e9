package io.portcullis.version;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Python package versions ordered by PEP 440 as Python's {@code packaging.version} does: epoch,
 * release (trailing zeros ignored), then {@code .devN} &lt; {@code aN} &lt; {@code bN} &lt;
 * {@code rcN} &lt; release &lt; {@code .postN}, then the local version ({@code +local}). Spellings
 * are normalised as packaging does ({@code alpha}, {@code c}, {@code pre}, {@code preview},
 * {@code rev}, {@code r}, implicit {@code -1} post releases, separators, case, a leading
 * {@code v}).
 *
 * <p>Strings that are not PEP 440 versions are ordered as packaging 21.3's
 * {@code LegacyVersion}: below every PEP 440 version, and among themselves by setuptools' legacy
 * key. packaging 22 dropped LegacyVersion and rejects such strings, but released packages and
 * OSV's PyPI data carry them (0.7.10p1, 2013-01-21T20:33:09+0100, 1.0beta6.1, ...), so, as
 * packaging 21.3 did, nothing is rejected.
 */
public final class Pep440VersionScheme implements VersionScheme {

    private static final Pattern PEP440 = Pattern.compile(
            "\\s*v?(?:([0-9]+)!)?([0-9]+(?:\\.[0-9]+)*)"
                    + "(?:[-_.]?(a|b|c|rc|alpha|beta|pre|preview)[-_.]?([0-9]+)?)?"
                    + "(?:-([0-9]+)|[-_.]?(post|rev|r)[-_.]?([0-9]+)?)?"
                    + "(?:[-_.]?(dev)[-_.]?([0-9]+)?)?"
                    + "(?:\\+([a-z0-9]+(?:[-_.][a-z0-9]+)*))?\\s*",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern LEGACY_TOKEN = Pattern.compile("\\d+|[a-z]+|\\.|-");

    /** A PEP 440 version; null fields are absent parts. {@code preRank} is 0, 1, 2 for a, b, rc. */
    private record Pep440(String epoch, List<String> release, int preRank, String preNumber, String post, String dev,
                          List<String> local) {
    }

    @Override
    public String name() {
        return "pep440";
    }

    @Override
    public int compare(String a, String b) {
        Pep440 x = parse(a);
        Pep440 y = parse(b);
        if (x == null || y == null) {
            if (x != null || y != null) {
                return x == null ? -1 : 1;
            }
            return compareParts(legacyKey(a), legacyKey(b));
        }
        return compare(x, y);
    }

    private static Pep440 parse(String version) {
        Matcher m = PEP440.matcher(version);
        if (!m.matches()) {
            return null;
        }
        List<String> release = new ArrayList<>(List.of(m.group(2).split("\\.")));
        while (release.size() > 1 && DigitStrings.isZero(release.get(release.size() - 1))) {
            release.remove(release.size() - 1);
        }
        int preRank = -1;
        String preNumber = null;
        if (m.group(3) != null) {
            preRank = switch (m.group(3).toLowerCase(Locale.ROOT)) {
                case "a", "alpha" -> 0;
                case "b", "beta" -> 1;
                default -> 2;
            };
            preNumber = orZero(m.group(4));
        }
        String post = m.group(5) != null ? m.group(5) : m.group(6) != null ? orZero(m.group(7)) : null;
        String dev = m.group(8) != null ? orZero(m.group(9)) : null;
        List<String> local = m.group(10) == null ? null
                : List.of(m.group(10).toLowerCase(Locale.ROOT).split("[-_.]"));
        return new Pep440(m.group(1) == null ? "0" : m.group(1), release, preRank, preNumber, post, dev, local);
    }

    private static String orZero(String digits) {
        return digits == null ? "0" : digits;
    }

    private static int compare(Pep440 x, Pep440 y) {
        int c = DigitStrings.compare(x.epoch, y.epoch);
        if (c == 0) {
            c = compareRelease(x.release, y.release);
        }
        if (c == 0) {
            c = comparePre(x, y);
        }
        if (c == 0) {
            // no post release sorts below any post release
            c = compareAbsentAs(x.post, y.post, -1);
        }
        if (c == 0) {
            // no dev release sorts above any dev release
            c = compareAbsentAs(x.dev, y.dev, 1);
        }
        return c != 0 ? c : compareLocal(x.local, y.local);
    }

    private static int compareRelease(List<String> x, List<String> y) {
        for (int i = 0; i < Math.min(x.size(), y.size()); i++) {
            int c = DigitStrings.compare(x.get(i), y.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.size(), y.size());
    }

    /** A dev release of a final release (1.0.dev1) sorts before its pre-releases; a final release after them. */
    private static int comparePre(Pep440 x, Pep440 y) {
        int xRank = preRank(x);
        int yRank = preRank(y);
        if (xRank != yRank) {
            return Integer.compare(xRank, yRank);
        }
        return x.preNumber == null ? 0 : DigitStrings.compare(x.preNumber, y.preNumber);
    }

    private static int preRank(Pep440 v) {
        if (v.preNumber != null) {
            return v.preRank;
        }
        return v.post == null && v.dev != null ? -1 : 3;
    }

    private static int compareAbsentAs(String x, String y, int absent) {
        if (x == null || y == null) {
            return x == null && y == null ? 0 : x == null ? absent : -absent;
        }
        return DigitStrings.compare(x, y);
    }

    /** No local part sorts first; local parts compare one by one, letters below numbers. */
    private static int compareLocal(List<String> x, List<String> y) {
        if (x == null || y == null) {
            return x == null && y == null ? 0 : x == null ? -1 : 1;
        }
        for (int i = 0; i < Math.min(x.size(), y.size()); i++) {
            String a = x.get(i);
            String b = y.get(i);
            boolean aNumeric = DigitStrings.allDigits(a);
            boolean bNumeric = DigitStrings.allDigits(b);
            int c = aNumeric && bNumeric ? DigitStrings.compare(a, b)
                    : aNumeric != bNumeric ? (aNumeric ? 1 : -1)
                    : Integer.signum(a.compareTo(b));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.size(), y.size());
    }

    /** setuptools' legacy key: numbers zero-padded to 8, words prefixed with '*', with its trailing-zero rules. */
    private static List<String> legacyKey(String version) {
        List<String> parts = new ArrayList<>();
        for (String part : legacyParts(version.toLowerCase(Locale.ROOT))) {
            if (part.startsWith("*")) {
                if (part.compareTo("*final") < 0) {
                    while (!parts.isEmpty() && parts.get(parts.size() - 1).equals("*final-")) {
                        parts.remove(parts.size() - 1);
                    }
                }
                while (!parts.isEmpty() && parts.get(parts.size() - 1).equals("00000000")) {
                    parts.remove(parts.size() - 1);
                }
            }
            parts.add(part);
        }
        return parts;
    }

    private static List<String> legacyParts(String version) {
        List<String> pieces = new ArrayList<>();
        Matcher m = LEGACY_TOKEN.matcher(version);
        int end = 0;
        while (m.find()) {
            pieces.add(version.substring(end, m.start()));
            pieces.add(m.group());
            end = m.end();
        }
        pieces.add(version.substring(end));
        List<String> parts = new ArrayList<>();
        for (String piece : pieces) {
            String part = switch (piece) {
                case "pre", "preview", "rc" -> "c";
                case "-" -> "final-";
                case "dev" -> "@";
                default -> piece;
            };
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (DigitStrings.isAsciiDigit(part.charAt(0))) {
                parts.add(part.length() >= 8 ? part : "0".repeat(8 - part.length()) + part);
            } else {
                parts.add("*" + part);
            }
        }
        parts.add("*final");
        return parts;
    }

    private static int compareParts(List<String> x, List<String> y) {
        for (int i = 0; i < Math.min(x.size(), y.size()); i++) {
            int c = x.get(i).compareTo(y.get(i));
            if (c != 0) {
                return Integer.signum(c);
            }
        }
        return Integer.compare(x.size(), y.size());
    }
}
