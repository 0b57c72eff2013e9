package io.portcullis.jenkins;

import io.portcullis.output.LogSafeText;

/**
 * Text from an image, a registry or the vulnerability data, made safe for the build log by the engine's one
 * output-text policy (control characters, including ESC which starts Jenkins' console notes, line breaks and bidi
 * controls shown escaped). Only the empty text for a missing value is Jenkins' own.
 */
final class ConsoleText {
    private ConsoleText() {
    }

    static String safe(String s) {
        return s == null ? "" : LogSafeText.of(s);
    }
}
