package io.portcullis.inventory.rust;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.portcullis.inventory.analyzer.AnalyzedFile;
import io.portcullis.inventory.analyzer.Analyzer;
import io.portcullis.inventory.analyzer.ExecutableCandidate;
import io.portcullis.inventory.analyzer.FileAnalysis;
import io.portcullis.inventory.Location;
import io.portcullis.inventory.Package;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Rust executables built with {@code cargo auditable}: the crate list it embeds in the ELF section
 * {@code .dep-v0} as zlib-compressed JSON ({@code {"packages":[{name, version, source, kind,
 * dependencies, root}]}}). The root package, the binary's own crate, is reported with
 * {@code role=root}; build-time dependencies ({@code kind: build}: build scripts and proc-macros
 * with their dependencies) run on the build machine and are not part of the shipped binary, so
 * they are left out.
 *
 * <p>Which files are read: regular files without an extension of at least {@link #MIN_SIZE}
 * bytes (the walker does not pass the executable bit; the smallest stripped Rust program with its
 * standard library is larger). Anything that does not start with the ELF magic is dropped after
 * four bytes. An ELF file is copied into the scan's temp directory (no larger than the scan's
 * per-file limit, which the layer walker enforces), because the section headers that say where
 * {@code .dep-v0} is are at the end of the file.
 */
public final class CargoAuditableAnalyzer implements Analyzer {

    static final long MIN_SIZE = 128 * 1024;
    private static final ExecutableCandidate CANDIDATE = new ExecutableCandidate(MIN_SIZE);
    private static final String SECTION = ".dep-v0";
    private static final int MAX_COMPRESSED = 4 << 20;
    // cargo-auditable's own parsing notes: 8 MiB holds any legitimate audit data.
    private static final int MAX_JSON = 8 << 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String id() {
        return "rust-cargo-auditable";
    }

    @Override
    public int version() {
        return 1;
    }

    @Override
    public boolean accepts(String path, long size) {
        return CANDIDATE.accepts(path, size);
    }

    @Override
    public FileAnalysis analyze(AnalyzedFile file) throws IOException {
        InputStream in = file.content();
        byte[] magic = in.readNBytes(ElfSections.MAGIC.length);
        if (!Arrays.equals(magic, ElfSections.MAGIC)) {
            return FileAnalysis.EMPTY;
        }
        Path copy = file.tempDirectory().newFile("portcullis-elf-", ".bin");
        try {
            try (OutputStream out = file.tempDirectory().write(copy)) {
                out.write(magic);
                in.transferTo(out);
            }
            byte[] compressed;
            try (FileChannel channel = FileChannel.open(copy, StandardOpenOption.READ)) {
                compressed = ElfSections.read(channel, SECTION, MAX_COMPRESSED);
            } catch (MalformedElfException e) {
                return FileAnalysis.warning(file.path() + ": " + e.getMessage());
            }
            return compressed == null ? FileAnalysis.EMPTY : parse(file.path(), compressed);
        } finally {
            Files.deleteIfExists(copy);
        }
    }


    private FileAnalysis parse(String path, byte[] compressed) {
        JsonNode info;
        try {
            info = JSON.readTree(inflate(compressed));
        } catch (DataFormatException e) {
            return FileAnalysis.warning(path + ": " + SECTION + " is not a valid zlib stream: " + e.getMessage());
        } catch (JsonProcessingException e) {
            return FileAnalysis.warning(path + ": " + SECTION + " holds invalid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            return FileAnalysis.warning(path + ": " + SECTION + " " + e.getMessage());
        }
        if (info == null || !info.path("packages").isArray()) {
            return FileAnalysis.warning(path + ": " + SECTION + " JSON has no \"packages\" array");
        }
        List<Location> at = List.of(new Location(null, path));
        List<Package> packages = new ArrayList<>();
        for (JsonNode crate : info.get("packages")) {
            String name = crate.path("name").asText("");
            String version = crate.path("version").asText("");
            if (name.isBlank() || version.isBlank() || crate.path("kind").asText("runtime").equals("build")) {
                continue;
            }
            Map<String, String> properties = Map.of("source", crate.path("source").asText(""),
                    "role", crate.path("root").asBoolean(false) ? "root" : "dep");
            packages.add(new Package("cargo", name, version, null, null, null, at, id(), List.of(), properties));
        }
        return FileAnalysis.packages(packages);
    }

    /** Inflates at most {@link #MAX_JSON} bytes; more, or a stream that ends early, is an error. */
    private static byte[] inflate(byte[] compressed) throws DataFormatException, IOException {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(compressed);
            ByteArrayOutputStream out = new ByteArrayOutputStream(compressed.length * 4);
            byte[] buffer = new byte[1 << 14];
            while (!inflater.finished()) {
                int n = inflater.inflate(buffer);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new DataFormatException("stream ends before its end marker");
                }
                out.write(buffer, 0, n);
                if (out.size() > MAX_JSON) {
                    throw new IOException("inflates to more than " + (MAX_JSON >> 20) + " MiB");
                }
            }
            return out.toByteArray();
        } finally {
            inflater.end();
        }
    }
}
