package io.portcullis.jenkins;

/**
 * Text from an image, a registry or the vulnerability data, made safe for the build log: control characters
 * (including ESC, which starts Jenkins' console notes) and bidi overrides are replaced.
 */
final class ConsoleText {
    private ConsoleText() {
    }

    static String safe(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> {
            boolean control = cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0);
            boolean bidi = (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200e || cp == 0x200f;
            out.appendCodePoint(control || bidi ? '?' : cp);
        });
        return out.toString();
    }
}
