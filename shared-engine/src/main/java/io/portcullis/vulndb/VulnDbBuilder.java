package io.portcullis.vulndb;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.portcullis.InputException;
import io.portcullis.image.registry.RegistryClient;
import io.portcullis.image.registry.RegistryOptions;
import okhttp3.OkHttpClient;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Builds the vulnerability DB file from OSV sources. The new DB is written to a temp file in the target
 * directory and renamed over the old one only when complete, so a crash, a failed download or a full disk
 * leaves the previous DB in place and working. Concurrent builds of the same file wait for each other.
 *
 * <p>When every source is a URL, the sources are the ones the current DB was built from, and every server
 * answers "304 Not Modified", the DB is kept as it is.
 */
public final class VulnDbBuilder {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path database;
    private final List<OsvSource> sources = new ArrayList<>();
    private SchemeLookup schemes = StandardSchemes.INSTANCE;
    private OkHttpClient httpClient;
    private RegistryOptions registryOptions = RegistryOptions.defaults();
    private Clock clock = Clock.systemUTC();
    private Runnable lockWait = () -> { };
    private Duration keepIfYoungerThan;

    public VulnDbBuilder(Path database) {
        this.database = Objects.requireNonNull(database, "database").toAbsolutePath().normalize();
    }

    public VulnDbBuilder add(OsvSource source) {
        sources.add(Objects.requireNonNull(source, "source"));
        return this;
    }

    public VulnDbBuilder addAll(List<OsvSource> more) {
        more.forEach(this::add);
        return this;
    }

    /** The HTTP client for URL sources (proxies, TLS trust); a default one when not set. */
    public VulnDbBuilder httpClient(OkHttpClient client) {
        this.httpClient = client;
        return this;
    }

    /**
     * How {@link OsvSource.Oci} sources are fetched: credentials (each sent only to its own registry),
     * insecure registries, extra CAs, retries. Default: {@link RegistryOptions#defaults()}, anonymous HTTPS.
     */
    public VulnDbBuilder registryOptions(RegistryOptions options) {
        this.registryOptions = Objects.requireNonNull(options, "options");
        return this;
    }

    public VulnDbBuilder schemes(SchemeLookup lookup) {
        this.schemes = Objects.requireNonNull(lookup, "lookup");
        return this;
    }

    public VulnDbBuilder clock(Clock buildClock) {
        this.clock = Objects.requireNonNull(buildClock, "buildClock");
        return this;
    }

    /**
     * Called once, on the building thread, when another build of the same file holds its lock and this
     * one is about to wait for it, so a user sees why nothing happens. Default: nothing.
     */
    public VulnDbBuilder whenWaitingForLock(Runnable notice) {
        this.lockWait = Objects.requireNonNull(notice, "notice");
        return this;
    }

    /**
     * Leave the DB as it is when, once this build holds the lock, the DB is younger than {@code maxAge}: a
     * build that waited for another one's lock then uses what that one built instead of building it again.
     */
    public VulnDbBuilder keepIfYoungerThan(Duration maxAge) {
        this.keepIfYoungerThan = Objects.requireNonNull(maxAge, "maxAge");
        return this;
    }

    /**
     * Imports all sources into a new DB file that replaces the old one.
     *
     * @throws InputException when a source cannot be read or fetched, or the DB cannot be written;
     *     the previous DB is then left untouched
     */
    public ImportReport build() {
        if (sources.isEmpty()) {
            throw new InputException("no OSV sources given for " + database);
        }
        try {
            Files.createDirectories(database.getParent());
            try (DbLock lock = DbLock.acquire(database, lockWait)) {
                return buildLocked(lock.waited());
            }
        } catch (IOException e) {
            throw new InputException("cannot lock or create vulnerability database " + database + ": " + e.getMessage(), e);
        }
    }

