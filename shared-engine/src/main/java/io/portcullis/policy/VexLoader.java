package io.portcullis.policy;

import com.fasterxml.jackson.databind.JsonNode;
import io.portcullis.InputException;

import java.nio.file.Path;

/**
 * Loads a VEX document as suppressions: OpenVEX (validated against the OpenVEX JSON schema) or
 * CycloneDX VEX (validated against the CycloneDX schema of its specVersion). Only statements that
 * say the product is not affected, or that the vulnerability is fixed, suppress anything.
 */
public final class VexLoader {

    private VexLoader() {
    }

    public static Suppressions load(Path file) {
        JsonSource source = JsonSource.read(file);
        JsonNode root = source.root();
        JsonNode context = root.path("@context");
        if (context.isTextual() && context.asText().contains("openvex")) {
            return OpenVexReader.read(source);
        }
        if ("CycloneDX".equals(root.path("bomFormat").asText())) {
            return CycloneDxVexReader.read(source);
        }
        throw new InputException(file + ": not a VEX document (expected an OpenVEX '@context' or CycloneDX 'bomFormat')");
    }
}
