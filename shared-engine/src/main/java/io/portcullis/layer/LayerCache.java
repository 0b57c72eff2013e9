package io.portcullis.layer;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.jsontype.TypeDeserializer;
import com.fasterxml.jackson.databind.module.SimpleDeserializers;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.CollectionType;
import io.portcullis.inventory.analyzer.Analyzer;
import io.portcullis.inventory.analyzer.FileAnalysis;
import io.portcullis.inventory.Package;
import io.portcullis.inventory.PackageTable;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Per-layer analysis results on disk, keyed by the layer's diffID, the analyzers' versions and the limits
 * that change what an analysis holds, so
 * a base layer shared by many images is read once per machine.
 *
 * <p>Safe for concurrent scans, in threads or processes, sharing one directory: an entry is written
 * to a temp file in the same directory and renamed into place, so readers see a whole entry or
 * none, and racing writers of one key both succeed (the last rename wins; both wrote the same
 * result). An unreadable entry is treated as missing and rewritten. The cache never fails a scan:
 * a failed write only loses the saving.
 */
public final class LayerCache {

    /** Part of every key: bump when {@link LayerAnalysis} or its JSON form changes meaning. */
    static final int FORMAT = 2;

    private static final LayerCache DISABLED = new LayerCache(null);

    private final Path directory;
    private final ObjectMapper json = JsonMapper.builder()
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .addMixIn(FileAnalysis.class, CompactFileAnalysis.class)
            .addModule(packageTables())
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private LayerCache(Path directory) {
        this.directory = directory;
    }

    /** A cache in {@code directory}, created when first written. */
    public static LayerCache at(Path directory) {
        return new LayerCache(directory.toAbsolutePath());
    }

    /** A cache that stores nothing: every layer is read. */
    public static LayerCache disabled() {
        return DISABLED;
    }

    public boolean isEnabled() {
        return directory != null;
    }

    /** The directory, or empty when disabled. */
    public Optional<Path> directory() {
        return Optional.ofNullable(directory);
    }

    /** sha256 over the format, the diffID, the limits that shape results and the sorted "analyzerId:version" list, in hex. */
    public static String key(String diffId, Collection<Analyzer> analyzers, LayerLimits limits) {
        StringBuilder text = new StringBuilder("portcullis-layer-analysis:").append(FORMAT).append('\n').append(diffId)
                .append('\n').append(limits.resultShapingKey());
        analyzerVersions(analyzers).forEach(version -> text.append('\n').append(version));
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha256.digest(text.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /**
     * The cached analysis of the layer with {@code diffId}, or empty when absent, unreadable or the cache is disabled.
     * An entry that cannot be used is told to {@code warnings} (the scan goes on and reads the layer), never logged:
     * the engine has no log of its own, the host shows what the scan reports.
     */
    public Optional<LayerAnalysis> load(String diffId, Collection<Analyzer> analyzers, LayerLimits limits, Consumer<String> warnings) {
        if (directory == null || diffId == null) {
            return Optional.empty();
        }
        Path file = entryFile(diffId, analyzers, limits);
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            CacheEntry entry = json.readValue(in, CacheEntry.class);
            if (entry.format() != FORMAT || !diffId.equals(entry.diffId()) || entry.analysis() == null
                    || !analyzerVersions(analyzers).equals(entry.analyzers())) {
                warnings.accept("ignoring layer cache entry " + file + ": it describes another layer or analyzer set");
                return Optional.empty();
            }
            return Optional.of(entry.analysis());
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (JacksonException | RuntimeException e) {
            warnings.accept("ignoring corrupt layer cache entry " + file + ": " + e.getMessage());
            return Optional.empty();
        } catch (IOException e) {
            warnings.accept("cannot read layer cache entry " + file + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * Stores {@code analysis} for the layer with {@code diffId}; does nothing when disabled or for layers without a diffID.
     * A failed write costs only the next scan's time, so it is told to {@code warnings} and the scan goes on.
     */
    public void store(String diffId, Collection<Analyzer> analyzers, LayerLimits limits, LayerAnalysis analysis, Consumer<String> warnings) {
        if (directory == null || diffId == null) {
            return;
        }
        Path file = entryFile(diffId, analyzers, limits);
        Path temp = null;
        try {
            Files.createDirectories(directory);
            temp = Files.createTempFile(directory, file.getFileName().toString(), ".tmp");
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temp))) {
                json.writeValue(out, new CacheEntry(FORMAT, diffId, analyzerVersions(analyzers), analysis));
            }
            moveIntoPlace(temp, file);
            temp = null;
        } catch (IOException e) {
            warnings.accept("cannot write layer cache entry " + file + ": " + e.getMessage());
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException e) {
                    warnings.accept("cannot delete the unfinished layer cache entry " + temp + ": " + e.getMessage());
                }
            }
        }
    }

    Path entryFile(String diffId, Collection<Analyzer> analyzers, LayerLimits limits) {
        return directory.resolve(key(diffId, analyzers, limits) + ".json");
    }

    /** rename(2) within one directory: readers see the old file or the new one, never a mix. */
    private static void moveIntoPlace(Path temp, Path file) throws IOException {
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static List<String> analyzerVersions(Collection<Analyzer> analyzers) {
        return analyzers.stream().map(a -> a.id() + ":" + a.version()).sorted().toList();
    }

    /**
     * A secret scan makes nearly every file of a layer an analysed file, most with an empty result: leaving the
     * empty lists out keeps such an entry small ({@link FileAnalysis} reads absent ones as empty).
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    private abstract static class CompactFileAnalysis {
    }

    private static SimpleModule packageTables() {
        SimpleModule module = new SimpleModule("package-tables");
        module.setDeserializers(new PackageListsAsTables());
        return module;
    }


    /** Lists of packages are read as {@link PackageTable}s, every other type as Jackson reads it. */
    private static final class PackageListsAsTables extends SimpleDeserializers {
        @Override
        public JsonDeserializer<?> findCollectionDeserializer(CollectionType type, DeserializationConfig config, BeanDescription beanDesc,
                                                              TypeDeserializer elementTypeDeserializer, JsonDeserializer<?> elementDeserializer) {
            return type.getContentType().hasRawClass(Package.class) ? new PackageTableReader() : null;
        }
    }

    /**
     * Reads a JSON array of packages into a table one package at a time: a cached database of a million packages
     * read as a list of records first would need several times the memory of the table it ends as.
     */
    private static final class PackageTableReader extends StdDeserializer<List<Package>> {
        PackageTableReader() {
            super(List.class);
        }

        @Override
        public List<Package> deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (!parser.isExpectedStartArrayToken()) {
                throw MismatchedInputException.from(parser, List.class, "expected an array of packages");
            }
            PackageTable.Builder table = PackageTable.builder();
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                table.add(context.readValue(parser, Package.class));
            }
            return table.build();
        }
    }

    /** The file's content: what was analysed, checked on load, and the result. */
    record CacheEntry(int format, String diffId, List<String> analyzers, LayerAnalysis analysis) {
    }
}
