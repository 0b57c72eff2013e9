package io.portcullis.azdo;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Text from the image, the vulnerability data or a registry, made unable to start an agent command:
 * {@code ##vso[} becomes {@code ##_vso[} and {@code ##[} becomes {@code ##_[}, as Microsoft's own
 * tasks rewrite them. Case-insensitive, because the agent compares the command prefix ignoring case.
 */
public final class UntrustedText {

    private static final Pattern COMMAND_START = Pattern.compile("##(vso)?\\[", Pattern.CASE_INSENSITIVE);

    private UntrustedText() {
    }

    public static String neutralise(String text) {
        if (text == null || text.indexOf('#') < 0) {
            return text;
        }
        Matcher matcher = COMMAND_START.matcher(text);
        StringBuilder out = new StringBuilder(text.length() + 8);
        while (matcher.find()) {
            matcher.appendReplacement(out, Matcher.quoteReplacement("##_" + (matcher.group(1) == null ? "" : matcher.group(1)) + "["));
        }
        matcher.appendTail(out);
        return out.toString();
    }
}
