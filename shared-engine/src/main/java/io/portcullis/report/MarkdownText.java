package io.portcullis.report;

import io.portcullis.output.LogSafeText;

import java.util.Locale;

/**
 * Untrusted text in the Markdown report, which GitHub and Azure DevOps render (GitHub-flavoured Markdown) and
 * which is printed to the CI log when written to standard output. First {@link LogSafeText} (control characters,
 * line breaks and bidi controls shown escaped, no logging command), so a value stays on its line: inside its table
 * row, its heading, its code span. Then:
 * <ul>
 *   <li>in running text and table cells, every ASCII punctuation character with a meaning in Markdown or inline HTML
 *       is backslash-escaped ({@code | < > ` * _ [ ] \ & ~ ! ( ) #}), and a word that an autolinker would turn into a
 *       link (contains {@code ://} or {@code @}, or starts with {@code www.}) is put into a code span, where no
 *       autolink applies;</li>
 *   <li>a code span is fenced with more backticks than the longest run inside it (the CommonMark rule), padded
 *       with a space when the content starts or ends with a backtick; {@code |} is written {@code \|} so a table
 *       cell does not end inside it.</li>
 * </ul>
 */
final class MarkdownText {
    private static final String ESCAPED = "\\`*_[]<>|&~!()#";

    private MarkdownText() {
    }

    /** For a table cell or running text. */
    static String cell(String untrusted) {
        if (untrusted == null) {
            return "";
        }
        String text = LogSafeText.of(untrusted);
        StringBuilder out = new StringBuilder(text.length() + 16);
        int start = 0;
        while (start < text.length()) {
            int end = start;
            while (end < text.length() && !Character.isWhitespace(text.charAt(end))) {
                end++;
            }
            String word = text.substring(start, end);
            out.append(linkLike(word) ? fence(word) : escape(word));
            int next = end;
            while (next < text.length() && Character.isWhitespace(text.charAt(next))) {
                next++;
            }
            out.append(text, end, next);
            start = next;
        }
        return out.toString();
    }

    /** As a code span: shown literally, monospaced. */
    static String code(String untrusted) {
        return fence(LogSafeText.of(untrusted == null ? "" : untrusted));
    }

    private static boolean linkLike(String word) {
        return word.contains("://") || word.indexOf('@') >= 0 || word.toLowerCase(Locale.ROOT).startsWith("www.");
    }

    private static String escape(String word) {
        StringBuilder out = new StringBuilder(word.length() + 4);
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (ESCAPED.indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    private static String fence(String content) {
        int longest = 0;
        int run = 0;
        for (int i = 0; i < content.length(); i++) {
            run = content.charAt(i) == '`' ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        String ticks = "`".repeat(longest + 1);
        String pad = content.startsWith("`") || content.endsWith("`") || content.isEmpty() ? " " : "";
        return ticks + pad + content.replace("|", "\\|") + pad + ticks;
    }
}
