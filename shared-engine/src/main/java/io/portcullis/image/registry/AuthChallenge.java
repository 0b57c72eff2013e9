package io.portcullis.image.registry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One challenge of a {@code WWW-Authenticate} header (RFC 7235), e.g.
 * {@code Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/alpine:pull"}.
 *
 * @param scheme lower case: "bearer", "basic", ...
 * @param parameters auth-params by lower-case name, quoted values unquoted
 */
record AuthChallenge(String scheme, Map<String, String> parameters) {

    AuthChallenge {
        parameters = Map.copyOf(parameters);
    }

    boolean isBearer() {
        return scheme.equals("bearer");
    }

    boolean isBasic() {
        return scheme.equals("basic");
    }

    String parameter(String name) {
        return parameters.get(name);
    }

    /** All challenges in one header value; a header may carry several, separated by commas. */
    static List<AuthChallenge> parse(String header) {
        List<AuthChallenge> challenges = new ArrayList<>();
        Cursor cursor = new Cursor(header);
        while (cursor.skipSeparators()) {
            String scheme = cursor.token();
            if (scheme.isEmpty()) {
                break;
            }
            Map<String, String> parameters = new LinkedHashMap<>();
            while (cursor.skipSeparators() && cursor.atParameter()) {
                String name = cursor.token().toLowerCase(Locale.ROOT);
                cursor.expect('=');
                parameters.put(name, cursor.value());
            }
            challenges.add(new AuthChallenge(scheme.toLowerCase(Locale.ROOT), parameters));
        }
        return challenges;
    }

    private static final class Cursor {
        private final String text;
        private int pos;

        Cursor(String text) {
            this.text = text;
        }

        /** Skips blanks and commas; false at the end. */
        boolean skipSeparators() {
            while (pos < text.length() && (text.charAt(pos) == ' ' || text.charAt(pos) == '\t' || text.charAt(pos) == ',')) {
                pos++;
            }
            return pos < text.length();
        }

        /** Whether a {@code name=} follows, rather than the scheme of the next challenge. */
        boolean atParameter() {
            int end = pos;
            while (end < text.length() && isTokenChar(text.charAt(end))) {
                end++;
            }
            while (end < text.length() && text.charAt(end) == ' ') {
                end++;
            }
            return end > pos && end < text.length() && text.charAt(end) == '=';
        }

        String token() {
            int start = pos;
            while (pos < text.length() && isTokenChar(text.charAt(pos))) {
                pos++;
            }
            return text.substring(start, pos);
        }

        void expect(char c) {
            while (pos < text.length() && text.charAt(pos) == ' ') {
                pos++;
            }
            if (pos < text.length() && text.charAt(pos) == c) {
                pos++;
            }
            while (pos < text.length() && text.charAt(pos) == ' ') {
                pos++;
            }
        }

        String value() {
            if (pos < text.length() && text.charAt(pos) == '"') {
                StringBuilder value = new StringBuilder();
                pos++;
                while (pos < text.length() && text.charAt(pos) != '"') {
                    char c = text.charAt(pos++);
                    if (c == '\\' && pos < text.length()) {
                        c = text.charAt(pos++);
                    }
                    value.append(c);
                }
                pos++;
                return value.toString();
            }
            int start = pos;
            while (pos < text.length() && text.charAt(pos) != ',' && text.charAt(pos) != ' ') {
                pos++;
            }
            return text.substring(start, pos);
        }

        private static boolean isTokenChar(char c) {
            return c > ' ' && c < 127 && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0;
        }
    }
}
