package io.portcullis.secret;

import io.portcullis.match.Severity;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The rules every secret scan runs, in the order they are tried: where two rules match the same
 * characters, the earlier (more specific) one reports them. Token formats are the providers'
 * documented ones (docs/secrets.md lists the sources).
 */
final class BuiltInSecretRules {

    /** The value of a {@code name = value} assignment: no quote, space, separator or template syntax. */
    private static final String VALUE = "[^\\s'\"`,;$<>{}()\\[\\]]";
    /** Words of a variable or key name saying it holds a credential, as in the generic rule. */
    private static final String SECRET_NAME_WORD = "(?:password|passwd|pwd|secret|token|api[_-]?key|access[_-]?key|private[_-]?key|credentials?|auth)";

    /** The words of the generic assignment rule's name. */
    private static final String SECRET_ASSIGNMENT_WORD = "(?:password|passwd|pwd|secret|token|api[_-]?key)";

    private BuiltInSecretRules() {
    }

    static final List<SecretRule> RULES = List.of(
            rule("PCS-AWS-ACCESS-KEY-ID", "AWS access key id", Severity.HIGH,
                    "\\b(?<secret>(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16})\\b", List.of("akia", "asia", "abia", "acca")),
            rule("PCS-AWS-SECRET-KEY", "AWS secret access key", Severity.CRITICAL,
                    "(?i)(?:aws[\\w.-]{0,20}(?:secret|private)[\\w.-]{0,20}|secret_?access_?key)['\"]?\\s*[:=]\\s*['\"]?"
                            + "(?<secret>(?-i:[A-Za-z0-9/+]{40}))(?![A-Za-z0-9/+=])",
                    List.of("aws", "secretaccesskey", "secret_access_key")),
            rule("PCS-GITHUB-TOKEN", "GitHub token", Severity.CRITICAL,
                    "\\b(?<secret>gh[pousr]_[A-Za-z0-9]{36})\\b", List.of("ghp_", "gho_", "ghu_", "ghs_", "ghr_")),
            rule("PCS-GITHUB-FINE-GRAINED-TOKEN", "GitHub fine-grained personal access token", Severity.CRITICAL,
                    "\\b(?<secret>github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59})\\b", List.of("github_pat_")),
            rule("PCS-GITLAB-TOKEN", "GitLab personal access token", Severity.CRITICAL,
                    "\\b(?<secret>glpat-[A-Za-z0-9_-]{20,})", List.of("glpat-")),
            rule("PCS-SLACK-TOKEN", "Slack token", Severity.HIGH,
                    "\\b(?<secret>xox[abpr]-[0-9]{6,}-[0-9A-Za-z-]{10,})", List.of("xoxa-", "xoxb-", "xoxp-", "xoxr-")),
            rule("PCS-SLACK-WEBHOOK", "Slack incoming webhook URL", Severity.HIGH,
                    "(?<secret>https://hooks\\.slack\\.com/services/T[A-Z0-9]{6,}/B[A-Z0-9]{6,}/[A-Za-z0-9]{20,})", List.of("hooks.slack.com")),
            rule("PCS-NPM-TOKEN", "npm access token", Severity.CRITICAL,
                    "\\b(?<secret>npm_[A-Za-z0-9]{36})\\b", List.of("npm_")),
            rule("PCS-PYPI-TOKEN", "PyPI API token", Severity.CRITICAL,
                    "(?<secret>pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,})", List.of("pypi-ageichlwas5vcmc")),
            rule("PCS-AZURE-STORAGE-CONNECTION-STRING", "Azure storage connection string with an account key", Severity.CRITICAL,
                    "(?i)DefaultEndpointsProtocol=https?;(?:[A-Za-z]+=[^;\\s]*;)*?AccountKey=(?<secret>(?-i:[A-Za-z0-9+/]{86}==))",
                    List.of("defaultendpointsprotocol")),
            rule("PCS-AZURE-STORAGE-KEY", "Azure storage account key", Severity.CRITICAL,
                    "(?i)(?:AccountKey|azure[\\w.-]{0,30}key)['\"]?\\s*[:=]\\s*['\"]?(?<secret>(?-i:[A-Za-z0-9+/]{86}==))",
                    List.of("accountkey", "azure")),
            rule("PCS-GCP-SERVICE-ACCOUNT", "Google Cloud service account key (JSON)", Severity.CRITICAL,
                    "(?s)\"type\"\\s*:\\s*\"service_account\".{0,4000}?\"private_key\"\\s*:\\s*\"(?<secret>[^\"]{20,})\"",
                    List.of("service_account")),
            rule("PCS-PRIVATE-KEY", "private key (PEM or OpenSSH)", Severity.CRITICAL,
                    "-----BEGIN (?:RSA |DSA |EC |ENCRYPTED |OPENSSH |PGP )?PRIVATE KEY(?: BLOCK)?-----(?:\\s|\\\\n)*"
                            + "(?:[A-Za-z-]+:[^\\n]*(?:\\s|\\\\n)*)*(?<secret>[A-Za-z0-9+/=]{16,})",
                    List.of("private key")),
            rule("PCS-PUTTY-PRIVATE-KEY", "PuTTY private key", Severity.CRITICAL,
                    "PuTTY-User-Key-File-[23]:[^\\n]*\\n(?:[^\\n]*\\n){0,40}?Private-Lines:\\s*\\d+\\s*\\n(?<secret>[A-Za-z0-9+/=]{16,})",
                    List.of("putty-user-key-file")),
            fileRule("PCS-NPMRC-AUTH", "npm registry credential in .npmrc", "(^|/)\\.npmrc$",
                    "(?m)^\\s*(?:\\S*:)?_(?:authToken|auth|password)\\s*=\\s*['\"]?(?<secret>" + VALUE + "+)", List.of("_auth", "_password")),
            fileRule("PCS-PYPIRC-PASSWORD", "package index password in .pypirc", "(^|/)\\.pypirc$",
                    "(?m)^\\s*password\\s*[:=]\\s*(?<secret>" + VALUE + "+)", List.of("password")),
            fileRule("PCS-DOCKER-CONFIG-AUTH", "registry credential in .docker/config.json", "(^|/)\\.docker/config\\.json$",
                    "\"(?:auth|identitytoken)\"\\s*:\\s*\"(?<secret>[A-Za-z0-9+/=._-]{8,})\"", List.of("auth", "identitytoken")),
            fileRule("PCS-GIT-CREDENTIALS", "password in .git-credentials", "(^|/)\\.git-credentials$",
                    "[a-z][a-z0-9+.-]*://[^:/\\s@]+:(?<secret>[^@\\s]+)@", List.of("://")),
            fileRule("PCS-NETRC-PASSWORD", "password in .netrc", "(^|/)[._]netrc$",
                    "\\bpassword\\s+(?<secret>\\S+)", List.of("password")),
            fileRule("PCS-DOTENV-SECRET", "credential in a .env file", "(^|/)\\.env(\\.[\\w.-]+)?$",
                    "(?mi)^[ \\t]*(?:export[ \\t]+)?[A-Za-z0-9_]*" + SECRET_NAME_WORD + "[A-Za-z0-9_]*[ \\t]*=[ \\t]*['\"]?(?<secret>" + VALUE + "+)",
                    List.of("pass", "pwd", "secret", "token", "key", "credential", "auth")),
            rule("PCS-JWT", "JSON Web Token", Severity.MEDIUM,
                    "\\b(?<secret>eyJ[A-Za-z0-9_-]{10,}\\.eyJ[A-Za-z0-9_-]{10,}\\.[A-Za-z0-9_-]{20,})", List.of("eyj")),
            new SecretRule("PCS-SECRET-ASSIGNMENT", "high-entropy value assigned to a password, secret or token", Severity.MEDIUM,
                    // The name word first, then a look back for the start of the name: a pattern beginning at the name's start
                    // is tried, with up to 40 characters of backtracking, at every word of every text file (most of a secret
                    // scan's time, docs/benchmarks.md); the name word alone is tried in a character or two.
                    Pattern.compile("(?i)" + SECRET_ASSIGNMENT_WORD + "(?<=(?<![\\w.-])[\\w.-]{0,40}" + SECRET_ASSIGNMENT_WORD + ")"
                            + "[\\w.-]{0,40}['\"]?[ \\t]*[:=][ \\t]*['\"]?"
                            + "(?<secret>" + VALUE + "{8,200})(?![$<>{}()\\[\\]])"),
                    List.of("pass", "pwd", "secret", "token", "apikey", "api_key", "api-key"), null, 3.5));

    private static SecretRule rule(String id, String title, Severity severity, String regex, List<String> keywords) {
        return new SecretRule(id, title, severity, Pattern.compile(regex), keywords, null, 0);
    }

    /** A rule for a known credential file: whatever value the file's credential field has is the secret. */
    private static SecretRule fileRule(String id, String title, String path, String regex, List<String> keywords) {
        return new SecretRule(id, title, Severity.HIGH, Pattern.compile(regex), keywords, Pattern.compile(path), 0);
    }
}