    private ImportReport buildLocked(boolean waited) {
        deleteAbandonedTempFiles();
        StoredMetadata previous = StoredMetadata.readIfPresent(database);
        if (previous != null && keepIfYoungerThan != null
                && Duration.between(previous.info().builtAt(), clock.instant()).compareTo(keepIfYoungerThan) <= 0) {
            return new ImportReport(database, false, previous.info(), previous.info().recordCounts(), List.of(), waited, false);
        }
        ZipDownloader downloader = new ZipDownloader(httpClient == null ? ZipDownloader.defaultClient() : httpClient,
                downloadDirectory());
        Map<String, DownloadState> previousDownloads = previous == null ? Map.of() : previous.downloads();

        Map<String, DownloadState> downloads = new LinkedHashMap<>();
        boolean allNotModified = true;
        Path mavenIndex = null;
        List<List<Path>> localZips = new ArrayList<>();
        // A registry client (its TLS setup reads the CA file) only when some source needs one.
        boolean anyOci = sources.stream().anyMatch(OsvSource.Oci.class::isInstance);
        try (RegistryClient registry = anyOci ? new RegistryClient(registryOptions) : null) {
            OciArtifactFetcher artifacts = new OciArtifactFetcher(registry, downloadDirectory());
            for (OsvSource source : sources) {
                if (source instanceof OsvSource.Url url) {
                    ZipDownloader.Download download = downloader.fetch(url, previousDownloads.get(url.displayName()));
                    downloads.put(url.displayName(), download.state());
                    allNotModified &= download.notModified();
                    localZips.add(List.of(download.zip()));
                } else if (source instanceof OsvSource.Oci oci) {
                    OciArtifactFetcher.Fetched fetched = artifacts.fetch(oci, previousDownloads);
                    downloads.putAll(fetched.states());
                    if (fetched.mavenIndex() != null) {
                        mavenIndex = fetched.mavenIndex();
                    }
                    allNotModified &= fetched.notModified();
                    localZips.add(fetched.zips());
                } else {
                    allNotModified = false;
                    localZips.add(List.of());
                }
            }
        }
        List<String> sourceNames = sources.stream().map(OsvSource::displayName).toList();
        if (mavenIndex != null) {
            installMavenIndex(mavenIndex);
        }
        if (allNotModified && previous != null && previous.info().sources().equals(sourceNames)) {
            return new ImportReport(database, false, previous.info(), previous.info().recordCounts(), List.of(), waited,
                    mavenIndex != null);
        }

        OsvRecordCheck check = new OsvRecordCheck(schemes);
        Map<String, StoredRecord> records = new HashMap<>();
        List<Rejection> rejections = new ArrayList<>();
        for (int i = 0; i < sources.size(); i++) {
            OsvSource source = sources.get(i);
            List<OsvEntry> entries = entries(source, localZips.get(i));
            List<OsvRecordCheck.Outcome> outcomes = entries.parallelStream().map(check::check).toList();
            for (OsvRecordCheck.Outcome outcome : outcomes) {
                if (outcome instanceof OsvRecordCheck.Rejected rejected) {
                    rejections.add(rejected.rejection());
                } else if (outcome instanceof OsvRecordCheck.Accepted accepted) {
                    keepNewest(records, accepted.record(), rejections);
                }
            }
        }

        Map<String, Integer> counts = new TreeMap<>();
        records.values().forEach(r -> r.ecosystems().forEach(e -> counts.merge(e, 1, Integer::sum)));
        DatabaseInfo info = write(records, sourceNames, counts, downloads);
        deleteUnreferencedDownloads(downloads);
        return new ImportReport(database, true, info, counts, rejections, waited, mavenIndex != null);
    }

    /**
     * Copies a fetched (digest-verified) Maven checksum index beside the DB: into a temp file, checked to be an index
     * of this schema version, synced and renamed into place, so a bad blob leaves the previous index.
     */
    private void installMavenIndex(Path fetched) {
        Path target = MavenChecksumIndex.besides(database);
        Path temp = target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            Files.copy(fetched, temp);
            MavenChecksumIndex.open(temp).close();
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new InputException("cannot install Maven checksum index " + target + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(temp);
        }
    }

    /** @param downloaded the fetched zips of a URL or OCI source; empty for local sources */
    private static List<OsvEntry> entries(OsvSource source, List<Path> downloaded) {
        if (source instanceof OsvSource.Directory dir) {
            return OsvEntryReader.readDirectory(dir.path(), dir.displayName());
        }
        if (source instanceof OsvSource.Zip zip) {
            return OsvEntryReader.readZip(zip.path(), zip.displayName());
        }
        List<OsvEntry> entries = new ArrayList<>();
        downloaded.forEach(zip -> entries.addAll(OsvEntryReader.readZip(zip, source.displayName())));
        return entries;
    }

    private static void keepNewest(Map<String, StoredRecord> records, StoredRecord record, List<Rejection> rejections) {
        StoredRecord existing = records.get(record.id());
        if (existing == null) {
            records.put(record.id(), record);
            return;
        }
        boolean newer = record.modified().compareTo(existing.modified()) > 0;
        StoredRecord dropped = newer ? existing : record;
        if (newer) {
            records.put(record.id(), record);
        }
        rejections.add(new Rejection(RejectReason.DUPLICATE_ID, dropped.id(), "",
                "another source has the same id; kept the one modified " + records.get(record.id()).modified()));
    }

