package io.portcullis.inventory.dpkg;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The deb822 control-file syntax dpkg's status database is written in: paragraphs separated by
 * blank lines, {@code Field: value} lines, continuation lines starting with a space or tab.
 * A paragraph with a line that is neither is rejected as a whole (dpkg rejects the whole file;
 * we keep the paragraphs that are well-formed).
 */
final class ControlParagraphs {

    /** One paragraph: its fields (names as written) and the line it starts on. */
    record Paragraph(int firstLine, Map<String, String> fields) {
    }

    /** A paragraph that could not be read, with the reason. */
    record Problem(int line, String reason) {
    }

    record Result(List<Paragraph> paragraphs, List<Problem> problems) {
    }

    private ControlParagraphs() {
    }

    static Result parse(String text) {
        List<Paragraph> paragraphs = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        Map<String, String> fields = newFields();
        String lastField = null;
        int start = 0;
        Problem problem = null;
        for (int i = 0; i <= lines.length; i++) {
            String line = i < lines.length ? stripCarriageReturn(lines[i]) : "";
            if (line.isBlank()) {
                if (problem != null) {
                    problems.add(problem);
                } else if (!fields.isEmpty()) {
                    paragraphs.add(new Paragraph(start, Collections.unmodifiableMap(fields)));
                }
                fields = newFields();
                lastField = null;
                problem = null;
                continue;
            }
            if (fields.isEmpty() && lastField == null && problem == null) {
                start = i + 1;
            }
            if (problem != null) {
                continue;
            }
            char first = line.charAt(0);
            if (first == ' ' || first == '\t') {
                if (lastField == null) {
                    problem = new Problem(i + 1, "continuation line before any field");
                } else {
                    fields.merge(lastField, "\n" + line.substring(1), String::concat);
                }
                continue;
            }
            int colon = line.indexOf(':');
            String name = colon < 0 ? "" : line.substring(0, colon);
            if (colon <= 0 || name.chars().anyMatch(c -> c <= ' ')) {
                problem = new Problem(i + 1, "field name not followed by a colon");
                continue;
            }
            if (fields.containsKey(name)) {
                problem = new Problem(i + 1, "duplicate field " + name);
                continue;
            }
            fields.put(name, line.substring(colon + 1).strip());
            lastField = name;
        }
        return new Result(List.copyOf(paragraphs), List.copyOf(problems));
    }

    /** deb822 field names are case-insensitive. */
    private static Map<String, String> newFields() {
        return new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    }

    private static String stripCarriageReturn(String line) {
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }
}
