package io.portcullis.scan;

import io.portcullis.check.CheckFinding;
import io.portcullis.check.CheckKind;
import io.portcullis.image.ImageMetadata;
import io.portcullis.inventory.Inventory;
import io.portcullis.match.Finding;
import io.portcullis.sbom.SbomValidation;
import io.portcullis.signature.SignatureVerification;
import io.portcullis.vulndb.DatabaseInfo;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What one scan found, before any policy is applied. Every finding is here; gating is separate.
 *
 * @param image identity of the scanned image
 * @param inventory what is installed
 * @param findings every vulnerability match, one per (package, vulnerability)
 * @param database the vulnerability DB used, or null for an inventory-only scan
 * @param startedAt when the scan began
 * @param duration how long it took
 * @param checkFindings misconfigurations and secrets, for the scan types that look for them
 * @param checksRun the kinds of check that ran: none found is only a pass for these
 * @param signature what the signature check found (NOT_CHECKED when no key was given)
 * @param sbomValidation the SBOMs validated for the gate ({@link SbomValidation#NONE} when none was asked for)
 */
public record ScanResult(
        ImageMetadata image,
        Inventory inventory,
        List<Finding> findings,
        DatabaseInfo database,
        Instant startedAt,
        Duration duration,
        List<CheckFinding> checkFindings,
        Set<CheckKind> checksRun,
        SignatureVerification signature,
        SbomValidation sbomValidation) {

    /** Why a result made without a signature check has none. */
    private static final String NO_SIGNATURE_CHECK = "no public key given (--signature-key FILE, or signature_keys in the policy)";

    /** A result with vulnerability findings only. */
    public ScanResult(ImageMetadata image, Inventory inventory, List<Finding> findings, DatabaseInfo database, Instant startedAt,
                      Duration duration) {
        this(image, inventory, findings, database, startedAt, duration, List.of(), Set.of());
    }

    /** A result without a signature check. */
    public ScanResult(ImageMetadata image, Inventory inventory, List<Finding> findings, DatabaseInfo database, Instant startedAt,
                      Duration duration, List<CheckFinding> checkFindings, Set<CheckKind> checksRun) {
        this(image, inventory, findings, database, startedAt, duration, checkFindings, checksRun,
                SignatureVerification.notChecked(NO_SIGNATURE_CHECK));
    }

    /** A result without an SBOM validation. */
    public ScanResult(ImageMetadata image, Inventory inventory, List<Finding> findings, DatabaseInfo database, Instant startedAt,
                      Duration duration, List<CheckFinding> checkFindings, Set<CheckKind> checksRun, SignatureVerification signature) {
        this(image, inventory, findings, database, startedAt, duration, checkFindings, checksRun, signature, SbomValidation.NONE);
    }

    public ScanResult {
        Objects.requireNonNull(sbomValidation, "sbomValidation");
        findings = List.copyOf(findings);
        checkFindings = List.copyOf(checkFindings);
        checksRun = Set.copyOf(checksRun);
        Objects.requireNonNull(signature, "signature");
    }

    /** This result with the SBOM validation the engine ran after the scan. */
    public ScanResult withSbomValidation(SbomValidation validation) {
        return new ScanResult(image, inventory, findings, database, startedAt, duration, checkFindings, checksRun, signature, validation);
    }
}
