package io.portcullis.kubernetes;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A mapping in a manifest together with its field path from the document root, so a finding can name
 * {@code spec.template.spec.containers[1].securityContext} and the line it starts on. Values of the wrong type
 * read as absent: the API server would reject such a manifest, and absent is the stricter reading for every
 * rule (a required field is missing, a forbidden one is not set).
 */
final class ManifestObject {
    private final MappingNode node;
    private final String path;

    private ManifestObject(MappingNode node, String path) {
        this.node = node;
        this.path = path;
    }

    /** The mapping at {@code node}, or empty when it is not one. */
    static Optional<ManifestObject> of(Node node, String path) {
        return node instanceof MappingNode mapping ? Optional.of(new ManifestObject(mapping, path)) : Optional.empty();
    }

    String path() {
        return path;
    }

    /** 1-based line the mapping starts on. */
    int line() {
        return node.getStartMark().getLine() + 1;
    }

    /** The path of a field of this mapping, present or not. */
    String pathOf(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    Optional<Node> value(String key) {
        for (NodeTuple tuple : node.getValue()) {
            if (tuple.getKeyNode() instanceof ScalarNode scalar && scalar.getValue().equals(key)) {
                return Optional.of(tuple.getValueNode());
            }
        }
        return Optional.empty();
    }

    /** 1-based line of the field's key, where a reader looks for a field whose value is a block mapping; the mapping's own line when absent. */
    int keyLine(String key) {
        for (NodeTuple tuple : node.getValue()) {
            if (tuple.getKeyNode() instanceof ScalarNode scalar && scalar.getValue().equals(key)) {
                return scalar.getStartMark().getLine() + 1;
            }
        }
        return line();
    }

    /** 1-based line of the field's value. */
    static int lineOf(Node value) {
        return value.getStartMark().getLine() + 1;
    }

    Optional<ManifestObject> object(String key) {
        return value(key).flatMap(v -> of(v, pathOf(key)));
    }

    /** The mappings of a list field, each with its {@code [i]} path. */
    List<ManifestObject> objects(String key) {
        List<ManifestObject> items = new ArrayList<>();
        if (value(key).orElse(null) instanceof SequenceNode sequence) {
            List<Node> values = sequence.getValue();
            for (int i = 0; i < values.size(); i++) {
                of(values.get(i), pathOf(key) + "[" + i + "]").ifPresent(items::add);
            }
        }
        return items;
    }

    Optional<String> text(String key) {
        return value(key).filter(v -> v instanceof ScalarNode s && !s.getTag().equals(Tag.NULL)).map(v -> ((ScalarNode) v).getValue());
    }

    /** A boolean as YAML 1.1 (and so {@code kubectl}'s parser) reads it: true, yes, on in any case. */
    Optional<Boolean> bool(String key) {
        return value(key).filter(v -> v instanceof ScalarNode s && s.getTag().equals(Tag.BOOL))
                .map(v -> List.of("true", "yes", "on").contains(((ScalarNode) v).getValue().toLowerCase(Locale.ROOT)));
    }

    Optional<Long> integer(String key) {
        return value(key).filter(v -> v instanceof ScalarNode s && s.getTag().equals(Tag.INT)).flatMap(v -> {
            try {
                return Optional.of(Long.decode(((ScalarNode) v).getValue().replace("_", "")));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }

    /** The text items of a list field (capabilities), skipping anything that is not text. */
    List<String> texts(String key) {
        List<String> items = new ArrayList<>();
        if (value(key).orElse(null) instanceof SequenceNode sequence) {
            for (Node item : sequence.getValue()) {
                if (item instanceof ScalarNode scalar && !scalar.getTag().equals(Tag.NULL)) {
                    items.add(scalar.getValue());
                }
            }
        }
        return items;
    }
}