    private DatabaseInfo write(Map<String, StoredRecord> records, List<String> sourceNames, Map<String, Integer> counts,
                               Map<String, DownloadState> downloads) {
        Path temp = database.resolveSibling("." + database.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            Instant builtAt = clock.instant();
            String checksum;
            Properties properties = new Properties();
            // sqlite-jdbc otherwise asks SQLite for the new row id after every insert; nothing here reads it.
            properties.setProperty("jdbc.get_generated_keys", "false");
            try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + temp, properties)) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("PRAGMA journal_mode=OFF");
                    statement.execute("PRAGMA synchronous=OFF");
                }
                connection.setAutoCommit(false);
                try (Statement statement = connection.createStatement()) {
                    for (String ddl : DbSchema.DDL) {
                        statement.execute(ddl);
                    }
                }
                checksum = insertRecords(connection, records);
                try (Statement statement = connection.createStatement()) {
                    statement.execute(DbSchema.INDEX);
                }
                Map<String, String> metadata = new LinkedHashMap<>();
                metadata.put(DbSchema.KEY_SCHEMA_VERSION, Integer.toString(DbSchema.VERSION));
                metadata.put(DbSchema.KEY_BUILT_AT, builtAt.toString());
                metadata.put(DbSchema.KEY_SOURCES, JSON.writeValueAsString(sourceNames));
                metadata.put(DbSchema.KEY_COUNTS, JSON.writeValueAsString(counts));
                metadata.put(DbSchema.KEY_CHECKSUM, checksum);
                metadata.put(DbSchema.KEY_DOWNLOADS, JSON.writeValueAsString(downloads));
                try (PreparedStatement insert = connection.prepareStatement("INSERT INTO metadata (key, value) VALUES (?, ?)")) {
                    for (Map.Entry<String, String> entry : metadata.entrySet()) {
                        insert.setString(1, entry.getKey());
                        insert.setString(2, entry.getValue());
                        insert.executeUpdate();
                    }
                }
                connection.commit();
            }
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            Files.move(temp, database, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return new DatabaseInfo(DbSchema.VERSION, builtAt, sourceNames, counts, checksum);
        } catch (SQLException | IOException e) {
            throw new InputException("cannot write vulnerability database " + database + " (previous DB kept): "
                    + e.getMessage(), e);
        } finally {
            deleteQuietly(temp);
            deleteQuietly(temp.resolveSibling(temp.getFileName() + "-journal"));
        }
    }

    /** Inserts in id order and returns the sha256 over exactly what was inserted, in that order. */
    private static String insertRecords(Connection connection, Map<String, StoredRecord> records) throws SQLException {
        MessageDigest digest = ZipDownloader.sha256();
        try (PreparedStatement vulnerability = connection.prepareStatement(
                "INSERT INTO vulnerability (id, aliases, upstream, summary, severity, refs, modified, withdrawn, published)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
             PreparedStatement affected = connection.prepareStatement(
                     "INSERT INTO affected (ecosystem, package, vuln_id, data) VALUES (?, ?, ?, ?)")) {
            for (StoredRecord record : records.values().stream().sorted((a, b) -> a.id().compareTo(b.id())).toList()) {
                StoredRecord.Columns c = record.json();
                String[] values = {record.id(), c.aliases(), c.upstream(), c.summary(), c.severity(), c.references(),
                        record.modified(), record.withdrawn(), record.published()};
                for (int i = 0; i < values.length; i++) {
                    vulnerability.setString(i + 1, values[i]);
                    digest(digest, values[i]);
                }
                vulnerability.executeUpdate();
                for (StoredRecord.IndexRow row : record.rows()) {
                    affected.setString(1, row.ecosystem());
                    affected.setString(2, row.packageName());
                    affected.setString(3, record.id());
                    affected.setString(4, row.data());
                    affected.executeUpdate();
                    digest(digest, row.ecosystem());
                    digest(digest, row.packageName());
                    digest(digest, row.data());
                }
            }
        }
        return "sha256:" + HexFormat.of().formatHex(digest.digest());
    }

    private static void digest(MessageDigest digest, String value) {
        if (value != null) {
            digest.update(value.getBytes(StandardCharsets.UTF_8));
        }
        digest.update((byte) 0);
    }

    private Path downloadDirectory() {
        return database.resolveSibling("downloads");
    }

    /** Under the lock no other build is running, so any temp file left here is from a crashed one. */
    private void deleteAbandonedTempFiles() {
        String prefix = "." + database.getFileName() + ".";
        try (DirectoryStream<Path> files = Files.newDirectoryStream(database.getParent(), prefix + "*")) {
            for (Path file : files) {
                deleteQuietly(file);
            }
        } catch (IOException e) {
            // Leftovers only cost disk space; the build itself does not need them gone.
        }
    }

    private void deleteUnreferencedDownloads(Map<String, DownloadState> kept) {
        Path directory = downloadDirectory();
        if (!Files.isDirectory(directory)) {
            return;
        }
        Set<String> keep = kept.values().stream().map(s -> s.sha256() + ".zip").collect(Collectors.toSet());
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
            for (Path file : files) {
                if (!keep.contains(file.getFileName().toString())) {
                    deleteQuietly(file);
                }
            }
        } catch (IOException e) {
            // As above: stale cached zips only cost disk space.
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // Best effort; the next build under the lock removes it.
        }
    }
}
