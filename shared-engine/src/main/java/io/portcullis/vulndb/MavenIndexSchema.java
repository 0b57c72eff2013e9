package io.portcullis.vulndb;

import java.util.List;

/** The layout of the Maven checksum index file. Bump {@link #VERSION} on any change; readers refuse other versions. */
final class MavenIndexSchema {

    static final int VERSION = 1;

    static final List<String> DDL = List.of(
            "CREATE TABLE metadata (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
            // etag/last_modified: the validators of the artifact's maven-metadata.xml when all its versions were indexed.
            "CREATE TABLE artifact (id INTEGER PRIMARY KEY, group_id TEXT NOT NULL, artifact_id TEXT NOT NULL,"
                    + " etag TEXT, last_modified TEXT, UNIQUE (group_id, artifact_id))",
            // sha1 is NULL for a version without a jar (a pom, a BOM), so it is not asked for again.
            "CREATE TABLE version (artifact INTEGER NOT NULL, version TEXT NOT NULL, sha1 BLOB,"
                    + " PRIMARY KEY (artifact, version)) WITHOUT ROWID",
            "CREATE INDEX version_by_sha1 ON version (sha1) WHERE sha1 IS NOT NULL");

    static final String KEY_SCHEMA_VERSION = "schema_version";
    static final String KEY_BUILT_AT = "built_at";
    static final String KEY_REPOSITORY = "repository";

    private MavenIndexSchema() {
    }
}
