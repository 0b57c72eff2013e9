package io.portcullis.policy;

import io.portcullis.InputException;
import io.portcullis.UserYaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A YAML file read as a node tree, so that every error names the file and the line it is about.
 * Reads only what a policy or ignore file needs: mappings with known keys, scalars, lists of scalars.
 */
final class YamlFile {
    private final Path file;

    private YamlFile(Path file) {
        this.file = file;
    }

    /** Parses the file (size cap, no type tags: {@link UserYaml}); returns its root node, or null when the file holds no document. */
    static Node parse(Path file) {
        return UserYaml.single(file);
    }

    static YamlFile of(Path file) {
        return new YamlFile(file);
    }

    String where(Node node) {
        return where(node.getStartMark());
    }

    String where(Mark mark) {
        return UserYaml.where(file, mark);
    }

    InputException error(Node node, String message) {
        return new InputException(where(node) + ": " + message);
    }

    /** The entries of a mapping, keyed by their scalar keys, rejecting keys not in {@code allowed} and duplicates. */
    Map<String, Node> mapping(Node node, String what, Set<String> allowed) {
        if (!(node instanceof MappingNode mapping)) {
            throw error(node, what + " must be a mapping");
        }
        Map<String, Node> entries = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            Node keyNode = tuple.getKeyNode();
            if (!(keyNode instanceof ScalarNode key)) {
                throw error(keyNode, what + " keys must be plain names");
            }
            if (!allowed.contains(key.getValue())) {
                throw error(keyNode, "unknown key '" + key.getValue() + "' in " + what
                        + " (allowed: " + String.join(", ", allowed.stream().sorted().toList()) + ")");
            }
            if (entries.put(key.getValue(), tuple.getValueNode()) != null) {
                throw error(keyNode, "duplicate key '" + key.getValue() + "' in " + what);
            }
        }
        return entries;
    }

    String string(Node node, String key) {
        if (!(node instanceof ScalarNode scalar) || scalar.getTag().equals(Tag.NULL)) {
            throw error(node, "'" + key + "' must be a text value");
        }
        return scalar.getValue();
    }

    int nonNegativeInt(Node node, String key) {
        if (!(node instanceof ScalarNode scalar) || !scalar.getTag().equals(Tag.INT)) {
            throw error(node, "'" + key + "' must be a whole number, got " + describe(node));
        }
        int value;
        try {
            value = Integer.parseInt(scalar.getValue().replace("_", ""));
        } catch (NumberFormatException e) {
            throw error(node, "'" + key + "' must be a whole number, got " + describe(node));
        }
        if (value < 0) {
            throw error(node, "'" + key + "' must not be negative, got " + value);
        }
        return value;
    }

    boolean bool(Node node, String key) {
        if (!(node instanceof ScalarNode scalar) || !scalar.getTag().equals(Tag.BOOL)) {
            throw error(node, "'" + key + "' must be true or false, got " + describe(node));
        }
        return Boolean.parseBoolean(scalar.getValue().toLowerCase(Locale.ROOT));
    }

    /** A list of text values; a single scalar is accepted as a one-element list. */
    List<String> strings(Node node, String key) {
        if (node instanceof ScalarNode) {
            return List.of(string(node, key));
        }
        if (!(node instanceof SequenceNode sequence)) {
            throw error(node, "'" + key + "' must be a list of text values");
        }
        List<String> values = new ArrayList<>();
        for (Node item : sequence.getValue()) {
            values.add(string(item, key));
        }
        return values;
    }

    private static String describe(Node node) {
        if (node instanceof ScalarNode scalar) {
            return scalar.getTag().equals(Tag.NULL) ? "nothing" : "'" + scalar.getValue() + "'";
        }
        return node instanceof SequenceNode ? "a list" : "a mapping";
    }
}
