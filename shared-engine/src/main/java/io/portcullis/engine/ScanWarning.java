package io.portcullis.engine;

import java.util.Objects;

/**
 * Something a user should know that did not stop the scan, typed so a host can route it (a build
 * console line, an Azure DevOps {@code task.logissue}). The texts come from the image and the user's
 * files: a host that writes them into a log that parses commands must escape them.
 */
public final class ScanWarning {

    public enum Kind {
        /** The vulnerability DB is older than the allowed age. */
        STALE_DATABASE,
        /** A file in the image could not be analysed (its packages may be missing). */
        ANALYZER,
        /** A package could not be matched (unknown version syntax, unsupported ecosystem). */
        MATCHING,
        /** A suppression expired or did not apply. */
        SUPPRESSION,
        /** A policy rule was not evaluated, or the policy said something worth knowing. */
        POLICY,
        /** A registry answered in a way worth knowing (a retry, a fallback). */
        REGISTRY,
        /** The Maven checksum index beside the DB could not be built or refreshed (jars are then identified without it). */
        MAVEN_INDEX,
        /** A limit was reached (a file too large to analyse). */
        LIMIT,
        /** A Kubernetes manifest object was skipped (a kind Portcullis does not check, a document that is no object). */
        MANIFEST,
        OTHER
    }

    private final Kind kind;
    private final String message;
    private final String subject;

    public ScanWarning(Kind kind, String message, String subject) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.message = Objects.requireNonNull(message, "message");
        this.subject = subject;
    }

    public Kind kind() {
        return kind;
    }

    /** One line, meant for a person. */
    public String message() {
        return message;
    }

    /** What the warning is about (a file path in the image, a DB file, a vulnerability id), or null. */
    public String subject() {
        return subject;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ScanWarning other && kind == other.kind && message.equals(other.message) && Objects.equals(subject, other.subject);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, message, subject);
    }

    @Override
    public String toString() {
        return kind + ": " + message;
    }
}
