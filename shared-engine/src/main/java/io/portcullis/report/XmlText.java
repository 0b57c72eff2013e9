package io.portcullis.report;

import java.util.Locale;

/**
 * Text for an XML document (JUnit, the HTML report): characters XML 1.0 cannot carry at all (C0 controls other
 * than tab, line feed and carriage return; U+FFFE, U+FFFF; a lone surrogate) are written as a visible escape
 * ({@code \x1b}, {@code \ufffe}), so one such character in a package name or a title cannot make the document
 * unwritable or unreadable. C1 controls, which XML allows but discourages and no viewer shows, are escaped too.
 * Markup characters are left to the XML writer.
 */
final class XmlText {

    private XmlText() {
    }

    static String of(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String replacement = null;
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                if (out != null) {
                    out.append(c).append(text.charAt(i + 1));
                }
                i++;
                continue;
            }
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || (c >= 0x7f && c <= 0x9f)) {
                replacement = String.format(Locale.ROOT, "\\x%02x", (int) c);
            } else if (c == '\ufffe' || c == '\uffff' || Character.isSurrogate(c)) {
                replacement = String.format(Locale.ROOT, "\\u%04x", (int) c);
            }
            if (replacement != null) {
                if (out == null) {
                    out = new StringBuilder(text.length() + 8).append(text, 0, i);
                }
                out.append(replacement);
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? text : out.toString();
    }
}
