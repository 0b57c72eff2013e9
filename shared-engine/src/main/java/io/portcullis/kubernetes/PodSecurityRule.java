package io.portcullis.kubernetes;

import io.portcullis.match.Severity;

/**
 * The Kubernetes rules, each with the stable id an ignore entry names. Meanings follow the Pod Security Standards
 * (baseline: privileged, host namespaces, hostPath; restricted: non-root, privilege escalation, capabilities,
 * seccomp), plus the seed's read-only root filesystem and its approved-registry rule (a Falco rule of priority
 * CRITICAL, hence the severity).
 */
public enum PodSecurityRule {
    RUN_AS_NON_ROOT("PCK-RUN-AS-NON-ROOT", Severity.HIGH, "Container may run as root"),
    READ_ONLY_ROOT_FILESYSTEM("PCK-READ-ONLY-ROOT-FS", Severity.MEDIUM, "Root filesystem is writable"),
    PRIVILEGE_ESCALATION("PCK-PRIVILEGE-ESCALATION", Severity.HIGH, "Privilege escalation is not disabled"),
    CAPABILITIES_DROP("PCK-CAPABILITIES-DROP", Severity.MEDIUM, "Capabilities are not dropped"),
    CAPABILITIES_ADD("PCK-CAPABILITIES-ADD", Severity.HIGH, "Capability added beyond the allowed ones"),
    SECCOMP("PCK-SECCOMP", Severity.MEDIUM, "Seccomp profile is not RuntimeDefault or Localhost"),
    PRIVILEGED("PCK-PRIVILEGED", Severity.CRITICAL, "Privileged container"),
    HOST_NAMESPACE("PCK-HOST-NAMESPACE", Severity.HIGH, "Pod shares a host namespace"),
    HOST_PATH("PCK-HOST-PATH", Severity.HIGH, "Pod mounts a hostPath volume"),
    REGISTRY("PCK-REGISTRY", Severity.CRITICAL, "Image not from an approved registry"),
    IMAGE_DIGEST("PCK-IMAGE-DIGEST", Severity.MEDIUM, "Image not pinned by digest");

    private final String id;
    private final Severity severity;
    private final String title;

    PodSecurityRule(String id, Severity severity, String title) {
        this.id = id;
        this.severity = severity;
        this.title = title;
    }

    public String id() {
        return id;
    }

    public Severity severity() {
        return severity;
    }

    public String title() {
        return title;
    }
}
