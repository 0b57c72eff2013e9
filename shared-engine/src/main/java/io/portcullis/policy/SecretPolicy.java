package io.portcullis.policy;

import java.nio.file.Path;
import java.util.List;

/**
 * The policy file's {@code security_gates.container_scan.secrets} block: how the secret scan is tuned.
 *
 * @param allowPaths globs over root-relative paths whose matches are not reported
 * @param allowRules rule ids whose matches are not reported
 * @param rulesFile extra rules (docs/secrets.md), resolved against the policy file's directory, or null
 */
public record SecretPolicy(List<String> allowPaths, List<String> allowRules, Path rulesFile) {
    public static final SecretPolicy NONE = new SecretPolicy(List.of(), List.of(), null);

    public SecretPolicy {
        allowPaths = List.copyOf(allowPaths);
        allowRules = List.copyOf(allowRules);
    }
}
