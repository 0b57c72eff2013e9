package io.portcullis.testing;

import io.portcullis.TempDirectory;

import java.nio.file.Path;

/** The JVM's temp dir as a scan's temp directory, for tests that are not about where temp files go. */
public final class JvmTempDirectory {

    private JvmTempDirectory() {
    }

    public static TempDirectory get() {
        return new TempDirectory(Path.of(System.getProperty("java.io.tmpdir")));
    }
}
