package io.portcullis.vulndb;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.OutputFormat;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.portcullis.version.InvalidVersionException;
import io.portcullis.version.VersionScheme;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Turns one record file into a {@link StoredRecord} or a {@link Rejection}: JSON, an id, the OSV JSON schema
 * (ossf/osv-schema {@code validation/schema.json}, bundled), a supported ecosystem, and range versions
 * that the ecosystem's scheme can parse. Thread-safe.
 */
final class OsvRecordCheck {

    private static final String SCHEMA_RESOURCE = "osv-schema.json";

    private final ObjectMapper mapper = new ObjectMapper();
    /**
     * What may follow the schema's id prefix: the schema anchors only the prefix, so {@code GHSA-x} followed by a
     * line break and a logging command would pass it. Letters, digits and {@code . _ : -}; {@code ?} because
     * Alpine's secdb really has {@code ALPINE-CVE-????-?????}.
     */
    private static final String ID_REST = "[A-Za-z0-9._:?-]+";

    private final JsonSchema schema;
    private final Pattern wholeId;
    private final SchemeLookup schemes;

    OsvRecordCheck(SchemeLookup schemes) {
        this.schemes = schemes;
        try (InputStream in = OsvRecordCheck.class.getResourceAsStream(SCHEMA_RESOURCE)) {
            JsonNode schemaNode = mapper.readTree(in);
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schemaNode);
            schema.initializeValidators();
            wholeId = Pattern.compile(schemaNode.path("$defs").path("prefix").path("pattern").asText() + ID_REST);
        } catch (IOException e) {
            throw new UncheckedIOException("bundled OSV schema missing", e);
        }
    }

    /** Either an accepted record or the reason it was rejected. */
    sealed interface Outcome permits Accepted, Rejected {
    }

    record Accepted(StoredRecord record) implements Outcome {
    }

    record Rejected(Rejection rejection) implements Outcome {
    }

    Outcome check(OsvEntry entry) {
        if (entry.isTooLarge()) {
            return reject(RejectReason.TOO_LARGE, entry.nameWithoutExtension(), entry, "larger than a record can be; not read");
        }
        JsonNode node;
        try {
            node = mapper.readTree(entry.content());
        } catch (IOException e) {
            return reject(RejectReason.NOT_JSON, entry.nameWithoutExtension(), entry, oneLine(e));
        }
        if (node == null || !node.isObject()) {
            return reject(RejectReason.NOT_JSON, entry.nameWithoutExtension(), entry, "not a JSON object");
        }
        JsonNode id = node.get("id");
        if (id == null || !id.isTextual() || id.asText().isBlank()) {
            return reject(RejectReason.MISSING_ID, entry.nameWithoutExtension(), entry, "record has no \"id\"");
        }
        String recordId = id.asText();
        if (!wholeId.matcher(recordId).matches()) {
            return reject(RejectReason.INVALID_ID, entry.nameWithoutExtension(), entry,
                    "id is not a known prefix followed by letters, digits and . _ : - only");
        }
        // The boolean format stops at the first failure and builds no messages: most records are valid,
        // and building messages for the failing oneOf branches of every event is what costs the time.
        if (!schema.validate(node, OutputFormat.BOOLEAN)) {
            Set<ValidationMessage> errors = schema.validate(node);
            String detail = errors.stream().map(ValidationMessage::getMessage).sorted().limit(3)
                    .collect(Collectors.joining("; "));
            return reject(RejectReason.SCHEMA_INVALID, recordId, entry, detail);
        }
        List<StoredRecord.IndexRow> rows = new ArrayList<>();
        Set<String> ecosystems = new TreeSet<>();
        Set<String> unknown = new TreeSet<>();
        int index = 0;
        for (JsonNode affected : node.path("affected")) {
            String ecosystemName = affected.path("package").path("ecosystem").asText();
            Optional<Ecosystem> ecosystem = Ecosystem.ofOsv(ecosystemName);
            if (ecosystem.isEmpty()) {
                unknown.add(ecosystemName);
                index++;
                continue;
            }
            Optional<String> badVersion = unparseableRangeVersion(ecosystem.get(), affected, index);
            if (badVersion.isPresent()) {
                return reject(RejectReason.UNPARSEABLE_VERSION, recordId, entry, badVersion.get());
            }
            String name = ecosystem.get().normalizeName(affected.path("package").path("name").asText());
            rows.add(new StoredRecord.IndexRow(ecosystemName, name, affected.toString()));
            ecosystems.add(ecosystem.get().osvName());
            index++;
        }
        if (rows.isEmpty() && !unknown.isEmpty()) {
            return reject(RejectReason.UNKNOWN_ECOSYSTEM, recordId, entry, "no supported ecosystem among " + unknown);
        }
        String withdrawn = node.hasNonNull("withdrawn") ? node.get("withdrawn").asText() : null;
        String published = node.hasNonNull("published") ? node.get("published").asText() : null;
        return new Accepted(new StoredRecord(recordId, node.path("modified").asText(), columns(node), withdrawn,
                withdrawn == null ? rows : List.of(), ecosystems, published));
    }

    private Optional<String> unparseableRangeVersion(Ecosystem ecosystem, JsonNode affected, int affectedIndex) {
        int rangeIndex = 0;
        for (JsonNode range : affected.path("ranges")) {
            String type = range.path("type").asText();
            if (type.equals("ECOSYSTEM") || type.equals("SEMVER")) {
                Optional<VersionScheme> scheme = schemes.scheme(ecosystem, type);
                if (scheme.isEmpty()) {
                    rangeIndex++;
                    continue;
                }
                for (JsonNode event : range.path("events")) {
                    var fields = event.fields();
                    while (fields.hasNext()) {
                        var field = fields.next();
                        String version = field.getValue().asText();
                        if (field.getKey().equals("introduced") && version.equals("0")) {
                            continue;
                        }
                        try {
                            scheme.get().compare(version, version);
                        } catch (InvalidVersionException e) {
                            return Optional.of("affected[" + affectedIndex + "].ranges[" + rangeIndex + "] "
                                    + field.getKey() + ": " + e.getMessage());
                        }
                    }
                }
            }
            rangeIndex++;
        }
        return Optional.empty();
    }

    private StoredRecord.Columns columns(JsonNode node) {
        ObjectNode severity = mapper.createObjectNode();
        if (node.path("severity").isArray()) {
            severity.set("severity", node.get("severity"));
        }
        JsonNode databaseSeverity = node.path("database_specific").path("severity");
        if (databaseSeverity.isTextual()) {
            severity.put("database_specific", databaseSeverity.asText());
        }
        ArrayNode references = mapper.createArrayNode();
        Set<String> seen = new LinkedHashSet<>();
        for (JsonNode reference : node.path("references")) {
            if (seen.add(reference.path("url").asText())) {
                references.add(reference.path("url").asText());
            }
        }
        JsonNode summary = node.get("summary");
        return new StoredRecord.Columns(textArray(node.path("aliases")), textArray(node.path("upstream")),
                summary != null && summary.isTextual() ? summary.asText() : null, severity.toString(), references.toString());
    }

    private String textArray(JsonNode array) {
        ArrayNode out = mapper.createArrayNode();
        array.forEach(item -> out.add(item.asText()));
        return out.toString();
    }

    private static Outcome reject(RejectReason reason, String recordId, OsvEntry entry, String detail) {
        return new Rejected(new Rejection(reason, recordId, entry.source() + "!/" + entry.name(), detail));
    }

    private static String oneLine(IOException e) {
        String message = e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message.lines().findFirst().orElse("");
    }
}
