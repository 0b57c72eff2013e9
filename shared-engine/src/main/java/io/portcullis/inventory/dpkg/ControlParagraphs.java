package io.portcullis.inventory.dpkg;

import java.io.IOException;
import java.io.Reader;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The deb822 control-file syntax dpkg's status database is written in: paragraphs separated by
 * blank lines, {@code Field: value} lines, continuation lines starting with a space or tab.
 * A paragraph with a line that is neither is rejected as a whole (dpkg rejects the whole file;
 * we keep the paragraphs that are well-formed).
 *
 * <p>Read line by line and handed over one paragraph at a time: a status file of a million packages
 * is never held whole, neither as text nor as parsed paragraphs.
 */
final class ControlParagraphs {

    /** One paragraph: its fields (names as written) and the line it starts on. */
    record Paragraph(int firstLine, Map<String, String> fields) {
    }

    /** A paragraph that could not be read, with the reason. */
    record Problem(int line, String reason) {
    }

    /** Receives each paragraph and each rejected paragraph, in file order. */
    interface Handler {
        void paragraph(Paragraph paragraph);

        void problem(Problem problem);
    }

    private final Handler handler;
    private Map<String, String> fields = newFields();
    private String lastField;
    private int start;
    private Problem problem;
    private int lastLineNumber;

    private ControlParagraphs(Handler handler) {
        this.handler = handler;
    }

    /** Reads {@code text} to its end; lines end at '\n' (a '\r' before it is dropped). Does not close it. */
    static void parse(Reader text, Handler handler) throws IOException {
        ControlParagraphs parser = new ControlParagraphs(handler);
        new Lines(text).forEach(parser::line);
        parser.line(parser.lastLineNumber + 1, "");
    }

    private void line(int number, String raw) {
        lastLineNumber = number;
        String line = raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
        if (line.isBlank()) {
            if (problem != null) {
                handler.problem(problem);
            } else if (!fields.isEmpty()) {
                handler.paragraph(new Paragraph(start, Collections.unmodifiableMap(fields)));
            }
            fields = newFields();
            lastField = null;
            problem = null;
            return;
        }
        if (fields.isEmpty() && lastField == null && problem == null) {
            start = number;
        }
        if (problem != null) {
            return;
        }
        char first = line.charAt(0);
        if (first == ' ' || first == '\t') {
            if (lastField == null) {
                problem = new Problem(number, "continuation line before any field");
            } else {
                fields.merge(lastField, "\n" + line.substring(1), String::concat);
            }
            return;
        }
        int colon = line.indexOf(':');
        String name = colon < 0 ? "" : line.substring(0, colon);
        if (colon <= 0 || name.chars().anyMatch(c -> c <= ' ')) {
            problem = new Problem(number, "field name not followed by a colon");
            return;
        }
        if (fields.containsKey(name)) {
            problem = new Problem(number, "duplicate field " + name);
            return;
        }
        fields.put(name, line.substring(colon + 1).strip());
        lastField = name;
    }

    /** deb822 field names are case-insensitive. */
    private static Map<String, String> newFields() {
        return new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    }

    /** The lines of a text split at '\n' only, as {@code split("\n", -1)} would, without holding the text. */
    private static final class Lines {
        private final Reader text;
        private final char[] buffer = new char[64 * 1024];

        Lines(Reader text) {
            this.text = text;
        }

        interface LineConsumer {
            void line(int number, String line);
        }

        void forEach(LineConsumer consumer) throws IOException {
            StringBuilder line = new StringBuilder();
            int number = 0;
            int n;
            while ((n = text.read(buffer)) > 0) {
                int from = 0;
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == '\n') {
                        line.append(buffer, from, i - from);
                        consumer.line(++number, line.toString());
                        line.setLength(0);
                        from = i + 1;
                    }
                }
                line.append(buffer, from, n - from);
            }
            consumer.line(++number, line.toString());
        }
    }
}
