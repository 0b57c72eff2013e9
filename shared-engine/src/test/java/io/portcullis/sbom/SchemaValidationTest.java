package io.portcullis.sbom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Proves the validators used by the other tests do reject invalid documents, so their "valid" means something. */
class SchemaValidationTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static AlpineImage alpine;

    @BeforeAll
    static void load() throws IOException {
        alpine = AlpineImage.load();
    }

    @Test
    void cycloneDxValidatorRejectsAnUnknownComponentTypeAndAMissingName() throws IOException {
        ObjectNode bom = (ObjectNode) MAPPER.readTree(render(SbomFormat.CYCLONEDX_JSON));
        assertEquals(List.of(), SchemaValidation.cycloneDxErrors(MAPPER.writeValueAsBytes(bom)));

        ObjectNode badType = bom.deepCopy();
        ((ObjectNode) badType.get("components").get(1)).put("type", "docker-layer");
        List<String> typeErrors = SchemaValidation.cycloneDxErrors(MAPPER.writeValueAsBytes(badType));
        assertFalse(typeErrors.isEmpty());
        assertTrue(typeErrors.stream().anyMatch(error -> error.contains("components[1].type") || error.contains("/components/1/type")), typeErrors.toString());

        ObjectNode unlistedLicenseId = bom.deepCopy();
        JsonNode licensed = SbomWriterTest.list(unlistedLicenseId.get("components")).stream()
                .filter(component -> component.path("licenses").path(0).path("license").has("id")).findFirst().orElseThrow();
        ((ObjectNode) licensed.get("licenses").get(0).get("license")).put("id", "GPL2");
        assertFalse(SchemaValidation.cycloneDxErrors(MAPPER.writeValueAsBytes(unlistedLicenseId)).isEmpty(),
                "license ids are checked against the SPDX list, so unlisted ones must be written as names");

        ObjectNode noName = bom.deepCopy();
        ((ObjectNode) noName.get("components").get(1)).remove("name");
        assertFalse(SchemaValidation.cycloneDxErrors(MAPPER.writeValueAsBytes(noName)).isEmpty());
    }

    @Test
    void spdxValidatorRejectsAnUnknownRelationshipTypeAndAMissingDownloadLocation() throws IOException {
        ObjectNode spdx = (ObjectNode) MAPPER.readTree(render(SbomFormat.SPDX_JSON));
        assertEquals(List.of(), SchemaValidation.spdxErrors(spdx));

        ObjectNode badRelationship = spdx.deepCopy();
        ((ObjectNode) badRelationship.get("relationships").get(0)).put("relationshipType", "OWNS");
        List<String> relationshipErrors = SchemaValidation.spdxErrors(badRelationship);
        assertTrue(relationshipErrors.stream().anyMatch(error -> error.contains("/relationships/0/relationshipType")),
                relationshipErrors.toString());

        ObjectNode noDownloadLocation = spdx.deepCopy();
        ((ObjectNode) noDownloadLocation.get("packages").get(2)).remove("downloadLocation");
        List<String> errors = SchemaValidation.spdxErrors(noDownloadLocation);
        assertTrue(errors.stream().anyMatch(error -> error.contains("downloadLocation")), errors.toString());
    }

    private static byte[] render(SbomFormat format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new SbomWriter("1.2.3", Clock.systemUTC()).write(alpine.metadata(), alpine.inventory(), format, out);
        return out.toByteArray();
    }
}
