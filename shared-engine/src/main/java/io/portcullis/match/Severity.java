package io.portcullis.match;

import java.util.List;
import java.util.Locale;

/** Severity buckets in ascending order, so {@code compareTo} ranks them. */
public enum Severity {
    UNKNOWN, LOW, MEDIUM, HIGH, CRITICAL;

    private static final List<Severity> HIGHEST_FIRST = List.of(CRITICAL, HIGH, MEDIUM, LOW, UNKNOWN);

    /** The order every report and summary lists severities in: the most severe first, unknown last. */
    public static List<Severity> highestFirst() {
        return HIGHEST_FIRST;
    }

    /** Parses a severity name in any case ("high", "CRITICAL", "Moderate" is MEDIUM as GHSA writes it). */
    public static Severity parse(String text) {
        String t = text.trim().toUpperCase(Locale.ROOT);
        if (t.equals("MODERATE")) {
            return MEDIUM;
        }
        if (t.equals("NEGLIGIBLE") || t.equals("UNIMPORTANT")) {
            return LOW;
        }
        return Severity.valueOf(t);
    }
}
