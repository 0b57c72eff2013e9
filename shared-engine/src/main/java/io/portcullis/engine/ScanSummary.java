package io.portcullis.engine;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * What a CI host keeps of a scan: verdict, counts, failed rules, compliance scores, image, DB age,
 * files written, duration. A plain final class with fields and mutable-list copies (not a record, not
 * {@code List.of}) because Jenkins persists build actions with XStream, which reads neither back;
 * Jackson reads it from the fields.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
@JsonIgnoreProperties(ignoreUnknown = true)
public final class ScanSummary implements Serializable {

    private static final long serialVersionUID = 1L;

    private String verdict;
    private boolean passed;
    private SeverityCounts open;
    private SeverityCounts suppressed;
    private SeverityCounts total;
    private ArrayList<FailedRule> failedRules;
    private String imageReference;
    private String imageDigest;
    private String dbBuiltAt;
    private long dbAgeSeconds;
    private ArrayList<String> reportFiles;
    private long durationMillis;
    private String toolVersion;
    private String signatureStatus;
    private String signatureReason;
    private ArrayList<ComplianceScore> complianceScores;

    private ScanSummary() {
    }

    ScanSummary(boolean passed, SeverityCounts open, SeverityCounts suppressed, SeverityCounts total, List<FailedRule> failedRules,
                String imageReference, String imageDigest, String dbBuiltAt, long dbAgeSeconds, List<String> reportFiles,
                long durationMillis, String toolVersion, String signatureStatus, String signatureReason,
                List<ComplianceScore> complianceScores) {
        this.verdict = passed ? "PASS" : "FAIL";
        this.passed = passed;
        this.open = Objects.requireNonNull(open, "open");
        this.suppressed = Objects.requireNonNull(suppressed, "suppressed");
        this.total = Objects.requireNonNull(total, "total");
        this.failedRules = new ArrayList<>(failedRules);
        this.imageReference = imageReference;
        this.imageDigest = imageDigest;
        this.dbBuiltAt = dbBuiltAt;
        this.dbAgeSeconds = dbAgeSeconds;
        this.reportFiles = new ArrayList<>(reportFiles);
        this.durationMillis = durationMillis;
        this.toolVersion = toolVersion;
        this.signatureStatus = signatureStatus;
        this.signatureReason = signatureReason;
        this.complianceScores = new ArrayList<>(complianceScores);
    }

    /** "PASS" or "FAIL". */
    public String getVerdict() {
        return verdict;
    }

    public boolean isPassed() {
        return passed;
    }

    /** Findings not suppressed (whatever the display filter). */
    public SeverityCounts getOpen() {
        return open;
    }

    /** Findings suppressed by an ignore file, VEX or the policy's allow list. */
    public SeverityCounts getSuppressed() {
        return suppressed;
    }

    public SeverityCounts getTotal() {
        return total;
    }

    public List<FailedRule> getFailedRules() {
        return Collections.unmodifiableList(failedRules);
    }

    /** The image as the scan named it, normalised (e.g. "docker.io/library/alpine:3.11"). */
    public String getImageReference() {
        return imageReference;
    }

    /** The manifest digest, or null for a source without one (a rootfs directory). */
    public String getImageDigest() {
        return imageDigest;
    }

    /** When the vulnerability DB was built, ISO-8601; null for a scan without one (SBOM only). */
    public String getDbBuiltAt() {
        return dbBuiltAt;
    }

    /** The DB's age at the scan, in seconds; -1 when there was no DB. */
    public long getDbAgeSeconds() {
        return dbAgeSeconds;
    }

    /** Reports and SBOMs written to files, as given, in the spec's order. */
    public List<String> getReportFiles() {
        return Collections.unmodifiableList(reportFiles);
    }

    public long getDurationMillis() {
        return durationMillis;
    }

    /** The Portcullis version that scanned. */
    public String getToolVersion() {
        return toolVersion;
    }

    /**
     * The image signature check: VERIFIED, UNSIGNED, INVALID or NOT_CHECKED (the names of
     * {@code io.portcullis.signature.SignatureVerification.Status}); null in summaries stored before signatures were checked.
     */
    public String getSignatureStatus() {
        return signatureStatus;
    }

    /** Why the signature check came out as it did (which tag, which key fingerprint, what did not match); null as above. */
    public String getSignatureReason() {
        return signatureReason;
    }

    /** The score of each compliance benchmark the scan evaluated; empty in summaries stored before benchmarks were scored. */
    public List<ComplianceScore> getComplianceScores() {
        return complianceScores == null ? List.of() : Collections.unmodifiableList(complianceScores);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ScanSummary other && passed == other.passed && dbAgeSeconds == other.dbAgeSeconds
                && durationMillis == other.durationMillis && Objects.equals(verdict, other.verdict) && Objects.equals(open, other.open)
                && Objects.equals(suppressed, other.suppressed) && Objects.equals(total, other.total)
                && Objects.equals(failedRules, other.failedRules) && Objects.equals(imageReference, other.imageReference)
                && Objects.equals(imageDigest, other.imageDigest) && Objects.equals(dbBuiltAt, other.dbBuiltAt)
                && Objects.equals(reportFiles, other.reportFiles) && Objects.equals(toolVersion, other.toolVersion)
                && Objects.equals(signatureStatus, other.signatureStatus) && Objects.equals(signatureReason, other.signatureReason)
                && getComplianceScores().equals(other.getComplianceScores());
    }

    @Override
    public int hashCode() {
        return Objects.hash(verdict, open, suppressed, imageReference, imageDigest, dbBuiltAt, durationMillis);
    }

    @Override
    public String toString() {
        return verdict + " " + imageReference + " open[" + open + "] suppressed[" + suppressed + "] failed" + failedRules;
    }
}
