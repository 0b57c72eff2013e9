package io.portcullis.vulndb;

/** Why an OSV record was left out of the database. */
public enum RejectReason {
    NOT_JSON,
    MISSING_ID,
    SCHEMA_INVALID,
    UNKNOWN_ECOSYSTEM,
    UNPARSEABLE_VERSION,
    DUPLICATE_ID
}
