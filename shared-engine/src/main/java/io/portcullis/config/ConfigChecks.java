package io.portcullis.config;

import io.portcullis.check.CheckFinding;
import io.portcullis.check.CheckKind;
import io.portcullis.image.ImageMetadata;
import io.portcullis.secret.Redaction;
import io.portcullis.secret.SecretRules;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs the {@link ConfigCheck}s over an image's config blob and history. */
public final class ConfigChecks {
    private static final Pattern UPDATE = Pattern.compile("\\b(apt-get|apt|apk|yum|dnf|microdnf)\\s+(-\\S+\\s+)*(update|makecache)\\b");
    private static final Pattern INSTALL = Pattern.compile("\\b(install|upgrade|dist-upgrade|add)\\b");
    /** A Dockerfile ADD as the classic builder ("#(nop) ADD") and BuildKit ("ADD ...") record it. */
    private static final Pattern ADD = Pattern.compile("(^|#\\(nop\\)\\s+)ADD\\s+(.*)$");
    private static final Pattern ARCHIVE = Pattern.compile("\\.(tar|tgz|tar\\.gz|tar\\.bz2|tbz2|tar\\.xz|txz|zip)$", Pattern.CASE_INSENSITIVE);
    private static final Pattern ASSIGNMENT = Pattern.compile("(?<![\\w$])([A-Za-z_][A-Za-z0-9_.-]*)=(\"[^\"]*\"|'[^']*'|\\S+)");
    private static final Pattern SUDO = Pattern.compile("(^|[\\s;&|(])sudo(\\s|$)|\\b(install|add)\\b[^;&|]*\\bsudo\\b");
    private static final Set<String> ROOT = Set.of("", "0", "root");
    private static final String BASE_NAME_LABEL = "org.opencontainers.image.base.name";
    private static final String BASE_DIGEST_LABEL = "org.opencontainers.image.base.digest";

    private ConfigChecks() {
    }

    /** No config blob (a root filesystem directory): nothing to check. */
    public static List<CheckFinding> check(ImageMetadata image) {
        if (image.config() == null) {
            return List.of();
        }
        return check(ImageSettings.parse(image.config(), "config of " + image.reference()), image.reference());
    }

    static List<CheckFinding> check(ImageSettings settings, String reference) {
        List<CheckFinding> findings = new ArrayList<>();
        String user = settings.user().split(":", 2)[0];
        if (ROOT.contains(user)) {
            findings.add(finding(ConfigCheck.ROOT_USER, "config.User",
                    settings.user().isEmpty() ? "config.User is not set, so the container runs as root"
                            : "config.User is '" + settings.user() + "' (root)"));
        }
        if (!settings.healthcheck()) {
            findings.add(finding(ConfigCheck.NO_HEALTHCHECK, "config.Healthcheck", "config.Healthcheck is not set or disabled"));
        }
        Set<String> envAssignments = new HashSet<>();
        for (String entry : settings.env()) {
            String[] parts = entry.split("=", 2);
            String value = parts.length == 2 ? parts[1] : "";
            if (SecretNames.holdsSecret(parts[0], value)) {
                envAssignments.add(parts[0] + "=" + value);
                findings.add(finding(ConfigCheck.SECRET_IN_ENV, "config.Env",
                        "config.Env sets " + parts[0] + "=" + Redaction.of(value)));
            }
        }
        for (Map.Entry<String, String> label : settings.labels().entrySet()) {
            if (SecretNames.holdsSecret(label.getKey(), label.getValue())) {
                findings.add(finding(ConfigCheck.SECRET_IN_LABEL, "config.Labels",
                        "label " + label.getKey() + "=" + Redaction.of(label.getValue())));
            }
        }
        for (ImageSettings.HistoryStep step : settings.history()) {
            historyChecks(step, envAssignments, findings);
        }
        if (settings.exposedPorts().contains("22/tcp") || settings.exposedPorts().contains("22")) {
            findings.add(finding(ConfigCheck.SSH_PORT, "config.ExposedPorts", "config.ExposedPorts includes 22/tcp"));
        }
        unpinned(settings, reference, findings);
        return List.copyOf(findings);
    }

