package io.portcullis.sbom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import org.cyclonedx.Version;
import org.cyclonedx.exception.ParseException;
import org.cyclonedx.parsers.JsonParser;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Validation against the official schemas: CycloneDX 1.6 through cyclonedx-core-java's own
 * validator (bom-1.6.schema.json inside its jar), SPDX 2.3 through networknt against
 * {@code resources/spdx-schema-v2.3.json} from the org.spdx:tools-java jar.
 */
final class SchemaValidation {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonSchema SPDX_23 = loadSpdxSchema();

    private SchemaValidation() {
    }

    static List<String> cycloneDxErrors(byte[] document) throws IOException {
        return new JsonParser().validate(document, Version.VERSION_16).stream().map(ParseException::getMessage).toList();
    }

    static List<String> spdxErrors(byte[] document) throws IOException {
        return spdxErrors(MAPPER.readTree(document));
    }

    static List<String> spdxErrors(JsonNode document) {
        return SPDX_23.validate(document).stream().map(ValidationMessage::getMessage).toList();
    }

    private static JsonSchema loadSpdxSchema() {
        try (InputStream in = AlpineImage.resource("resources/spdx-schema-v2.3.json")) {
            JsonNode schema = MAPPER.readTree(in);
            SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V201909).getSchema(schema, config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
