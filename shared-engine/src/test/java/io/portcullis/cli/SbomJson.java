package io.portcullis.cli;

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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Reads an SBOM the CLI wrote, after checking it against the official schema: CycloneDX 1.6 with
 * cyclonedx-core-java's validator, SPDX 2.3 with the schema inside org.spdx:tools-java.
 */
final class SbomJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static JsonSchema spdx23;

    private SbomJson() {
    }

    static JsonNode validCycloneDx(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        List<String> errors = new JsonParser().validate(bytes, Version.VERSION_16).stream().map(ParseException::getMessage).toList();
        assertEquals(List.of(), errors, "CycloneDX 1.6 schema errors in " + file);
        return MAPPER.readTree(bytes);
    }

    static JsonNode validSpdx(Path file) throws IOException {
        JsonNode document = MAPPER.readTree(file.toFile());
        List<String> errors = spdxSchema().validate(document).stream().map(ValidationMessage::getMessage).toList();
        assertEquals(List.of(), errors, "SPDX 2.3 schema errors in " + file);
        return document;
    }

    /** CycloneDX components whose purl has the given type, e.g. "apk" or "deb". */
    static List<JsonNode> cycloneDxComponents(JsonNode bom, String purlType) {
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode component : bom.path("components")) {
            if (component.path("purl").asText().startsWith("pkg:" + purlType + "/")) {
                found.add(component);
            }
        }
        return found;
    }

    static Optional<String> property(JsonNode node, String name) {
        for (JsonNode property : node.path("properties")) {
            if (property.path("name").asText().equals(name)) {
                return Optional.of(property.path("value").asText());
            }
        }
        return Optional.empty();
    }

    /** SPDX packages carrying a purl of the given type. */
    static List<JsonNode> spdxPackages(JsonNode document, String purlType) {
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode pkg : document.path("packages")) {
            for (JsonNode ref : pkg.path("externalRefs")) {
                if (ref.path("referenceType").asText().equals("purl")
                        && ref.path("referenceLocator").asText().startsWith("pkg:" + purlType + "/")) {
                    found.add(pkg);
                }
            }
        }
        return found;
    }

    private static synchronized JsonSchema spdxSchema() {
        if (spdx23 == null) {
            try (InputStream in = SbomJson.class.getClassLoader().getResourceAsStream("resources/spdx-schema-v2.3.json")) {
                if (in == null) {
                    fail("resources/spdx-schema-v2.3.json missing: org.spdx:tools-java must be on the test class path");
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
