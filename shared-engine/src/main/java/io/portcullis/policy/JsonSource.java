package io.portcullis.policy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.portcullis.InputException;
import io.portcullis.UserFile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * A JSON document with the line each value starts on, so that messages about a VEX file can name
 * the line (JSON trees forget where their nodes came from).
 */
record JsonSource(Path file, JsonNode root, Map<String, Integer> lines) {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    static JsonSource read(Path file) {
        byte[] bytes = UserFile.JSON.bytes(file);
        try {
            JsonNode root = MAPPER.readTree(bytes);
            if (root == null || !root.isObject()) {
                throw new InputException(file + ": expected a JSON object");
            }
            return new JsonSource(file, root, lineIndex(bytes));
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new InputException(file + (line > 0 ? ":" + line : "") + ": invalid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InputException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static Map<String, Integer> lineIndex(byte[] bytes) throws IOException {
        Map<String, Integer> lines = new HashMap<>();
        try (JsonParser parser = new JsonFactory().createParser(bytes)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token == JsonToken.FIELD_NAME || token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
                    continue;
                }
                String pointer = parser.getParsingContext().pathAsPointer().toString();
                if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                    // the context of a container start is the container itself; its pointer is the parent's
                    pointer = parser.getParsingContext().getParent() == null ? ""
                            : parser.getParsingContext().getParent().pathAsPointer().toString();
                }
                lines.putIfAbsent(pointer, parser.currentTokenLocation().getLineNr());
            }
        }
        return lines;
    }

    /** "file:line" for the value at the JSON pointer, or of its nearest ancestor that has a line. */
    String where(String pointer) {
        String p = pointer;
        while (true) {
            Integer line = lines.get(p);
            if (line != null) {
                return file + ":" + line;
            }
            if (p.isEmpty()) {
                return file.toString();
            }
            p = p.substring(0, p.lastIndexOf('/'));
        }
    }

    InputException error(String pointer, String message) {
        return new InputException(where(pointer) + ": " + message);
    }
}
