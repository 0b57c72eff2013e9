package io.portcullis.policy;

import com.fasterxml.jackson.databind.JsonNode;
import io.portcullis.InputException;
import io.portcullis.SchemaErrors;
import org.cyclonedx.Version;
import org.cyclonedx.exception.ParseException;
import org.cyclonedx.parsers.JsonParser;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * CycloneDX VEX (a BOM with {@code vulnerabilities[].analysis}), validated against the CycloneDX
 * schema shipped in cyclonedx-core-java. States {@code not_affected}, {@code false_positive},
 * {@code resolved} and {@code resolved_with_pedigree} suppress; {@code exploitable} and
 * {@code in_triage} do not.
 */
final class CycloneDxVexReader {
    private static final Set<String> SUPPRESSING = Set.of("not_affected", "false_positive", "resolved", "resolved_with_pedigree");

    private CycloneDxVexReader() {
    }

    static Suppressions read(JsonSource source) {
        validate(source);
        JsonNode root = source.root();
        Map<String, String> purlByRef = new HashMap<>();
        collectComponents(root.path("metadata").path("component"), purlByRef);
        root.path("components").forEach(c -> collectComponents(c, purlByRef));

        List<SuppressionRule> result = new ArrayList<>();
        JsonNode vulnerabilities = root.path("vulnerabilities");
        for (int i = 0; i < vulnerabilities.size(); i++) {
            JsonNode vulnerability = vulnerabilities.get(i);
            JsonNode analysis = vulnerability.path("analysis");
            String state = analysis.path("state").asText("");
            if (!SUPPRESSING.contains(state)) {
                continue;
            }
            List<String> aliases = new ArrayList<>();
            vulnerability.path("references").forEach(r -> aliases.add(r.path("id").asText()));
            List<String> products = new ArrayList<>();
            for (JsonNode affect : vulnerability.path("affects")) {
                String ref = affect.path("ref").asText();
                products.add(purlByRef.getOrDefault(ref, bomLinkTarget(ref)));
            }
            String justification = analysis.hasNonNull("justification") ? analysis.get("justification").asText() : null;
            String detail = analysis.hasNonNull("detail") ? analysis.get("detail").asText() : justification;
            result.add(new SuppressionRule(vulnerability.path("id").asText(), aliases, List.of(), List.of(), List.of(),
                    detail, null, SuppressionRule.Kind.CYCLONEDX_VEX, state, justification, products,
                    source.where("/vulnerabilities/" + i)));
        }
        return new Suppressions(result);
    }

    private static void collectComponents(JsonNode component, Map<String, String> purlByRef) {
        if (component.isMissingNode()) {
            return;
        }
        String ref = component.path("bom-ref").asText("");
        String purl = component.path("purl").asText("");
        if (!ref.isEmpty()) {
            purlByRef.put(ref, purl.isEmpty() ? ref : purl);
        }
        component.path("components").forEach(c -> collectComponents(c, purlByRef));
    }

    /** A BOM-Link ("urn:cdx:serial/1#bom-ref") points into another BOM; its fragment is the bom-ref, often a purl. */
    private static String bomLinkTarget(String ref) {
        int hash = ref.indexOf('#');
        return ref.startsWith("urn:cdx:") && hash >= 0 ? URLDecoder.decode(ref.substring(hash + 1), StandardCharsets.UTF_8) : ref;
    }

    private static void validate(JsonSource source) {
        String specVersion = source.root().path("specVersion").asText("");
        Version version = null;
        for (Version v : Version.values()) {
            if (v.getVersionString().equals(specVersion)) {
                version = v;
            }
        }
        if (version == null || version.getVersion() < 1.4) {
            throw source.error("/specVersion", "CycloneDX VEX needs specVersion 1.4 or later, got '" + specVersion + "'");
        }
        List<ParseException> errors;
        try {
            errors = new JsonParser().validate(source.root(), version);
        } catch (IOException e) {
            throw new InputException(source.file() + ": cannot validate: " + e.getMessage(), e);
        }
        if (!errors.isEmpty()) {
            String message = errors.get(0).getMessage();
            throw source.error(SchemaErrors.pointerFromMessage(message), "not valid CycloneDX " + specVersion + ": " + message
                    + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more problems)" : ""));
        }
    }
}
