package io.portcullis.inventory.os;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code KEY=value} syntax of os-release and lsb-release: a restricted shell assignment.
 * Per the freedesktop os-release specification a value may be unquoted, single-quoted or
 * double-quoted; inside double quotes a backslash escapes {@code " \ $ `}; outside quotes a
 * backslash escapes any character; lines starting with {@code #} are comments.
 *
 * @param values assignments in file order; a later duplicate replaces an earlier one
 * @param problems one entry per line that is not an assignment (line number and reason)
 */
record ShellAssignments(Map<String, String> values, List<String> problems) {

    static ShellAssignments parse(String text) {
        Map<String, String> values = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = stripCarriageReturn(lines[i]).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0 || !isName(line.substring(0, eq))) {
                problems.add("line " + (i + 1) + ": not a KEY=value assignment");
                continue;
            }
            try {
                values.put(line.substring(0, eq), unquote(line.substring(eq + 1)));
            } catch (IllegalArgumentException e) {
                problems.add("line " + (i + 1) + ": " + e.getMessage());
            }
        }
        return new ShellAssignments(Map.copyOf(values), List.copyOf(problems));
    }

    private static String stripCarriageReturn(String line) {
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }

    private static boolean isName(String key) {
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            boolean ok = c == '_' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (i > 0 && c >= '0' && c <= '9');
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** Reads one shell word made of unquoted, single-quoted and double-quoted segments. */
    private static String unquote(String raw) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < raw.length()) {
            char c = raw.charAt(i);
            if (c == '\'') {
                int end = raw.indexOf('\'', i + 1);
                if (end < 0) {
                    throw new IllegalArgumentException("unterminated single quote");
                }
                out.append(raw, i + 1, end);
                i = end + 1;
            } else if (c == '"') {
                i = readDoubleQuoted(raw, i + 1, out);
            } else if (c == '\\' && i + 1 < raw.length()) {
                out.append(raw.charAt(i + 1));
                i += 2;
            } else if (Character.isWhitespace(c)) {
                // Unquoted whitespace ends the word; trailing text would be a command in a shell.
                String rest = raw.substring(i).strip();
                if (!rest.isEmpty() && !rest.startsWith("#")) {
                    throw new IllegalArgumentException("unquoted whitespace in value");
                }
                break;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static int readDoubleQuoted(String raw, int start, StringBuilder out) {
        int i = start;
        while (i < raw.length()) {
            char c = raw.charAt(i);
            if (c == '"') {
                return i + 1;
            }
            if (c == '\\' && i + 1 < raw.length() && "\"\\$`".indexOf(raw.charAt(i + 1)) >= 0) {
                out.append(raw.charAt(i + 1));
                i += 2;
            } else {
                out.append(c);
                i++;
            }
        }
        throw new IllegalArgumentException("unterminated double quote");
    }
}
