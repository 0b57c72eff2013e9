package io.portcullis.secret;

import java.util.Objects;

/**
 * How one scan looks for secrets: which rules run in the layer pass, and which matches are not reported.
 *
 * @param rules the built-in rules and any extra ones
 * @param allowList matches that are left out of the results
 */
public record SecretSettings(SecretRules rules, SecretAllowList allowList) {
    public static final SecretSettings DEFAULT = new SecretSettings(SecretRules.builtIn(), SecretAllowList.none());

    public SecretSettings {
        Objects.requireNonNull(rules, "rules");
        Objects.requireNonNull(allowList, "allowList");
    }
}
