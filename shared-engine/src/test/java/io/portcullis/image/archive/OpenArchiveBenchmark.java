package io.portcullis.image.archive;

import io.portcullis.image.Image;
import io.portcullis.image.ImageSourceOptions;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

import java.io.BufferedInputStream;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * Not a test: measures opening a docker-archive, to justify decompressing a gzipped archive once
 * into a temp file rather than re-reading the gzip stream per entry. Run from the project root:
 * {@code java -cp <test classpath> io.portcullis.image.archive.OpenArchiveBenchmark [archive] [iterations]}.
 * Prints the median and minimum of each operation after a warm-up.
 */
public final class OpenArchiveBenchmark {

    interface Operation {
        void run() throws Exception;
    }

    public static void main(String[] args) throws Exception {
        Path archive = Path.of(args.length > 0 ? args[0] : "../shared/fixtures/images/alpine-3.11.docker-save.tar.gz");
        int iterations = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        Path temp = Files.createTempDirectory("portcullis-bench-");
        Path plain = temp.resolve("plain.tar");
        try (InputStream in = new GZIPInputStream(Files.newInputStream(archive))) {
            Files.copy(in, plain);
        }
        ImageSourceOptions options = ImageSourceOptions.defaults().withTempDir(temp);
        System.out.printf("archive %s: %d bytes gzipped, %d bytes as tar%n", archive, Files.size(archive), Files.size(plain));

        measure("open gzipped archive (decompress to temp file + index + read manifest/config)", iterations, () -> {
            try (Image image = DockerArchive.open(archive, null, options)) {
                image.metadata();
            }
        });
        measure("open gzipped archive and read every layer to the end", iterations, () -> {
            try (Image image = DockerArchive.open(archive, null, options)) {
                for (var layer : image.layers()) {
                    try (InputStream in = layer.open()) {
                        in.transferTo(OutputSink.INSTANCE);
                    }
                }
            }
        });
        measure("open plain archive (index in place)", iterations, () -> {
            try (Image image = DockerArchive.open(plain, null, options)) {
                image.metadata();
            }
        });
        measure("alternative: one streaming pass over the gzip to reach manifest.json (cost per entry lookup without a temp file)",
                iterations, () -> {
                    try (TarArchiveInputStream tar = new TarArchiveInputStream(
                            new GZIPInputStream(new BufferedInputStream(Files.newInputStream(archive), 65536), 65536))) {
                        TarArchiveEntry entry;
                        while ((entry = tar.getNextEntry()) != null && !entry.getName().equals("manifest.json")) {
                            // skipping an entry still inflates its bytes
                        }
                    }
                });
        try (var files = Files.list(temp)) {
            files.forEach(f -> f.toFile().delete());
        }
        Files.delete(temp);
    }

    private static void measure(String name, int iterations, Operation operation) throws Exception {
        for (int i = 0; i < 5; i++) {
            operation.run();
        }
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long[] nanos = new long[iterations];
        long allocatedBefore = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < iterations; i++) {
            long start = System.nanoTime();
            operation.run();
            nanos[i] = System.nanoTime() - start;
        }
        long allocated = (threads.getCurrentThreadAllocatedBytes() - allocatedBefore) / iterations;
        Arrays.sort(nanos);
        System.out.printf("%-110s median %6.1f ms  min %6.1f ms  heap allocated/op %,d bytes%n",
                name, nanos[iterations / 2] / 1e6, nanos[0] / 1e6, allocated);
    }

    /** Discards what it is given. */
    private static final class OutputSink extends java.io.OutputStream {
        static final OutputSink INSTANCE = new OutputSink();

        @Override
        public void write(int b) {
        }

        @Override
        public void write(byte[] b, int off, int len) {
        }
    }

    private OpenArchiveBenchmark() {
    }
}
