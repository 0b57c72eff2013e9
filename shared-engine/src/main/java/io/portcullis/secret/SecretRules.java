package io.portcullis.secret;

import io.portcullis.InputException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The rules one secret scan runs: the built-in ones, then the user's extra rules. Immutable. */
public final class SecretRules {
    private static final SecretRules BUILT_IN = new SecretRules(BuiltInSecretRules.RULES, false);

    private final Map<String, SecretRule> byId = new LinkedHashMap<>();
    private final boolean extended;

    private SecretRules(List<SecretRule> rules, boolean extended) {
        rules.forEach(rule -> byId.put(rule.id(), rule));
        this.extended = extended;
    }

    public static SecretRules builtIn() {
        return BUILT_IN;
    }

    /**
     * These rules and {@code extra} after them.
     *
     * @param source how errors name where the extra rules came from (the rule file)
     * @throws InputException when an extra rule reuses an id
     */
    public SecretRules with(List<SecretRule> extra, String source) {
        if (extra.isEmpty()) {
            return this;
        }
        List<SecretRule> all = new ArrayList<>(byId.values());
        for (SecretRule rule : extra) {
            if (byId.containsKey(rule.id()) || all.stream().anyMatch(r -> r.id().equals(rule.id()))) {
                throw new InputException(source + ": rule '" + rule.id() + "' is defined twice (a built-in rule or an earlier one has that id)");
            }
            all.add(rule);
        }
        return new SecretRules(all, true);
    }

    public List<SecretRule> all() {
        return List.copyOf(byId.values());
    }

    public Optional<SecretRule> byId(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /**
     * {@code text} (a build step, a message) with every secret these rules find in it redacted; rules
     * meant for one kind of file apply too, as the text is no file.
     */
    public String redactIn(String text) {
        return new SecretScanner(this).redact(text);
    }

    /**
     * Names the rule set in the analyzer id, so that the layer cache keeps the results of different
     * extra rules apart: empty for the built-in rules alone, else 12 hex digits of a hash over what the rules match.
     */
    String fingerprint() {
        if (!extended) {
            return "";
        }
        StringBuilder text = new StringBuilder();
        byId.values().forEach(rule -> text.append(rule.matchingDefinition()).append('\n'));
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
