package io.portcullis.config;

import java.util.Locale;
import java.util.regex.Pattern;

/** Whether a variable or label name says its value is a credential (CIS 4.10: secrets in ENV, ARG or labels). */
final class SecretNames {
    private static final Pattern CREDENTIAL = Pattern.compile(
            "(^|[_.-])(PASSWORD|PASSWD|PASS|PWD|SECRET|TOKEN|APIKEY|API_KEY|ACCESS_KEY|SECRET_KEY|PRIVATE_KEY|CREDENTIALS?|AUTH)($|[_.-])");
    /** Names that point at where a credential lives rather than holding it. */
    private static final Pattern REFERENCE = Pattern.compile("(_FILE|_PATH|_DIR|_URL|_ENDPOINT|_ID)$");

    private SecretNames() {
    }

    static boolean holdsSecret(String name, String value) {
        String upper = name.toUpperCase(Locale.ROOT);
        if (value.isBlank() || value.startsWith("$") || value.startsWith("/run/secrets/")) {
            return false;
        }
        return CREDENTIAL.matcher(upper).find() && !(REFERENCE.matcher(upper).find() && !upper.contains("SECRET"));
    }
}
