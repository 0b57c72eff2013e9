package io.portcullis.policy;

import io.portcullis.image.ImageMetadata;
import io.portcullis.match.Finding;
import io.portcullis.match.Severity;
import io.portcullis.signature.SignatureVerification;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * PCI DSS 4.0 as far as one image scan shows it, with the seed's control numbers and names: 6.2 security patches,
 * 6.4 change control, 10.2 audit logging. Every control is automated: each passes only on evidence this scan
 * holds (a verified signature, an audit log it writes), never on the absence of a check.
 */
public final class PciDss {
    public static final String NAME = "pci_dss";
    public static final String TITLE = "PCI DSS";
    public static final String VERSION = "4.0";

    static final String PATCHES = "6.2";
    static final String CHANGE_CONTROL = "6.4";
    static final String AUDIT_LOGGING = "10.2";

    private static final List<String> CONTROLS = List.of(PATCHES, CHANGE_CONTROL, AUDIT_LOGGING);

    /**
     * What the scan shows about the image beyond its findings.
     *
     * @param image the scanned image: its reference says whether it was pinned by digest
     * @param signature what the signature check found
     * @param auditLog the audit log this scan appends its line to, or null when it writes none
     * @param audit the policy's audit configuration: the fields that line carries
     */
    record ScanEvidence(ImageMetadata image, SignatureVerification signature, Path auditLog, AuditConfiguration audit) {
    }

    private PciDss() {
    }

    public static List<String> controlIds() {
        return CONTROLS;
    }

    /**
     * @param vulnerabilities the assessed vulnerability findings of a scan that matched against a vulnerability DB
     * @param gracePeriod how long a fixable CRITICAL or HIGH vulnerability may be open, counted from its publication
     * @param now the evaluation time the ages are measured at
     */
    static BenchmarkResult evaluate(List<AssessedFinding> vulnerabilities, ScanEvidence evidence, Duration gracePeriod, Instant now) {
        return new BenchmarkResult(NAME, TITLE, VERSION, List.of(
                patches(vulnerabilities, gracePeriod, now),
                changeControl(evidence.image(), evidence.signature()),
                auditLogging(evidence.auditLog(), evidence.audit())));
    }

    /**
     * No open (counted) fixable CRITICAL or HIGH vulnerability published longer ago than the grace period. A finding
     * whose records carry no publication date cannot be shown to be recent, so it counts as overdue.
     */
    private static ControlResult patches(List<AssessedFinding> vulnerabilities, Duration grace, Instant now) {
        String title = "Security patches: no open fixable critical or high vulnerability older than the patch grace period";
        String graceText = PolicyEvaluator.format(grace);
        List<String> overdue = new ArrayList<>();
        List<String> evidence = new ArrayList<>();
        List<String> withinGrace = new ArrayList<>();
        for (AssessedFinding a : vulnerabilities) {
            Finding f = a.finding();
            if (!a.counted() || !f.hasFix() || f.severity().compareTo(Severity.HIGH) < 0) {
                continue;
            }
            String fact = a.key() + ": " + f.severity() + ", fixed in " + String.join(", ", f.fixedVersions());
            if (f.published() == null) {
                overdue.add(a.key());
                evidence.add(fact + ", no publication date in its records (counted as older than " + graceText + ")");
            } else {
                Duration age = Duration.between(f.published(), now);
                String when = fact + ", published " + LocalDate.ofInstant(f.published(), ZoneOffset.UTC) + " (" + PolicyEvaluator.format(age) + " ago)";
                if (age.compareTo(grace) > 0) {
                    overdue.add(a.key());
                    evidence.add(when + ", past the " + graceText + " grace period");
                } else {
                    withinGrace.add(when + ", within the " + graceText + " grace period");
                }
            }
        }
        if (overdue.isEmpty()) {
            List<String> passed = new ArrayList<>();
            passed.add("no open fixable CRITICAL or HIGH vulnerability published more than " + graceText + " ago");
            passed.addAll(withinGrace);
            return new ControlResult(PATCHES, title, ControlResult.Status.PASS, passed);
        }
        evidence.addAll(withinGrace);
        return new ControlResult(PATCHES, title, ControlResult.Status.FAIL, evidence, overdue);
    }

    /** Pinned by digest and carrying a verified signature: the image is exactly the one that was approved. */
    private static ControlResult changeControl(ImageMetadata image, SignatureVerification signature) {
        String title = "Change control: image pinned by digest and signed";
        boolean pinned = image.reference().contains("@sha256:");
        List<String> evidence = new ArrayList<>();
        evidence.add(pinned ? "image referenced by digest: " + image.reference()
                : "image reference " + image.reference() + " is not pinned by digest (name@sha256:...)");
        evidence.add(signature.verified() ? "signature verified: " + signature.reason()
                : "no verified signature (" + signature.status() + "): " + signature.reason());
        boolean passed = pinned && signature.verified();
        return new ControlResult(CHANGE_CONTROL, title, passed ? ControlResult.Status.PASS : ControlResult.Status.FAIL, evidence);
    }

    /** An audit line is appended for this scan, carrying every field of the seed's audit trail. */
    private static ControlResult auditLogging(Path auditLog, AuditConfiguration audit) {
        String title = "Audit logging: an audit trail is written for the scan";
        List<String> evidence = new ArrayList<>();
        if (auditLog == null) {
            evidence.add("no audit log for this scan (--audit-log FILE)");
        } else {
            evidence.add("audit line appended to " + auditLog + " with " + String.join(", ", audit.fields()));
        }
        List<String> missing = audit.missingFields();
        if (!missing.isEmpty()) {
            evidence.add("audit_configuration.audit_trail leaves out " + String.join(", ", missing));
        }
        if (audit.retention() != null) {
            evidence.add("retention_period " + PolicyEvaluator.format(audit.retention()) + " is kept by the store the log is shipped to");
        }
        boolean passed = auditLog != null && missing.isEmpty();
        return new ControlResult(AUDIT_LOGGING, title, passed ? ControlResult.Status.PASS : ControlResult.Status.FAIL, evidence);
    }
}
