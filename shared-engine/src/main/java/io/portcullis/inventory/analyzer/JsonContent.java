package io.portcullis.inventory.analyzer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;

/**
 * An analyzed file read as one JSON document (package manifests, lock files, installed lists).
 * Invalid JSON is a problem with that file, not a failed scan: the analysis becomes a warning.
 *
 * @param root the document as Jackson reads it (which analyzers still check for the shape they
 *     expect); null when the file is not valid JSON
 * @param problem why the file is not valid JSON, or null
 */
public record JsonContent(String path, JsonNode root, String problem) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static JsonContent read(AnalyzedFile file) throws IOException {
        try {
            return new JsonContent(file.path(), JSON.readTree(file.content()), null);
        } catch (JsonProcessingException e) {
            return new JsonContent(file.path(), null, e.getOriginalMessage());
        }
    }

    public boolean invalid() {
        return problem != null;
    }

    /** The analysis of a file that is not valid JSON. */
    public FileAnalysis warning() {
        return FileAnalysis.warning(path + ": invalid JSON: " + problem);
    }
}
