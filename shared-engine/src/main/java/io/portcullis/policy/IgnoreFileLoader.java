package io.portcullis.policy;

import io.portcullis.InputException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads {@code .portcullisignore.yaml}: a list of entries under {@code ignore:}, each with a
 * mandatory {@code id} and {@code statement}, optional {@code packages}, {@code purl}, {@code paths}
 * narrowing and an optional {@code expires} date.
 */
public final class IgnoreFileLoader {
    private static final Set<String> ENTRY_KEYS = Set.of("id", "packages", "purl", "paths", "statement", "expires");

    private IgnoreFileLoader() {
    }

    public static Suppressions load(Path file) {
        Node root = YamlFile.parse(file);
        if (root == null) {
            return Suppressions.none();
        }
        YamlFile yaml = YamlFile.of(file);
        Node list = yaml.mapping(root, "the ignore file", Set.of("ignore")).get("ignore");
        if (list == null || list instanceof ScalarNode scalar && scalar.getTag().equals(Tag.NULL)) {
            return Suppressions.none();
        }
        if (!(list instanceof SequenceNode sequence)) {
            throw yaml.error(list, "'ignore' must be a list of entries");
        }
        List<SuppressionRule> entries = new ArrayList<>();
        for (Node item : sequence.getValue()) {
            entries.add(entry(yaml, item));
        }
        return new Suppressions(entries);
    }

    private static SuppressionRule entry(YamlFile yaml, Node item) {
        Map<String, Node> e = yaml.mapping(item, "an ignore entry", ENTRY_KEYS);
        if (!e.containsKey("id")) {
            throw yaml.error(item, "ignore entry has no 'id'");
        }
        if (!e.containsKey("statement")) {
            throw yaml.error(item, "ignore entry for " + yaml.string(e.get("id"), "id")
                    + " has no 'statement' (say why it does not matter)");
        }
        String statement = yaml.string(e.get("statement"), "statement").trim();
        if (statement.isEmpty()) {
            throw yaml.error(e.get("statement"), "'statement' must not be empty");
        }
        LocalDate expires = null;
        if (e.containsKey("expires")) {
            String text = yaml.string(e.get("expires"), "expires");
            try {
                expires = LocalDate.parse(text.trim());
            } catch (DateTimeParseException ex) {
                throw yaml.error(e.get("expires"), "'expires' must be a date YYYY-MM-DD, got '" + text + "'");
            }
        }
        return new SuppressionRule(
                yaml.string(e.get("id"), "id").trim(),
                List.of(),
                e.containsKey("packages") ? yaml.strings(e.get("packages"), "packages") : List.of(),
                e.containsKey("purl") ? yaml.strings(e.get("purl"), "purl") : List.of(),
                e.containsKey("paths") ? yaml.strings(e.get("paths"), "paths") : List.of(),
                statement, expires, SuppressionRule.Kind.IGNORE_FILE, null, null, List.of(), yaml.where(item));
    }

    /** The ignore files Portcullis reads from a directory when none is named, as Trivy reads {@code .trivyignore}: those that exist. */
    public static List<Path> defaultFiles(Path dir) {
        return Stream.of(".portcullisignore.yaml", ".trivyignore").map(dir::resolve).filter(Files::isRegularFile).toList();
    }

    /** Loads {@code .portcullisignore.yaml} / {@code .yml} files as ours and anything else as {@code .trivyignore}. */
    public static Suppressions loadAny(Path file) {
        String name = file.getFileName().toString();
        if (name.endsWith(".yaml") || name.endsWith(".yml")) {
            return load(file);
        }
        if (name.equals(".trivyignore.yaml")) {
            throw new InputException(file + ": Trivy's YAML ignore format is not supported; use .trivyignore or .portcullisignore.yaml");
        }
        return TrivyIgnoreLoader.load(file);
    }
}
