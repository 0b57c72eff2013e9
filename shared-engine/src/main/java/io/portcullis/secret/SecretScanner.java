package io.portcullis.secret;

import io.portcullis.inventory.analyzer.FoundSecret;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;

/** Runs a rule set over the text of one file. Thread-safe. */
final class SecretScanner {
    /** A file with more matches than this is a dump or a test fixture; the first ones say enough. */
    static final int MAX_FINDINGS_PER_FILE = 100;

    private final SecretRules rules;

    SecretScanner(SecretRules rules) {
        this.rules = rules;
    }

    /** @param text the file's bytes, one char per byte (the rules are ASCII) */
    List<FoundSecret> scan(String path, String text) {
        String lowered = text.toLowerCase(Locale.ROOT);
        List<int[]> reported = new ArrayList<>();
        List<FoundSecret> found = new ArrayList<>();
        int[] lineStarts = null;
        for (SecretRule rule : rules.all()) {
            if (!rule.appliesTo(path) || !containsKeyword(lowered, rule)) {
                continue;
            }
            Matcher matcher = rule.pattern().matcher(text);
            boolean named = rule.hasSecretGroup();
            while (matcher.find() && found.size() < MAX_FINDINGS_PER_FILE) {
                int start = named ? matcher.start("secret") : matcher.start();
                int end = named ? matcher.end("secret") : matcher.end();
                if (start < 0 || start == end || overlaps(reported, start, end)) {
                    continue;
                }
                String secret = text.substring(start, end);
                if (rule.minEntropy() > 0 && ShannonEntropy.bitsPerCharacter(secret) < rule.minEntropy()) {
                    continue;
                }
                reported.add(new int[] {start, end});
                if (lineStarts == null) {
                    lineStarts = lineStarts(text);
                }
                found.add(new FoundSecret(rule.id(), lineOf(lineStarts, start), Redaction.of(secret)));
            }
        }
        found.sort((a, b) -> Integer.compare(a.line(), b.line()));
        return found;
    }

    /** {@code text} with every secret the rules find replaced by its redacted form. */
    String redact(String text) {
        String lowered = text.toLowerCase(Locale.ROOT);
        List<int[]> spans = new ArrayList<>();
        for (SecretRule rule : rules.all()) {
            if (!containsKeyword(lowered, rule)) {
                continue;
            }
            Matcher matcher = rule.pattern().matcher(text);
            boolean named = rule.hasSecretGroup();
            while (matcher.find()) {
                int start = named ? matcher.start("secret") : matcher.start();
                int end = named ? matcher.end("secret") : matcher.end();
                if (start >= 0 && start < end && !overlaps(spans, start, end)) {
                    spans.add(new int[] {start, end});
                }
            }
        }
        spans.sort((a, b) -> Integer.compare(a[0], b[0]));
        StringBuilder out = new StringBuilder();
        int copied = 0;
        for (int[] span : spans) {
            out.append(text, copied, span[0]).append(Redaction.of(text.substring(span[0], span[1])));
            copied = span[1];
        }
        return out.append(text.substring(copied)).toString();
    }

    private static boolean containsKeyword(String lowered, SecretRule rule) {
        if (rule.keywords().isEmpty()) {
            return true;
        }
        for (String keyword : rule.keywords()) {
            if (lowered.contains(keyword)) {
                return true;
            }
        }
        return false;
    }

    /** An earlier (more specific) rule already reported these characters. */
    private static boolean overlaps(List<int[]> reported, int start, int end) {
        for (int[] span : reported) {
            if (start < span[1] && span[0] < end) {
                return true;
            }
        }
        return false;
    }

    private static int[] lineStarts(String text) {
        int[] starts = new int[16];
        int count = 1;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                if (count == starts.length) {
                    starts = Arrays.copyOf(starts, count * 2);
                }
                starts[count++] = i + 1;
            }
        }
        return Arrays.copyOf(starts, count);
    }

    private static int lineOf(int[] lineStarts, int offset) {
        int index = Arrays.binarySearch(lineStarts, offset);
        return (index >= 0 ? index : -index - 2) + 1;
    }
}
