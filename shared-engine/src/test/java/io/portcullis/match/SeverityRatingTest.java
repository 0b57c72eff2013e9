package io.portcullis.match;

import io.portcullis.vulndb.AffectedPackage;
import io.portcullis.vulndb.SeverityScore;
import io.portcullis.vulndb.Vulnerability;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Base scores of well-known vectors as FIRST's calculators give them (NVD shows the same for e.g.
 * CVE-2021-44228: 10.0 v3.1, 9.3 v2), and the order of trust between severity sources.
 */
class SeverityRatingTest {

    @Test
    void everyCvssVersionIsScored() {
        assertRated("CVSS_V2", "AV:N/AC:M/Au:N/C:C/I:C/A:C", 9.3, Severity.HIGH, "CVSS_V2.0 (X-1)");
        assertRated("CVSS_V3", "CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 9.8, Severity.CRITICAL, "CVSS_V3.0 (X-1)");
        assertRated("CVSS_V3", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H", 10.0, Severity.CRITICAL, "CVSS_V3.1 (X-1)");
        assertRated("CVSS_V3", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:L", 5.3, Severity.MEDIUM, "CVSS_V3.1 (X-1)");
        assertRated("CVSS_V4", "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", 9.3, Severity.CRITICAL, "CVSS_V4.0 (X-1)");
    }

    @Test
    void newestCvssWinsThenUbuntuThenDatabaseWords() {
        List<SeverityScore> both = List.of(new SeverityScore("CVSS_V3", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:L"),
                new SeverityScore("CVSS_V4", "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N"));
        assertEquals("CVSS_V4.0 (X-1)", SeverityRating.rate(vulnerability(both, "LOW"), affected(List.of(), null)).source());
        RatedSeverity ubuntu = SeverityRating.rate(vulnerability(List.of(new SeverityScore("Ubuntu", "medium")), "LOW"), affected(List.of(), null));
        assertEquals(new RatedSeverity(Severity.MEDIUM, "Ubuntu priority (X-1)", null, null), ubuntu);
        RatedSeverity ghsa = SeverityRating.rate(vulnerability(List.of(), "MODERATE"), affected(List.of(), null));
        assertEquals(new RatedSeverity(Severity.MEDIUM, "database_specific severity (X-1)", null, null), ghsa);
        RatedSeverity entry = SeverityRating.rate(vulnerability(List.of(), null), affected(List.of(), "high"));
        assertEquals(Severity.HIGH, entry.severity());
        assertEquals(RatedSeverity.NONE, SeverityRating.rate(vulnerability(List.of(), null), affected(List.of(), null)));
        RatedSeverity malformed = SeverityRating.rate(vulnerability(List.of(new SeverityScore("CVSS_V3", "CVSS:3.1/AV:X")), null),
                affected(List.of(), null));
        assertEquals(RatedSeverity.NONE, malformed);
    }

    private static void assertRated(String type, String vector, double score, Severity severity, String source) {
        RatedSeverity rated = SeverityRating.rate(vulnerability(List.of(new SeverityScore(type, vector)), null), affected(List.of(), null));
        assertEquals(new RatedSeverity(severity, source, score, vector), rated);
    }

    private static Vulnerability vulnerability(List<SeverityScore> severity, String databaseSeverity) {
        return new Vulnerability("X-1", List.of(), List.of(), null, severity, databaseSeverity, List.of(), "2024-01-01T00:00:00Z", null, null);
    }

    private static AffectedPackage affected(List<SeverityScore> severity, String label) {
        return new AffectedPackage("X-1", "npm", "x", List.of(), List.of(), severity, label);
    }
}
