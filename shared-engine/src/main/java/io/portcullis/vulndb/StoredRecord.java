package io.portcullis.vulndb;

import java.util.List;
import java.util.Set;

/**
 * An accepted OSV record in the shape the DB stores it.
 *
 * @param id the record id
 * @param modified the record's {@code modified} timestamp as written
 * @param json the columns of the vulnerability row, each already serialised
 * @param withdrawn the {@code withdrawn} timestamp, or null; withdrawn records get no index rows
 * @param rows index rows: one per affected entry in a supported ecosystem
 * @param ecosystems OSV ecosystem names (without suffix) the record affects, for the per-ecosystem counts
 * @param published the {@code published} timestamp as written, or null when the record has none
 */
record StoredRecord(String id, String modified, Columns json, String withdrawn, List<IndexRow> rows, Set<String> ecosystems,
                    String published) {

    record Columns(String aliases, String upstream, String summary, String severity, String references) {
    }

    /** An affected entry under its (ecosystem with suffix, normalised package name) key; data is the entry as JSON. */
    record IndexRow(String ecosystem, String packageName, String data) {
    }
}
