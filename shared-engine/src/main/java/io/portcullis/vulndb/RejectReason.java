package io.portcullis.vulndb;

/** Why an OSV record was left out of the database. */
public enum RejectReason {
    /** Larger than any real record (16 MiB); not read. Reported under the file name. */
    TOO_LARGE,
    NOT_JSON,
    MISSING_ID,
    /** The id does not match its prefix's whole pattern (e.g. carries a line break); reported under the file name. */
    INVALID_ID,
    SCHEMA_INVALID,
    UNKNOWN_ECOSYSTEM,
    UNPARSEABLE_VERSION,
    DUPLICATE_ID
}
