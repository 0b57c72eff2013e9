package io.portcullis.secret;

import io.portcullis.inventory.analyzer.AnalyzedFile;
import io.portcullis.inventory.analyzer.Analyzer;
import io.portcullis.inventory.analyzer.FileAnalysis;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/**
 * Looks for credentials in every text file of a layer, in the same pass as the package analyzers.
 * The scan adds it only when the scan type asks for secrets, so a vulnerability scan does not pay for it.
 *
 * <p>What it keeps is only {@link Redaction redacted}: the layer cache holds its results, and the cache
 * must not become a store of the secrets it found. Whether a file belongs to an OS package, and whether
 * a later layer deleted it, is the merge's to say; an analyzer sees one file of one layer.
 */
public final class SecretAnalyzer implements Analyzer {
    /** Files larger than this are not read (documented in docs/secrets.md): credential and config files are small. */
    public static final long MAX_FILE_BYTES = 2L * 1024 * 1024;
    /** A NUL byte in the first block marks a binary file, which is skipped. */
    static final int BINARY_PROBE_BYTES = 8 * 1024;
    private static final String ID = "secrets";
    /** Files whose name says they are binary or compressed are not even opened. */
    private static final Set<String> BINARY_EXTENSIONS = Set.of(
            "so", "a", "o", "ko", "jar", "war", "ear", "zip", "gz", "tgz", "bz2", "xz", "zst", "lz4", "7z", "rar",
            "png", "jpg", "jpeg", "gif", "ico", "webp", "bmp", "tif", "tiff", "woff", "woff2", "ttf", "otf", "eot",
            "pyc", "pyo", "class", "dll", "exe", "mo", "gmo", "db", "sqlite", "deb", "rpm", "apk", "whl", "egg", "node",
            "wasm", "pdf", "mp3", "mp4", "ogg", "wav");

    private final SecretScanner scanner;
    private final String id;

    public SecretAnalyzer(SecretRules rules) {
        this.scanner = new SecretScanner(rules);
        String fingerprint = rules.fingerprint();
        this.id = fingerprint.isEmpty() ? ID : ID + "-" + fingerprint;
    }

    /** "secrets", or "secrets-&lt;hash of the rules&gt;" when extra rules are in use (so their results are cached apart). */
    @Override
    public String id() {
        return id;
    }

    @Override
    public int version() {
        return 1;
    }

    @Override
    public boolean accepts(String path, long size) {
        if (size <= 0 || size > MAX_FILE_BYTES) {
            return false;
        }
        String name = path.substring(path.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        if (dot < 0) {
            return true;
        }
        String extension = name.substring(dot + 1).toLowerCase(Locale.ROOT);
        // "libc.so.6": a shared library's version suffix hides the extension.
        return !BINARY_EXTENSIONS.contains(extension) && !name.contains(".so.");
    }

    @Override
    public FileAnalysis analyze(AnalyzedFile file) throws IOException {
        byte[] probe = file.content().readNBytes(BINARY_PROBE_BYTES);
        for (byte b : probe) {
            if (b == 0) {
                return FileAnalysis.EMPTY;
            }
        }
        byte[] rest = file.content().readNBytes((int) MAX_FILE_BYTES - probe.length);
        byte[] bytes = new byte[probe.length + rest.length];
        System.arraycopy(probe, 0, bytes, 0, probe.length);
        System.arraycopy(rest, 0, bytes, probe.length, rest.length);
        // One char per byte: the rules are ASCII, and no byte sequence fails to decode.
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        var found = scanner.scan(file.path(), text);
        return found.isEmpty() ? FileAnalysis.EMPTY : FileAnalysis.secrets(found);
    }
}
