package io.portcullis.secret;

import io.portcullis.match.Severity;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One kind of credential a secret scan looks for in layer files.
 *
 * @param id stable id ("PCS-GITHUB-TOKEN"): what findings, ignore entries and allow-lists name
 * @param title one line naming what was found
 * @param severity how bad a leak of it is
 * @param pattern what a match looks like; its named group {@code secret}, when it has one, is the
 *     secret itself (what is redacted and measured), else the whole match is
 * @param keywords lower-case strings of which a file must contain one before the pattern is tried
 *     (a cheap filter: most files contain none); empty means always try
 * @param paths which files the rule applies to (found anywhere in the root-relative path), or null for every file
 * @param minEntropy the least Shannon entropy, in bits per character, the secret must have; 0 for none.
 *     For the generic {@code password=} rule, where a low value is a placeholder ("changeme")
 */
public record SecretRule(String id, String title, Severity severity, Pattern pattern, List<String> keywords, Pattern paths,
                         double minEntropy) {

    private static final String SECRET_GROUP = "(?<secret>";

    public SecretRule {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(pattern, "pattern");
        keywords = keywords.stream().map(k -> k.toLowerCase(Locale.ROOT)).toList();
    }

    boolean appliesTo(String path) {
        return paths == null || paths.matcher(path).find();
    }

    /** Whether the pattern names the part that is the secret. */
    boolean hasSecretGroup() {
        return pattern.pattern().contains(SECRET_GROUP);
    }

    /** What changes the rule's matches (not its title or severity): part of the layer cache key. */
    String matchingDefinition() {
        return id + "\u0000" + pattern.pattern() + "\u0000" + pattern.flags() + "\u0000" + String.join(",", keywords)
                + "\u0000" + (paths == null ? "" : paths.pattern()) + "\u0000" + minEntropy;
    }
}
