package io.portcullis.inventory.java;

/**
 * Bounds that keep a hostile archive (a zip bomb, nested or by ratio) from exhausting the scanner.
 *
 * @param maxDepth how deeply archives may nest inside each other
 * @param maxEntryBytes the most bytes one entry may inflate to
 * @param maxTotalBytes the most bytes one top-level archive may inflate to, nested content included
 * @param maxRatio the largest inflated/compressed ratio accepted for an entry larger than 1 MiB
 * @param maxNestedArchives the most archives read inside one top-level archive, at all depths together: entries
 *        may share their bytes in a zip, so a 20 KB jar can fan out into millions of nested jars without
 *        inflating much (real fat jars and WARs hold a few hundred)
 */
public record ArchiveLimits(int maxDepth, long maxEntryBytes, long maxTotalBytes, long maxRatio, int maxNestedArchives) {
    public static final int DEFAULT_MAX_NESTED_ARCHIVES = 10_000;
    public static final ArchiveLimits DEFAULT = new ArchiveLimits(8, 512L << 20, 4L << 30, 200, DEFAULT_MAX_NESTED_ARCHIVES);

    public ArchiveLimits(int maxDepth, long maxEntryBytes, long maxTotalBytes, long maxRatio) {
        this(maxDepth, maxEntryBytes, maxTotalBytes, maxRatio, DEFAULT_MAX_NESTED_ARCHIVES);
    }
}
