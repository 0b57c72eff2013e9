package io.portcullis.vulndb;

/** An OSV {@code severity[]} entry: type CVSS_V2, CVSS_V3, CVSS_V4 or Ubuntu, and its score (a vector or a priority). */
public record SeverityScore(String type, String score) {
}
