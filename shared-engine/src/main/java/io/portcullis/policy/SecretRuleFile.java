package io.portcullis.policy;

import io.portcullis.InputException;
import io.portcullis.match.Severity;
import io.portcullis.secret.SecretRule;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A file of extra secret rules, in the shape of Trivy's {@code trivy-secret.yaml} that teams already keep:
 * {@code rules:} (each {@code id}, {@code regex}, {@code severity}, optional {@code keywords}, {@code title},
 * {@code category}) and {@code disable-rules:} (rule ids not to report). The regex is Java's; Python's
 * {@code (?P<secret>...)} group syntax is accepted and means the same: the group is the secret.
 *
 * @param rules the extra rules, in file order
 * @param disabledRules ids whose matches are not reported
 */
public record SecretRuleFile(List<SecretRule> rules, List<String> disabledRules) {
    private static final Set<String> TOP_KEYS = Set.of("rules", "disable-rules");
    private static final Set<String> RULE_KEYS = Set.of("id", "title", "category", "severity", "regex", "keywords");

    public SecretRuleFile {
        rules = List.copyOf(rules);
        disabledRules = List.copyOf(disabledRules);
    }

    /** @throws InputException naming the file (and line, the rule id and the regex error) on any problem */
    public static SecretRuleFile load(Path file) {
        Node root = YamlFile.parse(file);
        if (root == null) {
            throw new InputException(file + ": secret rule file is empty (expected a 'rules' list)");
        }
        YamlFile yaml = YamlFile.of(file);
        Map<String, Node> top = yaml.mapping(root, "the secret rule file", TOP_KEYS);
        List<SecretRule> rules = new ArrayList<>();
        if (top.containsKey("rules")) {
            if (!(top.get("rules") instanceof SequenceNode list)) {
                throw yaml.error(top.get("rules"), "'rules' must be a list of rules");
            }
            for (Node item : list.getValue()) {
                rules.add(rule(yaml, file, item));
            }
        }
        List<String> disabled = top.containsKey("disable-rules") ? yaml.strings(top.get("disable-rules"), "disable-rules") : List.of();
        return new SecretRuleFile(rules, disabled);
    }

    private static SecretRule rule(YamlFile yaml, Path file, Node node) {
        Map<String, Node> entries = yaml.mapping(node, "a secret rule", RULE_KEYS);
        for (String required : List.of("id", "regex", "severity")) {
            if (!entries.containsKey(required)) {
                throw yaml.error(node, "a secret rule needs '" + required + "'");
            }
        }
        String id = yaml.string(entries.get("id"), "id").trim();
        if (id.isEmpty() || id.chars().anyMatch(Character::isWhitespace)) {
            throw yaml.error(entries.get("id"), "rule id '" + id + "' must be one word");
        }
        String severityText = yaml.string(entries.get("severity"), "severity").trim().toUpperCase(Locale.ROOT);
        Severity severity;
        try {
            severity = Severity.valueOf(severityText);
        } catch (IllegalArgumentException e) {
            throw yaml.error(entries.get("severity"), "rule '" + id + "': severity must be CRITICAL, HIGH, MEDIUM or LOW, got '" + severityText + "'");
        }
        String regex = yaml.string(entries.get("regex"), "regex").replace("(?P<", "(?<");
        Pattern pattern;
        try {
            pattern = Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new InputException(yaml.where(entries.get("regex")) + ": rule '" + id + "': bad regex: " + e.getDescription()
                    + (e.getIndex() >= 0 ? " near index " + e.getIndex() : ""));
        }
        List<String> keywords = entries.containsKey("keywords") ? yaml.strings(entries.get("keywords"), "keywords") : List.of();
        String title = entries.containsKey("title") ? yaml.string(entries.get("title"), "title") : id;
        return new SecretRule(id, title, severity, pattern, keywords, null, 0);
    }
}
