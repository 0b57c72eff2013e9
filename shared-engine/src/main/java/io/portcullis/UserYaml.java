package io.portcullis;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;

import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * A YAML file the user (or a pull request) gives us, read as node trees so that every error can name the line:
 * size-capped and UTF-8-checked through {@link UserFile#TEXT}, aliases bounded, and nothing but the plain JSON-like
 * types accepted. A type tag ({@code !!java.net.URL}, {@code !Ref}) or a merge key ({@code <<}) is refused rather
 * than ignored: the reader would see a different document than the tool the file was written for.
 */
public final class UserYaml {
    /** The tags the YAML core schema resolves plain values to; anything else was written on purpose. */
    private static final Set<Tag> PLAIN_TAGS = Set.of(Tag.STR, Tag.INT, Tag.BOOL, Tag.NULL, Tag.FLOAT, Tag.TIMESTAMP, Tag.MAP, Tag.SEQ);

    /**
     * One document of a file.
     *
     * @param index 1-based position in the file, counting every {@code ---} separated document the parser reports
     * @param root its root node; null for an empty document
     */
    public record Document(int index, Node root) {
    }

    private UserYaml() {
    }

    /** The single document of a policy or ignore file, or null when the file holds none. */
    public static Node single(Path file) {
        String text = UserFile.TEXT.utf8(file);
        try {
            Node root = yaml().compose(new StringReader(text));
            if (root != null) {
                refuseTags(file, 0, root);
            }
            return root;
        } catch (MarkedYAMLException e) {
            throw new InputException(where(file, mark(e)) + ": invalid YAML: " + e.getProblem());
        } catch (YAMLException e) {
            throw new InputException(file + ": invalid YAML: " + e.getMessage());
        }
    }

    /** Every document of a multi-document file (Kubernetes manifests, {@code helm template} output), in order. */
    public static List<Document> documents(Path file) {
        return documents(file, UserFile.TEXT.utf8(file));
    }

    /** As {@link #documents(Path)}, over text already read (through {@link UserFile}) from the file {@code name}d in messages. */
    public static List<Document> documents(Path name, String text) {
        Path file = name;
        List<Document> documents = new ArrayList<>();
        Iterator<Node> nodes = yaml().composeAll(new StringReader(text)).iterator();
        while (true) {
            int index = documents.size() + 1;
            Node root;
            try {
                if (!nodes.hasNext()) {
                    return documents;
                }
                root = nodes.next();
            } catch (MarkedYAMLException e) {
                throw new InputException(where(file, mark(e)) + ": invalid YAML in document " + index + ": " + e.getProblem());
            } catch (YAMLException e) {
                throw new InputException(file + ": invalid YAML in document " + index + ": " + e.getMessage());
            }
            if (root != null) {
                refuseTags(file, index, root);
            }
            documents.add(new Document(index, root));
        }
    }

    private static Yaml yaml() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(20);
        options.setCodePointLimit(UserFile.TEXT.maxBytes());
        DumperOptions dumper = new DumperOptions();
        return new Yaml(new SafeConstructor(options), new Representer(dumper), dumper, options);
    }

    /** Walks the tree once (aliases may share or even contain nodes, hence the identity set). */
    private static void refuseTags(Path file, int document, Node root) {
        Set<Node> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Node> pending = new ArrayList<>(List.of(root));
        while (!pending.isEmpty()) {
            Node node = pending.remove(pending.size() - 1);
            if (!seen.add(node)) {
                continue;
            }
            if (!PLAIN_TAGS.contains(node.getTag())) {
                throw new InputException(where(file, node.getStartMark()) + inDocument(document) + ": YAML tag '"
                        + node.getTag().getValue() + "' is not accepted (type tags are refused)");
            }
            if (node instanceof MappingNode mapping) {
                for (NodeTuple tuple : mapping.getValue()) {
                    if (tuple.getKeyNode().getTag().equals(Tag.MERGE)) {
                        throw new InputException(where(file, tuple.getKeyNode().getStartMark()) + inDocument(document)
                                + ": YAML merge keys ('<<') are not accepted; write the keys out");
                    }
                    pending.add(tuple.getKeyNode());
                    pending.add(tuple.getValueNode());
                }
            } else if (node instanceof SequenceNode sequence) {
                pending.addAll(sequence.getValue());
            }
        }
    }

    private static String inDocument(int document) {
        return document == 0 ? "" : " (document " + document + ")";
    }

    private static Mark mark(MarkedYAMLException e) {
        return e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
    }

    /** "file:line" with the 1-based line of a node mark. */
    public static String where(Path file, Mark mark) {
        return mark == null ? file.toString() : file + ":" + (mark.getLine() + 1);
    }
}
