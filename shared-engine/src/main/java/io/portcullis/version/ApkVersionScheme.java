package io.portcullis.version;

/**
 * Alpine package versions, {@code number{.number}...{letter}{_suffix{number}}...{-rN}}, ordered
 * as apk-tools 2 ({@code apk version -t}, the apk of Alpine 3.x releases) orders them: numbers
 * compare numerically except that a component after '.' with leading zeros compares as a
 * fraction ({@code 1.01 < 1.1}); suffixes {@code _alpha _beta _pre _rc} sort before the bare
 * version and {@code _cvs _svn _git _hg _p} after it; {@code -rN} is the package revision.
 *
 * <p>Like {@code apk version -t}, malformed versions are not rejected: apk-tools compares them
 * token by token up to the first token it cannot read, and so do we. Two deliberate
 * differences: numbers are 64-bit (apk-tools 2 overflows a 32-bit int past 9 digits, as in
 * {@code _pre20191002222144}; apk-tools 3 uses 64 bits), and a {@code ~hash} is not read (it is
 * an apk-tools 3 addition).
 */
public final class ApkVersionScheme implements VersionScheme {

    // Token kinds in apk-tools' order; a version may only move forward through them (with three exceptions).
    private static final int INVALID = -1;
    private static final int DIGIT_OR_ZERO = 0;
    private static final int DIGIT = 1;
    private static final int LETTER = 2;
    private static final int SUFFIX = 3;
    private static final int SUFFIX_NO = 4;
    private static final int REVISION_NO = 5;
    private static final int END = 6;

    private static final String[] PRE_SUFFIXES = {"alpha", "beta", "pre", "rc"};
    private static final String[] POST_SUFFIXES = {"cvs", "svn", "git", "hg", "p"};

    /** A cursor over one version string: the kind of the token at {@code position}. */
    private static final class Tokens {
        private final String text;
        private int position;
        private int type = DIGIT;

        Tokens(String text) {
            this.text = text;
        }

        private boolean atEnd() {
            return position >= text.length() || text.charAt(position) == 0;
        }

        private char current() {
            return text.charAt(position);
        }

        /** Decides the kind of the next token from the character at the cursor, consuming separators. */
        private void advanceType() {
            int next = INVALID;
            if (atEnd()) {
                next = END;
            } else if ((type == DIGIT || type == DIGIT_OR_ZERO) && isLower(current())) {
                next = LETTER;
            } else if (type == LETTER && DigitStrings.isAsciiDigit(current())) {
                next = DIGIT;
            } else if (type == SUFFIX && DigitStrings.isAsciiDigit(current())) {
                next = SUFFIX_NO;
            } else {
                switch (current()) {
                    case '.' -> next = DIGIT_OR_ZERO;
                    case '_' -> next = SUFFIX;
                    case '-' -> {
                        if (position + 1 < text.length() && text.charAt(position + 1) == 'r') {
                            next = REVISION_NO;
                            position++;
                        }
                    }
                    default -> next = INVALID;
                }
                position++;
            }
            if (next < type && !((next == DIGIT_OR_ZERO && type == DIGIT)
                    || (next == SUFFIX && type == SUFFIX_NO)
                    || (next == DIGIT && type == LETTER))) {
                next = INVALID;
            }
            type = next;
        }

        /** The value of the token at the cursor, moving past it; -1 with type INVALID for an unreadable token. */
        long nextValue() {
            if (position >= text.length()) {
                type = END;
                return 0;
            }
            long value = 0;
            int i = position;
            int forcedType = INVALID;
            switch (type) {
                case DIGIT_OR_ZERO, DIGIT, SUFFIX_NO, REVISION_NO -> {
                    if (type == DIGIT_OR_ZERO && text.charAt(i) == '0') {
                        // leading zeros make the component compare like a decimal fraction
                        while (i < text.length() && text.charAt(i) == '0') {
                            i++;
                        }
                        forcedType = DIGIT;
                        value = -(i - position);
                    } else {
                        while (i < text.length() && DigitStrings.isAsciiDigit(text.charAt(i))) {
                            value = value * 10 + (text.charAt(i++) - '0');
                        }
                    }
                }
                case LETTER -> value = text.charAt(i++);
                case SUFFIX -> {
                    int pre = matchPrefix(PRE_SUFFIXES);
                    if (pre >= 0) {
                        value = pre - PRE_SUFFIXES.length;
                        i += PRE_SUFFIXES[pre].length();
                    } else {
                        int post = matchPrefix(POST_SUFFIXES);
                        if (post < 0) {
                            type = INVALID;
                            return -1;
                        }
                        value = post;
                        i += POST_SUFFIXES[post].length();
                    }
                }
                default -> {
                    type = INVALID;
                    return -1;
                }
            }
            position = i;
            if (position >= text.length()) {
                type = END;
            } else if (forcedType != INVALID) {
                type = forcedType;
            } else {
                advanceType();
            }
            return value;
        }

        /**
         * Whether the token at the cursor is one apk-tools 3 rejects: an unreadable token, an empty
         * number after '.', a {@code -r} without a number, or an unknown suffix.
         */
        boolean malformed() {
            return switch (type) {
                case INVALID -> true;
                case DIGIT_OR_ZERO, REVISION_NO -> position >= text.length() || !DigitStrings.isAsciiDigit(current());
                case SUFFIX -> matchPrefix(PRE_SUFFIXES) < 0 && matchPrefix(POST_SUFFIXES) < 0;
                default -> false;
            };
        }

        /** Whether the token at the cursor is a pre-release suffix ({@code _alpha _beta _pre _rc}). */
        boolean preRelease() {
            return type == SUFFIX && matchPrefix(PRE_SUFFIXES) >= 0;
        }

        private int matchPrefix(String[] candidates) {
            for (int k = 0; k < candidates.length; k++) {
                if (text.startsWith(candidates[k], position)) {
                    return k;
                }
            }
            return -1;
        }
    }

    @Override
    public String name() {
        return "apk";
    }

    @Override
    public int compare(String a, String b) {
        Tokens x = new Tokens(a);
        Tokens y = new Tokens(b);
        long xv = 0;
        long yv = 0;
        while (x.type == y.type && x.type != END && x.type != INVALID && xv == yv) {
            xv = x.nextValue();
            yv = y.nextValue();
        }
        if (xv != yv) {
            return xv < yv ? -1 : 1;
        }
        if (x.type == y.type) {
            return 0;
        }
        // equal so far, and one version goes on: apk-tools 3 ranks a pre-release suffix lowest, then a
        // malformed token (apk-tools 2 ranked it highest), then the longer version is newer
        if (x.preRelease() || y.preRelease()) {
            return x.preRelease() ? -1 : 1;
        }
        if (x.malformed() || y.malformed()) {
            return x.malformed() == y.malformed() ? 0 : x.malformed() ? -1 : 1;
        }
        return Integer.compare(y.type, x.type);
    }

    private static boolean isLower(char c) {
        return c >= 'a' && c <= 'z';
    }
}
