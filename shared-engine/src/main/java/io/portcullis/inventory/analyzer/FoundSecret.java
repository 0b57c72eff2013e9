package io.portcullis.inventory.analyzer;

import java.util.Objects;

/**
 * A credential found in one file, as the layer cache keeps it: never the secret itself, only its
 * redacted form, so that whoever reads the cache directory learns no more than the reports show.
 *
 * @param ruleId the rule that matched ("PCS-AWS-SECRET-KEY")
 * @param line the 1-based line where the match starts
 * @param redacted the secret as every output shows it (at most its first four characters, then a mask)
 */
public record FoundSecret(String ruleId, int line, String redacted) {
    public FoundSecret {
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(redacted, "redacted");
    }
}
