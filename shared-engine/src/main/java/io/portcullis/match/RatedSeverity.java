package io.portcullis.match;

/**
 * A severity with where it came from.
 *
 * @param severity the bucket
 * @param source e.g. {@code "CVSS_V3.1 (GHSA-xxxx)"}, {@code "GHSA database_specific (GHSA-xxxx)"}, {@code "none"}
 * @param score CVSS base score, or null
 * @param vector CVSS vector, or null
 */
record RatedSeverity(Severity severity, String source, Double score, String vector) {

    static final RatedSeverity NONE = new RatedSeverity(Severity.UNKNOWN, "none", null, null);
}
