package io.portcullis.sbom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.portcullis.SchemaErrors;
import org.cyclonedx.Version;
import org.cyclonedx.exception.ParseException;
import org.cyclonedx.parsers.JsonParser;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The official schemas an SBOM is validated against: CycloneDX through cyclonedx-core-java's validator and the
 * schemas inside its jar (1.2 to 1.6), SPDX 2.3 through networknt against {@code spdx-schema-v2.3.json} beside this
 * class (see its SOURCE.md). Format assertions are on, as the SPDX schema's date-time fields mean them.
 */
final class SbomSchemas {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static JsonSchema spdx23;

    private SbomSchemas() {
    }

    static List<SchemaProblem> cycloneDx(JsonNode document, Version version) {
        List<ParseException> errors;
        try {
            errors = new JsonParser().validate(document, version);
        } catch (IOException e) {
            throw new UncheckedIOException("the CycloneDX " + version.getVersionString() + " schema cannot be read", e);
        }
        return errors.stream().map(e -> problem(SchemaErrors.pointerFromMessage(e.getMessage()), e.getMessage())).toList();
    }

    static List<SchemaProblem> spdx23(JsonNode document) {
        return spdxSchema().validate(document).stream()
                .map((ValidationMessage m) -> problem(SchemaErrors.pointer(m.getInstanceLocation()), m.getMessage())).toList();
    }

    /** The validators prefix their messages with the location as "$.a.b[0]: "; the pointer says that already. */
    private static SchemaProblem problem(String pointer, String message) {
        String text = message.startsWith("$") && message.contains(": ") ? message.substring(message.indexOf(": ") + 2) : message;
        return new SchemaProblem(pointer, text);
    }

    /** Loaded on first use: a scan that validates no SPDX document never reads the 46 KB schema. */
    private static synchronized JsonSchema spdxSchema() {
        if (spdx23 == null) {
            try (InputStream in = SbomSchemas.class.getResourceAsStream("spdx-schema-v2.3.json")) {
                if (in == null) {
                    throw new IllegalStateException("spdx-schema-v2.3.json missing beside " + SbomSchemas.class.getName());
                }
                SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
                spdx23 = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V201909).getSchema(MAPPER.readTree(in), config);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return spdx23;
    }
}
