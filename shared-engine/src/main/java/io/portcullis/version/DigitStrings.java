package io.portcullis.version;

/**
 * Compares runs of ASCII digits as unbounded non-negative integers. Versions carry numbers that
 * overflow a long (dates, build stamps), so they are compared by their digits, never parsed.
 */
final class DigitStrings {

    private DigitStrings() {
    }

    static int compare(CharSequence a, CharSequence b) {
        int aStart = firstNonZero(a);
        int bStart = firstNonZero(b);
        int lengthDiff = (a.length() - aStart) - (b.length() - bStart);
        if (lengthDiff != 0) {
            return Integer.signum(lengthDiff);
        }
        for (int i = aStart, j = bStart; i < a.length(); i++, j++) {
            if (a.charAt(i) != b.charAt(j)) {
                return a.charAt(i) < b.charAt(j) ? -1 : 1;
            }
        }
        return 0;
    }

    static boolean isZero(CharSequence digits) {
        return firstNonZero(digits) == digits.length();
    }

    static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }

    static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    static boolean allDigits(CharSequence s) {
        for (int i = 0; i < s.length(); i++) {
            if (!isAsciiDigit(s.charAt(i))) {
                return false;
            }
        }
        return !s.isEmpty();
    }

    private static int firstNonZero(CharSequence digits) {
        int i = 0;
        while (i < digits.length() && digits.charAt(i) == '0') {
            i++;
        }
        return i;
    }
}
