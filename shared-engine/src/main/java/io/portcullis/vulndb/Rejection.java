package io.portcullis.vulndb;

import java.util.Objects;

/**
 * One record the import left out, and why.
 *
 * @param reason the kind of problem
 * @param recordId the record's {@code id}, or the entry name where the record has none
 * @param source the source it came from (display name) and the entry inside it
 * @param detail one line saying exactly what is wrong
 */
public record Rejection(RejectReason reason, String recordId, String source, String detail) {
    public Rejection {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(recordId, "recordId");
    }

    @Override
    public String toString() {
        return reason + " " + recordId + " (" + source + "): " + detail;
    }
}
