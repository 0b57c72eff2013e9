package io.portcullis.sbom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The SPDX license list and the SPDX license-expression grammar (SPDX 2.3 annex D), so that SBOMs
 * only ever claim a license id or expression that a validator accepts; anything else is carried as
 * a plain name (CycloneDX) or as NOASSERTION with a comment (SPDX).
 *
 * <p>The list is the one cyclonedx-core-java ships, because the CycloneDX schema validates license
 * ids against exactly that list; using another copy could produce ids the schema rejects.
 */
public final class SpdxLicenses {

    private static final Pattern ID_STRING = Pattern.compile("[A-Za-z0-9.\\-]+");
    private static final SpdxLicenses BUNDLED = load();

    private final String listVersion;
    /** Lower-case id to the list's spelling: ids match case-insensitively, but are written as listed. */
    private final Map<String, String> licenseIds;
    private final Map<String, String> exceptionIds;

    private SpdxLicenses(String listVersion, Map<String, String> licenseIds, Map<String, String> exceptionIds) {
        this.listVersion = listVersion;
        this.licenseIds = Map.copyOf(licenseIds);
        this.exceptionIds = Map.copyOf(exceptionIds);
    }

    /** The list bundled with cyclonedx-core-java. */
    public static SpdxLicenses bundled() {
        return BUNDLED;
    }

    /** The SPDX license list version, e.g. "3.24.0". */
    public String listVersion() {
        return listVersion;
    }

    /** The canonical spelling of a listed license id, or empty when {@code text} is not exactly one. */
    public Optional<String> licenseId(String text) {
        return Optional.ofNullable(licenseIds.get(text.trim().toLowerCase(Locale.ROOT)));
    }

    /**
     * The expression with ids in their canonical spelling and single spaces between tokens, or
     * empty when {@code text} is not a valid SPDX license expression over the listed ids.
     */
    public Optional<String> expression(String text) {
        List<String> tokens = tokenize(text);
        if (tokens.isEmpty()) {
            return Optional.empty();
        }
        ExpressionParser parser = new ExpressionParser(tokens);
        String result = parser.orExpression();
        return result != null && parser.atEnd() ? Optional.of(result) : Optional.empty();
    }

    private static List<String> tokenize(String text) {
        List<String> tokens = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(' || c == ')' || Character.isWhitespace(c)) {
                if (!word.isEmpty()) {
                    tokens.add(word.toString());
                    word.setLength(0);
                }
                if (!Character.isWhitespace(c)) {
                    tokens.add(String.valueOf(c));
                }
            } else {
                word.append(c);
            }
        }
        if (!word.isEmpty()) {
            tokens.add(word.toString());
        }
        return tokens;
    }

    /** Recursive descent; each method returns the canonical text of what it consumed, or null on a syntax error. */
    private final class ExpressionParser {
        private final List<String> tokens;
        private int position;

        ExpressionParser(List<String> tokens) {
            this.tokens = tokens;
        }

        boolean atEnd() {
            return position == tokens.size();
        }

        String orExpression() {
            return binary("OR", this::andExpression);
        }

        private String andExpression() {
            return binary("AND", this::withExpression);
        }

        private String binary(String operator, Supplier<String> operand) {
            String left = operand.get();
            while (left != null && operator.equals(peek())) {
                position++;
                String right = operand.get();
                left = right == null ? null : left + " " + operator + " " + right;
            }
            return left;
        }

        private String withExpression() {
            if ("(".equals(peek())) {
                position++;
                String inner = orExpression();
                if (inner == null || !")".equals(peek())) {
                    return null;
                }
                position++;
                return "(" + inner + ")";
            }
            String simple = simpleExpression();
            if (simple == null || !"WITH".equals(peek())) {
                return simple;
            }
            position++;
            String token = next();
            String exception = token == null ? null : exceptionIds.get(token.toLowerCase(Locale.ROOT));
            return exception == null ? null : simple + " WITH " + exception;
        }

        private String simpleExpression() {
            String token = next();
            if (token == null) {
                return null;
            }
            if (token.startsWith("LicenseRef-") || token.startsWith("DocumentRef-")) {
                return isLicenseRef(token) ? token : null;
            }
            boolean orLater = token.endsWith("+");
            String id = licenseIds.get((orLater ? token.substring(0, token.length() - 1) : token).toLowerCase(Locale.ROOT));
            return id == null ? null : orLater ? id + "+" : id;
        }

        private boolean isLicenseRef(String token) {
            String licenseRef = token;
            if (token.startsWith("DocumentRef-")) {
                int colon = token.indexOf(':');
                if (colon < 0 || !ID_STRING.matcher(token.substring("DocumentRef-".length(), colon)).matches()) {
                    return false;
                }
                licenseRef = token.substring(colon + 1);
            }
            return licenseRef.startsWith("LicenseRef-")
                    && ID_STRING.matcher(licenseRef.substring("LicenseRef-".length())).matches();
        }

        private String peek() {
            return atEnd() ? null : tokens.get(position);
        }

        private String next() {
            return atEnd() ? null : tokens.get(position++);
        }
    }

    private static SpdxLicenses load() {
        ObjectMapper mapper = new ObjectMapper();
        JsonNode licenseList = readResource(mapper, "licenses/licenses.json");
        Map<String, String> licenses = new HashMap<>();
        for (JsonNode license : licenseList.get("licenses")) {
            String id = license.get("licenseId").asText();
            licenses.put(id.toLowerCase(Locale.ROOT), id);
        }
        // The bundled spdx.schema.json enumerates license ids and exception ids of the same list
        // version together; the exceptions are the entries that are not licenses.
        Map<String, String> exceptions = new HashMap<>();
        for (JsonNode entry : readResource(mapper, "spdx.schema.json").get("enum")) {
            String id = entry.asText();
            if (!licenses.containsKey(id.toLowerCase(Locale.ROOT))) {
                exceptions.put(id.toLowerCase(Locale.ROOT), id);
            }
        }
        return new SpdxLicenses(licenseList.get("licenseListVersion").asText(), licenses, exceptions);
    }

    private static JsonNode readResource(ObjectMapper mapper, String name) {
        try (InputStream in = org.cyclonedx.model.Bom.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("cyclonedx-core-java resource " + name + " is missing from the class path");
            }
            return mapper.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read cyclonedx-core-java resource " + name, e);
        }
    }
}
