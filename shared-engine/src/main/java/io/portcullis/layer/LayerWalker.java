package io.portcullis.layer;

import com.github.luben.zstd.ZstdInputStreamNoFinalizer;
import io.portcullis.InputException;
import io.portcullis.TempDirectory;
import io.portcullis.inventory.analyzer.AnalyzedFile;
import io.portcullis.inventory.analyzer.Analyzer;
import io.portcullis.inventory.analyzer.FileAnalysis;
import io.portcullis.inventory.analyzer.NestedArchiveBudget;
import io.portcullis.image.Layer;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarUtils;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.channels.ClosedByInterruptException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;

/**
 * Reads a layer blob once, front to back, and offers each regular file to the analyzers that ask
 * for it. Nothing is extracted and nothing but the wanted files is buffered, so memory does not
 * grow with the layer. Thread-safe: each {@link #walk} keeps its state to itself.
 */
public final class LayerWalker {

    private static final int STREAM_BUFFER = 64 * 1024;
    /** Inflated chunks the decompressing thread may run ahead of the tar reader: 1 MiB. */
    private static final int READ_AHEAD_CHUNKS = 16;
    private static final String WHITEOUT_PREFIX = ".wh.";
    private static final String OPAQUE_MARKER = ".wh..wh..opq";
    private static final int PERMISSION_BITS = 07777;
    /** setuid, setgid, sticky and the three execute bits: the files whose mode {@link LayerAnalysis#fileModes} keeps. */
    private static final int EXECUTE_OR_SPECIAL_BITS = 07111;

    private final List<Analyzer> analyzers;
    private final LayerLimits limits;
    private final TempDirectory tempDirectory;

    /** @param tempDirectory where a file several analyzers want is buffered when it is too large for memory, and where analyzers copy files */
    public LayerWalker(List<Analyzer> analyzers, LayerLimits limits, TempDirectory tempDirectory) {
        this.analyzers = List.copyOf(analyzers);
        this.limits = Objects.requireNonNull(limits, "limits");
        this.tempDirectory = Objects.requireNonNull(tempDirectory, "tempDirectory");
    }

    /**
     * Opens and reads {@code layer} once. When the layer has a diffID, the decompressed tar is
     * hashed on the way and must match it: the diffID is the cache key, and an image whose config
     * claims another layer's diffID must not be able to plant results for that layer.
     *
     * @param imageName how errors name the image, e.g. its reference
     * @param sourceWarnings told what a generated layer (a rootfs directory) had to leave out
     * @throws InputException if the layer is unreadable, not a tar, escapes its root, breaks a
     *     limit or does not match its diffID
     */
    public LayerAnalysis walk(Layer layer, String imageName, Consumer<String> sourceWarnings) {
        String where = "image " + imageName + ", layer " + (layer.digest() != null ? layer.digest() : layer.diffId());
        try (InputStream blob = layer.open(sourceWarnings)) {
            return walk(blob, where, layer.diffId());
        } catch (IOException e) {
            throw new InputException(where + ": cannot read the layer: " + e.getMessage(), e);
        }
    }

    /**
     * Reads a layer blob (gzip, zstd or plain tar, told apart by magic bytes) to its end, so a
     * source that verifies the blob digest at end of stream gets to do so. Does not close {@code blob}.
     *
     * @param where how errors name the layer ("image x, layer sha256:...")
     * @param diffId what the decompressed tar must hash to, or null to skip the check
     */
    LayerAnalysis walk(InputStream blob, String where, String diffId) {
        // Warnings are cached with the analysis, and a cached layer may serve other images: name it by its diffID alone.
        return new Walk(where, limits.nestedArchiveBudget(diffId == null ? where : "layer " + diffId)).run(blob, diffId);
    }

    private final class Walk {
        private final String where;
        private final Map<String, Map<String, FileAnalysis>> files = new HashMap<>();
        private final Set<String> whiteouts = new HashSet<>();
        private final Set<String> opaqueDirs = new HashSet<>();
        private final Map<String, String> links = new HashMap<>();
        private final Map<String, Integer> fileModes = new HashMap<>();
        private final List<Analyzer> acceptors = new ArrayList<>(analyzers.size());
        private final NestedArchiveBudget nestedArchives;
        private DecompressedSizeCap cap;

        Walk(String where, NestedArchiveBudget nestedArchives) {
            this.where = where;
            this.nestedArchives = nestedArchives;
        }

