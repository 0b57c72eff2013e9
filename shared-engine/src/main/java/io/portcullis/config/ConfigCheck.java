package io.portcullis.config;

import io.portcullis.match.Severity;

/**
 * The image configuration checks, with their stable ids, severities and CIS Docker Benchmark 1.3.1
 * section-4 controls. Ids never change meaning; an ignore entry names them like a vulnerability id.
 */
public enum ConfigCheck {
    ROOT_USER("PCC-4.1-ROOT-USER", Severity.HIGH, "4.1", "container runs as root"),
    NO_HEALTHCHECK("PCC-4.6-NO-HEALTHCHECK", Severity.LOW, "4.6", "no HEALTHCHECK instruction"),
    UPDATE_ALONE("PCC-4.7-UPDATE-ALONE", Severity.MEDIUM, "4.7", "package index update alone in a build step"),
    SETUID_FILE("PCC-4.8-SETUID", Severity.MEDIUM, "4.8", "setuid or setgid file added by the image"),
    ADD_REMOTE("PCC-4.9-ADD-REMOTE", Severity.MEDIUM, "4.9", "ADD of a remote URL or archive instead of COPY"),
    SECRET_IN_ENV("PCC-4.10-SECRET-ENV", Severity.HIGH, "4.10", "secret in an ENV variable"),
    SECRET_IN_HISTORY("PCC-4.10-SECRET-HISTORY", Severity.HIGH, "4.10", "secret in the build history (ENV or ARG)"),
    SECRET_IN_LABEL("PCC-4.10-SECRET-LABEL", Severity.HIGH, "4.10", "secret in a label"),
    UNPINNED_BASE("PCC-UNPINNED-BASE", Severity.MEDIUM, null, "image or base referenced by :latest or no tag, without a digest"),
    SSH_PORT("PCC-SSH-PORT", Severity.MEDIUM, null, "SSH port 22 exposed"),
    SUDO("PCC-SUDO", Severity.MEDIUM, null, "sudo installed or used in the build");

    private final String id;
    private final Severity severity;
    private final String cisControl;
    private final String title;

    ConfigCheck(String id, Severity severity, String cisControl, String title) {
        this.id = id;
        this.severity = severity;
        this.cisControl = cisControl;
        this.title = title;
    }

    public String id() {
        return id;
    }

    public Severity severity() {
        return severity;
    }

    /** The CIS Docker Benchmark 1.3.1 control, or null for checks outside section 4. */
    public String cisControl() {
        return cisControl;
    }

    public String title() {
        return title;
    }
}
