package io.portcullis.inventory.java;

/**
 * Bounds that keep a hostile archive (a zip bomb, nested or by ratio) from exhausting the scanner.
 *
 * @param maxDepth how deeply archives may nest inside each other
 * @param maxEntryBytes the most bytes one entry may inflate to
 * @param maxTotalBytes the most bytes one top-level archive may inflate to, nested content included
 * @param maxRatio the largest inflated/compressed ratio accepted for an entry larger than 1 MiB
 *
 * <p>How many nested archives may be opened, per file and per layer, is the layer walk's
 * {@link io.portcullis.inventory.analyzer.NestedArchiveBudget}, configured with the other layer limits.
 */
public record ArchiveLimits(int maxDepth, long maxEntryBytes, long maxTotalBytes, long maxRatio) {
    public static final ArchiveLimits DEFAULT = new ArchiveLimits(8, 512L << 20, 4L << 30, 200);
}
