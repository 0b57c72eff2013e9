package io.portcullis.vulndb;

/**
 * The raw bytes of one record file, before parsing.
 *
 * @param source display name of the source it came from
 * @param name the file's name inside the source ({@code DSA-5380-1.json})
 * @param content the file's bytes; null when the file was too large to be a record and was not read
 */
record OsvEntry(String source, String name, byte[] content) {

    static OsvEntry tooLarge(String source, String name) {
        return new OsvEntry(source, name, null);
    }

    boolean isTooLarge() {
        return content == null;
    }

    /** The record id the file name suggests, for reporting a record we could not read an id from. */
    String nameWithoutExtension() {
        int slash = name.lastIndexOf('/');
        String base = slash < 0 ? name : name.substring(slash + 1);
        return base.endsWith(".json") ? base.substring(0, base.length() - 5) : base;
    }
}
