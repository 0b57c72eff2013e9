package io.portcullis.vulndb;

import java.util.List;

/** The layout of the DB file. Bump {@link #VERSION} on any change; readers refuse other versions. */
final class DbSchema {

    /** 2: the {@code published} column (the age PCI DSS 6.2 judges); version 1 files are refused with "run 'portcullis db update'". */
    static final int VERSION = 2;

    static final List<String> DDL = List.of(
            "CREATE TABLE metadata (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
            "CREATE TABLE vulnerability (id TEXT PRIMARY KEY, aliases TEXT NOT NULL, upstream TEXT NOT NULL,"
                    + " summary TEXT, severity TEXT NOT NULL, refs TEXT NOT NULL, modified TEXT, withdrawn TEXT, published TEXT)",
            "CREATE TABLE affected (ecosystem TEXT NOT NULL, package TEXT NOT NULL, vuln_id TEXT NOT NULL, data TEXT NOT NULL)");

    /** Created after the bulk insert: building the index once is faster than maintaining it per row. */
    static final String INDEX = "CREATE INDEX affected_by_package ON affected (ecosystem, package)";

    static final String KEY_SCHEMA_VERSION = "schema_version";
    static final String KEY_BUILT_AT = "built_at";
    static final String KEY_SOURCES = "sources";
    static final String KEY_COUNTS = "record_counts";
    static final String KEY_CHECKSUM = "checksum";
    static final String KEY_DOWNLOADS = "downloads";

    private DbSchema() {
    }
}
