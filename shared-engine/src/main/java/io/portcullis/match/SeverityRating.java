package io.portcullis.match;

import io.portcullis.vulndb.AffectedPackage;
import io.portcullis.vulndb.SeverityScore;
import io.portcullis.vulndb.Vulnerability;
import us.springett.cvss.Cvss;
import us.springett.cvss.MalformedVectorException;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Rates one record for one package. Order of trust: a CVSS vector (newest CVSS version first; the affected
 * entry's own before the record's), then the Ubuntu priority, then a severity word the database gives
 * ({@code database_specific.severity} as GHSA writes it, or the entry's ecosystem/database-specific one);
 * {@code UNKNOWN} when nothing says.
 */
final class SeverityRating {

    private static final List<String> CVSS_PREFERENCE = List.of("CVSS_V4", "CVSS_V3", "CVSS_V2");

    private SeverityRating() {
    }

    static RatedSeverity rate(Vulnerability vulnerability, AffectedPackage affected) {
        List<SeverityScore> scores = new ArrayList<>(affected.severity());
        scores.addAll(vulnerability.severity());
        String id = vulnerability.id();
        for (String type : CVSS_PREFERENCE) {
            for (SeverityScore score : scores) {
                if (score.type().equals(type)) {
                    Optional<RatedSeverity> rated = cvss(score.score(), id);
                    if (rated.isPresent()) {
                        return rated.get();
                    }
                }
            }
        }
        for (SeverityScore score : scores) {
            if (score.type().equals("Ubuntu")) {
                Optional<Severity> word = word(score.score());
                if (word.isPresent()) {
                    return new RatedSeverity(word.get(), "Ubuntu priority (" + id + ")", null, null);
                }
            }
        }
        Optional<Severity> database = word(vulnerability.databaseSeverity());
        if (database.isPresent()) {
            return new RatedSeverity(database.get(), "database_specific severity (" + id + ")", null, null);
        }
        Optional<Severity> entry = word(affected.severityLabel());
        if (entry.isPresent()) {
            return new RatedSeverity(entry.get(), "affected severity (" + id + ")", null, null);
        }
        return RatedSeverity.NONE;
    }

    private static Optional<RatedSeverity> cvss(String vector, String id) {
        try {
            Cvss cvss = Cvss.fromVector(vector);
            if (cvss == null) {
                return Optional.empty();
            }
            double score = cvss.calculateScore().getBaseScore();
            String version = vector.startsWith("CVSS:") ? vector.substring(5, vector.indexOf('/')) : "2.0";
            Severity severity = version.equals("2.0") ? v2Bucket(score) : v3Bucket(score);
            return Optional.of(new RatedSeverity(severity, "CVSS_V" + version + " (" + id + ")", score, vector));
        } catch (MalformedVectorException | IllegalArgumentException | StringIndexOutOfBoundsException e) {
            return Optional.empty();
        }
    }

    /** CVSS v2 has no "critical": 0-3.9 low, 4-6.9 medium, 7-10 high. */
    private static Severity v2Bucket(double score) {
        return score >= 7.0 ? Severity.HIGH : score >= 4.0 ? Severity.MEDIUM : Severity.LOW;
    }

    /** CVSS v3 and v4 ratings; a 0.0 ("none") counts as low, since the record still calls it a vulnerability. */
    private static Severity v3Bucket(double score) {
        if (score >= 9.0) {
            return Severity.CRITICAL;
        }
        return score >= 7.0 ? Severity.HIGH : score >= 4.0 ? Severity.MEDIUM : Severity.LOW;
    }

    private static Optional<Severity> word(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Severity.parse(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
