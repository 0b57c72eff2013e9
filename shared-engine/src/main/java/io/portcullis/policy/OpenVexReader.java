package io.portcullis.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.portcullis.SchemaErrors;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * OpenVEX 0.2.0. Statements are applied in timestamp order, so a later statement about the same
 * vulnerability and products replaces an earlier one (a later "affected" revokes a "not_affected").
 */
final class OpenVexReader {
    private static final JsonSchema SCHEMA = loadSchema();

    private OpenVexReader() {
    }

    static Suppressions read(JsonSource source) {
        validate(source);
        JsonNode statements = source.root().path("statements");
        String documentTime = source.root().path("timestamp").asText("");
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < statements.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparing(i -> statements.get(i).path("timestamp").asText(documentTime)));

        Map<String, SuppressionRule> latest = new LinkedHashMap<>();
        Map<String, String> latestStatus = new LinkedHashMap<>();
        for (int i : order) {
            JsonNode statement = statements.get(i);
            String pointer = "/statements/" + i;
            JsonNode vulnerability = statement.path("vulnerability");
            List<String> aliases = new ArrayList<>();
            vulnerability.path("aliases").forEach(a -> aliases.add(a.asText()));
            List<String> products = new ArrayList<>();
            List<String> subcomponents = new ArrayList<>();
            for (JsonNode product : statement.path("products")) {
                products.add(identifier(product));
                product.path("subcomponents").forEach(sub -> subcomponents.add(identifier(sub)));
            }
            products.removeIf(String::isEmpty);
            subcomponents.removeIf(String::isEmpty);
            String status = statement.path("status").asText();
            String key = vulnerability.path("name").asText() + "|" + products.stream().sorted().toList() + "|"
                    + subcomponents.stream().sorted().toList();
            latestStatus.put(key, status);
            String text = firstText(statement, "impact_statement", "status_notes", "justification");
            latest.put(key, new SuppressionRule(vulnerability.path("name").asText(), aliases, List.of(), subcomponents,
                    List.of(), text, null, SuppressionRule.Kind.OPENVEX, status,
                    statement.hasNonNull("justification") ? statement.get("justification").asText() : null,
                    products, source.where(pointer)));
        }
        List<SuppressionRule> result = new ArrayList<>();
        latest.forEach((key, suppression) -> {
            String status = latestStatus.get(key);
            if (status.equals("not_affected") || status.equals("fixed")) {
                result.add(suppression);
            }
        });
        return new Suppressions(result);
    }

    /** A product or subcomponent is named by its purl when it has one, else by its @id. */
    private static String identifier(JsonNode component) {
        String purl = component.path("identifiers").path("purl").asText("");
        return purl.isEmpty() ? component.path("@id").asText("") : purl;
    }

    private static String firstText(JsonNode node, String... fields) {
        for (String field : fields) {
            if (node.hasNonNull(field) && !node.get(field).asText().isBlank()) {
                return node.get(field).asText();
            }
        }
        return null;
    }

    private static void validate(JsonSource source) {
        Set<ValidationMessage> errors = SCHEMA.validate(source.root());
        if (!errors.isEmpty()) {
            ValidationMessage first = errors.stream()
                    .min(Comparator.comparing((ValidationMessage m) -> m.getInstanceLocation().toString()))
                    .orElseThrow();
            String pointer = SchemaErrors.pointer(first.getInstanceLocation());
            throw source.error(pointer, "not valid OpenVEX 0.2.0: " + first.getMessage()
                    + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more problems)" : ""));
        }
    }

    private static JsonSchema loadSchema() {
        try (InputStream in = OpenVexReader.class.getResourceAsStream("openvex_json_schema.json")) {
            SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in, config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
