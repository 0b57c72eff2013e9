package io.portcullis.output;

import java.util.Locale;

/**
 * The one policy for untrusted text (package names, versions, vulnerability ids and titles, paths
 * from an image, file names) printed to a human-readable stream: the table report, warnings, errors
 * and progress on a terminal or in a CI log.
 *
 * <ul>
 *   <li>Characters a terminal or a log viewer acts on instead of showing are shown escaped, so the reader
 *       sees them and nothing happens: C0 controls, DEL and C1 controls ({@code \x1b}, {@code \x9b}; line
 *       breaks and tabs as {@code \n}, {@code \r}, {@code \t}), and the invisible format characters that
 *       reorder or hide text, bidi controls among them ({@code \u202e}). With no line break left inside
 *       a value, a value cannot start a line of its own.</li>
 *   <li>An agent logging command cannot appear: Azure Pipelines runs {@code ##vso[...]} found anywhere in a
 *       line and {@code ##[...]} at its start (GitHub Actions reads {@code ::} commands only at the start of
 *       a line, which a value without line breaks never reaches). The {@code [} after {@code ##} or
 *       {@code ##vso} (in any case) is written as {@code \x5b}.</li>
 * </ul>
 *
 * Structured formats (JSON, SARIF, CycloneDX, SPDX, XML) do not use this: they carry the real value,
 * encoded for their format.
 */
public final class LogSafeText {

    private LogSafeText() {
    }

    /** The text as it may be printed; null stays null so callers keep their own placeholder for it. */
    public static String of(String untrusted) {
        if (untrusted == null) {
            return null;
        }
        StringBuilder out = null;
        int length = untrusted.length();
        for (int i = 0; i < length; ) {
            int cp = untrusted.codePointAt(i);
            int next = i + Character.charCount(cp);
            String replacement = escape(cp);
            if (replacement == null && cp == '[' && endsWithCommandPrefix(out != null ? out : untrusted, out != null ? out.length() : i)) {
                replacement = "\\x5b";
            }
            if (replacement != null) {
                if (out == null) {
                    out = new StringBuilder(length + 16).append(untrusted, 0, i);
                }
                out.append(replacement);
            } else if (out != null) {
                out.appendCodePoint(cp);
            }
            i = next;
        }
        return out == null ? untrusted : out.toString();
    }

    private static String escape(int cp) {
        switch (cp) {
            case '\n':
                return "\\n";
            case '\r':
                return "\\r";
            case '\t':
                return "\\t";
            default:
                break;
        }
        if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f)) {
            return String.format(Locale.ROOT, "\\x%02x", cp);
        }
        int type = Character.getType(cp);
        // FORMAT: bidi embeddings, overrides and isolates, zero-width characters, tag characters;
        // the separators end a line in some viewers; a lone surrogate is not text at all.
        if (type == Character.FORMAT || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
                || type == Character.SURROGATE) {
            return cp <= 0xffff ? String.format(Locale.ROOT, "\\u%04x", cp) : String.format(Locale.ROOT, "\\U%08x", cp);
        }
        return null;
    }

    /** Whether the text before {@code end} ends with {@code ##} or {@code ##vso} (any case). */
    private static boolean endsWithCommandPrefix(CharSequence text, int end) {
        if (endsWith(text, end, "##")) {
            return true;
        }
        return end >= 5 && endsWith(text, end - 3, "##")
                && text.subSequence(end - 3, end).toString().toLowerCase(Locale.ROOT).equals("vso");
    }

    private static boolean endsWith(CharSequence text, int end, String suffix) {
        if (end < suffix.length()) {
            return false;
        }
        for (int k = 0; k < suffix.length(); k++) {
            if (text.charAt(end - suffix.length() + k) != suffix.charAt(k)) {
                return false;
            }
        }
        return true;
    }
}