        LayerAnalysis run(InputStream blob, String diffId) {
            BufferedInputStream raw = new BufferedInputStream(blob, STREAM_BUFFER);
            DiffIdCheck check = diffId == null ? null : DiffIdCheck.of(diffId, where);
            try (InputStream decompressed = new ReadAheadInputStream(decompress(raw), READ_AHEAD_CHUNKS, STREAM_BUFFER)) {
                cap = new DecompressedSizeCap(check == null ? decompressed : check.wrap(decompressed), limits.maxLayerBytes());
                BufferedInputStream tarBytes = new BufferedInputStream(cap, STREAM_BUFFER);
                requireTarHeader(tarBytes);
                TarArchiveInputStream tar = new TarArchiveInputStream(tarBytes, "UTF-8");
                TarArchiveEntry entry;
                while ((entry = tar.getNextEntry()) != null) {
                    visit(entry, tar);
                }
                // Read to the very end: trailing bytes may still be corrupt, and sources verify digests at EOF.
                tarBytes.transferTo(OutputStream.nullOutputStream());
                raw.transferTo(OutputStream.nullOutputStream());
            } catch (java.net.SocketTimeoutException e) {
                throw layerError(e);
            } catch (InterruptedIOException | ClosedByInterruptException e) {
                // Not the layer's fault: the scanning thread was interrupted (a cancelled build).
                throw new LayerReadInterruptedException(where, e);
            } catch (IOException e) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new LayerReadInterruptedException(where, e);
                }
                throw layerError(e);
            }
            if (check != null) {
                check.verify();
            }
            return new LayerAnalysis(files, whiteouts, opaqueDirs, links, fileModes);
        }

        private InputStream decompress(BufferedInputStream raw) throws IOException {
            raw.mark(4);
            byte[] magic = raw.readNBytes(4);
            raw.reset();
            if (magic.length >= 2 && magic[0] == (byte) 0x1f && magic[1] == (byte) 0x8b) {
                return new GZIPInputStream(raw, STREAM_BUFFER);
            }
            if (magic.length == 4 && magic[0] == (byte) 0x28 && magic[1] == (byte) 0xb5 && magic[2] == (byte) 0x2f && magic[3] == (byte) 0xfd) {
                return new ZstdInputStreamNoFinalizer(raw);
            }
            return raw;
        }

        /** commons-compress reads a short or garbage start as an empty archive; a layer must start with a real header. */
        private void requireTarHeader(BufferedInputStream tarBytes) throws IOException {
            tarBytes.mark(512);
            byte[] header = tarBytes.readNBytes(512);
            tarBytes.reset();
            if (header.length < 512 || !(isAllZero(header) || hasValidChecksum(header))) {
                throw new InputException(where + ": not a tar archive (nor a gzip or zstd compressed one)");
            }
        }

        private void visit(TarArchiveEntry entry, TarArchiveInputStream tar) throws IOException {
            // An absolute name ("/etc/passwd") is root-relative, as Docker and containerd unpack it; only
            // a name that still climbs above the root once normalised ("/../x") is refused.
            String path = LayerPaths.normalise(entry.getName());
            if (path == null) {
                throw new InputException(where + ": entry '" + entry.getName() + "' climbs above the layer root");
            }
            if (path.isEmpty()) {
                return;
            }
            int nameStart = path.lastIndexOf('/') + 1;
            if (path.startsWith(WHITEOUT_PREFIX, nameStart)) {
                recordWhiteout(entry, path, path.substring(nameStart));
            } else if (entry.isSymbolicLink()) {
                if (LayerPaths.climbsAboveRoot(path, entry.getLinkName())) {
                    throw new InputException(where + ": symbolic link '" + entry.getName() + "' -> '" + entry.getLinkName() + "' points above the layer root");
                }
                replaceWithLink(path, entry.getLinkName());
            } else if (entry.isLink()) {
                String target = LayerPaths.normalise(entry.getLinkName());
                if (target == null || target.isEmpty()) {
                    throw new InputException(where + ": hard link '" + entry.getName() + "' -> '" + entry.getLinkName() + "' points outside the layer root");
                }
                replaceWithLink(path, target);
            } else if (entry.isFile() || entry.isOldGNUSparse()) {
                recordMode(path, entry.getMode());
                offer(path, entry.getRealSize(), tar);
            }
        }

        private void recordWhiteout(TarArchiveEntry entry, String path, String name) {
            String dir = LayerPaths.parent(path);
            if (name.equals(OPAQUE_MARKER)) {
                opaqueDirs.add(dir);
                return;
            }
            String deleted = name.substring(WHITEOUT_PREFIX.length());
            if (deleted.isEmpty() || deleted.equals(".") || deleted.equals("..")) {
                throw new InputException(where + ": whiteout entry '" + entry.getName() + "' names no file");
            }
            whiteouts.add(LayerPaths.child(dir, deleted));
        }

        private void recordMode(String path, int mode) {
            int permissions = mode & PERMISSION_BITS;
            if ((permissions & EXECUTE_OR_SPECIAL_BITS) != 0) {
                fileModes.put(path, permissions);
            } else {
                fileModes.remove(path);
            }
        }

        private void replaceWithLink(String path, String target) {
            fileModes.remove(path);
            files.remove(path);
            links.put(path, target);
        }

        private void offer(String path, long size, InputStream tar) throws IOException {
            acceptors.clear();
            for (Analyzer analyzer : analyzers) {
                if (analyzer.accepts(path, size)) {
                    acceptors.add(analyzer);
                }
            }
            if (acceptors.isEmpty()) {
                return;
            }
            if (size > limits.maxFileBytes()) {
                throw new InputException(where + ": file '" + path + "' is " + size + " bytes, over the limit of "
                        + limits.maxFileBytes() + " bytes per analysed file");
            }
            links.remove(path);
            Map<String, FileAnalysis> results = new TreeMap<>();
            if (acceptors.size() == 1) {
                Analyzer analyzer = acceptors.get(0);
                results.put(analyzer.id(), analyzeEntry(analyzer, path, size, tar));
            } else if (size <= limits.inMemoryFileBytes()) {
                byte[] bytes = readEntry(tar, path, size);
                for (Analyzer analyzer : acceptors) {
                    results.put(analyzer.id(), analyzeBuffered(analyzer, path, size, new ByteArrayInputStream(bytes)));
                }
            } else {
                Path spill = tempDirectory.newFile("portcullis-entry-", ".tmp");
                try {
                    try (OutputStream out = tempDirectory.write(spill)) {
                        long copied = tar.transferTo(out);
                        if (copied != size) {
                            throw new InputException(where + ": file '" + path + "' ends after " + copied + " of " + size + " bytes");
                        }
                    }
                    for (Analyzer analyzer : acceptors) {
                        try (InputStream in = new BufferedInputStream(Files.newInputStream(spill), STREAM_BUFFER)) {
                            results.put(analyzer.id(), analyzeBuffered(analyzer, path, size, in));
                        }
                    }
                } finally {
                    Files.deleteIfExists(spill);
                }
            }
            files.put(path, results);
        }

        private FileAnalysis analyzeEntry(Analyzer analyzer, String path, long size, InputStream tar) throws IOException {
            EntryContent content = new EntryContent(tar);
            FileAnalysis result;
            try {
                result = analyzer.analyze(new AnalyzedFile(path, size, content, tempDirectory, nestedArchives));
            } catch (IOException e) {
                result = unreadable(analyzer, path, e);
            } finally {
                content.invalidate();
            }
            // An analyzer may have caught the layer stream's own failure; it still breaks the layer.
            if (content.layerFailure() != null) {
                throw content.layerFailure();
            }
            checkCap();
            return Objects.requireNonNull(result, () -> "analyzer " + analyzer.id() + " returned no result for " + path);
        }

        private FileAnalysis analyzeBuffered(Analyzer analyzer, String path, long size, InputStream content) {
            try {
                return Objects.requireNonNull(analyzer.analyze(new AnalyzedFile(path, size, content, tempDirectory, nestedArchives)),
                        () -> "analyzer " + analyzer.id() + " returned no result for " + path);
            } catch (IOException e) {
                return unreadable(analyzer, path, e);
            }
        }

        private FileAnalysis unreadable(Analyzer analyzer, String path, IOException e) {
            return FileAnalysis.warning(path + ": " + analyzer.id() + " could not read the file: " + e.getMessage());
        }

        private byte[] readEntry(InputStream tar, String path, long size) throws IOException {
            byte[] bytes = tar.readNBytes((int) size);
            if (bytes.length != size) {
                throw new InputException(where + ": file '" + path + "' ends after " + bytes.length + " of " + size + " bytes");
            }
            return bytes;
        }

        private void checkCap() throws IOException {
            if (cap.exceeded()) {
                throw new DecompressedSizeCap.CapExceededException(limits.maxLayerBytes());
            }
        }

        private InputException layerError(IOException e) {
            if (cap != null && cap.exceeded()) {
                return new InputException(where + ": more than " + limits.maxLayerBytes()
                        + " bytes after decompression, over the per-layer limit (a decompression bomb?)", e);
            }
            return new InputException(where + ": corrupt or truncated layer: " + e.getMessage(), e);
        }
    }

    private static boolean hasValidChecksum(byte[] header) {
        try {
            return TarUtils.verifyCheckSum(header);
        } catch (IllegalArgumentException notOctal) {
            return false;
        }
    }

    private static boolean isAllZero(byte[] bytes) {
        for (byte b : bytes) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }
}
