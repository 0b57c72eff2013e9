package io.portcullis.inventory.analyzer;

/**
 * The cap of an analyzer that reads a whole file into memory or a temporary copy (package
 * databases, file lists): a larger file is not read, and the analysis says so rather than
 * leaving a silent gap in the inventory.
 *
 * @param maxBytes the largest file read; analyzers default it to the layer walker's per-file cap
 */
public record FileSizeLimit(long maxBytes) {

    public boolean admits(AnalyzedFile file) {
        return file.size() <= maxBytes;
    }

    /**
     * The analysis of a file over the limit.
     *
     * @param what what the file is, for the warning ("apk database")
     */
    public FileAnalysis notRead(AnalyzedFile file, String what) {
        return FileAnalysis.warning(file.path() + ": " + what + " of " + file.size()
                + " bytes exceeds the per-file limit of " + maxBytes + " bytes; not read");
    }
}