    private static void historyChecks(ImageSettings.HistoryStep step, Set<String> envAssignments, List<CheckFinding> findings) {
        String command = step.createdBy();
        String where = "history[" + step.index() + "]";
        String shown = " in " + where + " '" + shownStep(command) + "'";
        Matcher update = UPDATE.matcher(command);
        if (update.find() && !INSTALL.matcher(command.substring(update.end())).find()) {
            findings.add(finding(ConfigCheck.UPDATE_ALONE, where, update.group(1) + " " + update.group(3) + " without an install in the same step" + shown));
        }
        Matcher add = ADD.matcher(command.trim());
        if (add.find()) {
            for (String source : addSources(add.group(2))) {
                boolean remote = source.startsWith("http://") || source.startsWith("https://");
                if (remote || ARCHIVE.matcher(source).find()) {
                    findings.add(finding(ConfigCheck.ADD_REMOTE, where, "ADD " + (remote ? "of remote URL " : "of archive ") + source + shown));
                }
            }
        }
        Matcher assignment = ASSIGNMENT.matcher(command);
        while (assignment.find()) {
            String name = assignment.group(1);
            String value = unquote(assignment.group(2));
            if (SecretNames.holdsSecret(name, value) && !envAssignments.contains(name + "=" + value)) {
                findings.add(finding(ConfigCheck.SECRET_IN_HISTORY, where, "build step sets " + name + "=" + Redaction.of(value) + shown));
            }
        }
        if (SUDO.matcher(command).find()) {
            findings.add(finding(ConfigCheck.SUDO, where, "sudo" + shown));
        }
    }

    /** The sources of "ADD [--flags] src... dest", leaving out the classic builder's "file:<hash> in /dest" form. */
    private static List<String> addSources(String arguments) {
        List<String> words = new ArrayList<>(List.of(arguments.trim().split("\\s+")));
        words.removeIf(w -> w.startsWith("--"));
        int in = words.indexOf("in");
        List<String> sources = in > 0 ? words.subList(0, in) : words.subList(0, Math.max(0, words.size() - 1));
        return sources.stream().filter(s -> !s.startsWith("file:") && !s.startsWith("dir:") && !s.startsWith("multi:")).toList();
    }

    private static void unpinned(ImageSettings settings, String reference, List<CheckFinding> findings) {
        String base = settings.labels().get(BASE_NAME_LABEL);
        if (base != null && !settings.labels().containsKey(BASE_DIGEST_LABEL) && floating(base)) {
            findings.add(finding(ConfigCheck.UNPINNED_BASE, "config.Labels",
                    "base image " + base + " (label " + BASE_NAME_LABEL + ") has no tag or :latest and no " + BASE_DIGEST_LABEL));
        }
        if (!reference.contains("://") && !reference.matches("^(docker-archive|oci|oci-archive|rootfs):.*") && !reference.startsWith("/")
                && floating(reference)) {
            findings.add(finding(ConfigCheck.UNPINNED_BASE, "image reference",
                    "image " + reference + " is referenced by " + (reference.endsWith(":latest") ? ":latest" : "no tag") + " without a digest"));
        }
    }

    /** A reference with no tag or ":latest", and no digest. */
    static boolean floating(String reference) {
        if (reference.contains("@")) {
            return false;
        }
        String last = reference.substring(reference.lastIndexOf('/') + 1);
        return !last.contains(":") || last.endsWith(":latest");
    }

    /** A history step's {@code created_by} as findings show it: credentials in its assignments redacted, at most 160 characters. */
    public static String shownStep(String createdBy) {
        return abbreviate(SecretRules.builtIn().redactIn(redactAssignments(createdBy)));
    }

    private static String redactAssignments(String command) {
        StringBuilder out = new StringBuilder();
        Matcher m = ASSIGNMENT.matcher(command);
        while (m.find()) {
            String replacement = SecretNames.holdsSecret(m.group(1), unquote(m.group(2)))
                    ? m.group(1) + "=" + Redaction.of(unquote(m.group(2))) : m.group();
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"") || value.startsWith("'") && value.endsWith("'"))) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }

    private static String abbreviate(String text) {
        String flat = text.replaceAll("\\s+", " ").trim();
        return flat.length() <= 160 ? flat : flat.substring(0, 157) + "...";
    }

    private static CheckFinding finding(ConfigCheck check, String location, String message) {
        return new CheckFinding(CheckKind.CONFIG, check.id(), check.severity(), check.title(), message, location,
                null, null, null, null, check.cisControl(), false);
    }
}
