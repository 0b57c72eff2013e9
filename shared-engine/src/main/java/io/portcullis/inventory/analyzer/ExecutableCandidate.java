package io.portcullis.inventory.analyzer;

/**
 * Which layer files may be compiled programs worth opening. The layer walker passes no mode bits,
 * so the rule is by name and size: no extension, and at least the size of the smallest program
 * the language's toolchain produces (scripts and small binaries are never read).
 *
 * @param minSize the smallest file considered
 */
public record ExecutableCandidate(long minSize) {

    public boolean accepts(String path, long size) {
        if (size < minSize) {
            return false;
        }
        String name = path.substring(path.lastIndexOf('/') + 1);
        return !name.contains(".");
    }
}
