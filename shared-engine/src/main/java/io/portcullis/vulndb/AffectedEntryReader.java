package io.portcullis.vulndb;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a stored OSV {@code affected[]} entry into an {@link AffectedPackage} with Jackson's streaming parser,
 * skipping what matching does not use. Matching reads one entry per hit, and entries can be large (Go's carry
 * every vulnerable symbol), so building a tree for each was most of the matching time.
 */
final class AffectedEntryReader {

    private static final JsonFactory JSON = new JsonFactory();
    /** The severity words, in the order they are preferred: section first, then key. */
    private static final String[] LABEL_SECTIONS = {"ecosystem_specific", "database_specific"};
    private static final String[] LABEL_KEYS = {"ubuntu_priority", "severity"};

    private AffectedEntryReader() {
    }

    static AffectedPackage read(String vulnerabilityId, String json) throws IOException {
        String ecosystem = "";
        String name = "";
        List<OsvRange> ranges = new ArrayList<>();
        List<String> versions = new ArrayList<>();
        List<SeverityScore> severity = new ArrayList<>();
        String[] labels = new String[LABEL_SECTIONS.length * LABEL_KEYS.length];
        try (JsonParser parser = JSON.createParser(json)) {
            expect(parser.nextToken(), JsonToken.START_OBJECT);
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (field) {
                    case "package" -> {
                        if (value == JsonToken.START_OBJECT) {
                            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                                String key = parser.currentName();
                                parser.nextToken();
                                if (key.equals("ecosystem")) {
                                    ecosystem = scalar(parser, "");
                                } else if (key.equals("name")) {
                                    name = scalar(parser, "");
                                } else {
                                    parser.skipChildren();
                                }
                            }
                        } else {
                            parser.skipChildren();
                        }
                    }
                    case "ranges" -> readRanges(parser, ranges);
                    case "versions" -> readStrings(parser, versions);
                    case "severity" -> readScores(parser, severity);
                    case "ecosystem_specific", "database_specific" -> readLabels(parser, field, labels);
                    default -> parser.skipChildren();
                }
            }
        }
        String label = null;
        for (String candidate : labels) {
            if (candidate != null && !candidate.isBlank()) {
                label = candidate;
                break;
            }
        }
        return new AffectedPackage(vulnerabilityId, ecosystem, name, ranges, versions, severity, label);
    }

    private static void readRanges(JsonParser parser, List<OsvRange> ranges) throws IOException {
        if (parser.currentToken() != JsonToken.START_ARRAY) {
            parser.skipChildren();
            return;
        }
        while (parser.nextToken() == JsonToken.START_OBJECT) {
            String type = "";
            List<OsvEvent> events = new ArrayList<>();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                JsonToken value = parser.nextToken();
                if (key.equals("type")) {
                    type = scalar(parser, "");
                } else if (key.equals("events") && value == JsonToken.START_ARRAY) {
                    while (parser.nextToken() == JsonToken.START_OBJECT) {
                        readEvent(parser, events);
                    }
                } else {
                    parser.skipChildren();
                }
            }
            ranges.add(new OsvRange(type, events));
        }
    }

    /** An event object normally has one key; should it have several, they are taken in {@link OsvEvent.Kind} order. */
    private static void readEvent(JsonParser parser, List<OsvEvent> events) throws IOException {
        OsvEvent.Kind[] kinds = OsvEvent.Kind.values();
        String[] byKind = new String[kinds.length];
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            parser.nextToken();
            for (OsvEvent.Kind kind : kinds) {
                if (kind.field().equals(key)) {
                    byKind[kind.ordinal()] = scalar(parser, null);
                }
            }
            parser.skipChildren();
        }
        for (OsvEvent.Kind kind : kinds) {
            if (byKind[kind.ordinal()] != null) {
                events.add(new OsvEvent(kind, byKind[kind.ordinal()]));
            }
        }
    }

    private static void readStrings(JsonParser parser, List<String> values) throws IOException {
        if (parser.currentToken() != JsonToken.START_ARRAY) {
            parser.skipChildren();
            return;
        }
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            values.add(scalar(parser, ""));
            parser.skipChildren();
        }
    }

    private static void readScores(JsonParser parser, List<SeverityScore> scores) throws IOException {
        if (parser.currentToken() != JsonToken.START_ARRAY) {
            parser.skipChildren();
            return;
        }
        while (parser.nextToken() == JsonToken.START_OBJECT) {
            String type = "";
            String score = "";
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                parser.nextToken();
                if (key.equals("type")) {
                    type = scalar(parser, "");
                } else if (key.equals("score")) {
                    score = scalar(parser, "");
                } else {
                    parser.skipChildren();
                }
            }
            scores.add(new SeverityScore(type, score));
        }
    }

    private static void readLabels(JsonParser parser, String section, String[] labels) throws IOException {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            parser.skipChildren();
            return;
        }
        int sectionIndex = section.equals(LABEL_SECTIONS[0]) ? 0 : 1;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            JsonToken value = parser.nextToken();
            for (int k = 0; k < LABEL_KEYS.length; k++) {
                if (LABEL_KEYS[k].equals(key) && value == JsonToken.VALUE_STRING) {
                    labels[sectionIndex * LABEL_KEYS.length + k] = parser.getText();
                }
            }
            parser.skipChildren();
        }
    }

    /**
     * The text of a scalar as {@code JsonNode.asText()} gives it (numbers and booleans as written); a container is
     * skipped and gives {@code orElse}, as does {@code null}.
     */
    private static String scalar(JsonParser parser, String orElse) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return orElse;
        }
        if (token.isScalarValue()) {
            return parser.getText();
        }
        parser.skipChildren();
        return orElse;
    }

    private static void expect(JsonToken actual, JsonToken expected) throws IOException {
        if (actual != expected) {
            throw new IOException("expected " + expected + " but found " + actual);
        }
    }
}
