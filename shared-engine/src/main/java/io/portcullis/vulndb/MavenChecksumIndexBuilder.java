package io.portcullis.vulndb;

import io.portcullis.InputException;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Builds and refreshes the Maven checksum index from a Maven repository: for each artifact, its
 * {@code maven-metadata.xml} (conditionally: an unchanged artifact costs one 304) and the published
 * {@code .jar.sha1} of every version not indexed yet. So an update fetches only what is new.
 *
 * <p>Work goes into {@code .<index>.partial}, committed as versions arrive; an interrupted build leaves it
 * behind and the next build resumes from it. Only a finished build is compacted into a temp file, synced and
 * renamed over the index, so readers see the old index or the new one, never a half-built one. An
 * artifact's metadata validators are stored only once all its versions are in, so an artifact cut short is
 * looked at again. At most {@code concurrency} requests are in flight; transient HTTP failures are retried
 * by {@link MavenRepository}; an artifact that still fails is reported and the others are kept.
 */
public final class MavenChecksumIndexBuilder {

    private static final int COMMIT_EVERY = 500;

    private final Path index;
    private final MavenRepository repository;
    private int concurrency = 8;
    private Clock clock = Clock.systemUTC();

    public MavenChecksumIndexBuilder(Path index, MavenRepository repository) {
        this.index = Objects.requireNonNull(index, "index").toAbsolutePath().normalize();
        this.repository = Objects.requireNonNull(repository, "repository");
    }

    /** The most requests to the repository at once (default 8). */
    public MavenChecksumIndexBuilder concurrency(int requests) {
        if (requests < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1: " + requests);
        }
        this.concurrency = requests;
        return this;
    }

    public MavenChecksumIndexBuilder clock(Clock buildClock) {
        this.clock = Objects.requireNonNull(buildClock, "buildClock");
        return this;
    }

    /** The partial file an interrupted build leaves behind and the next one resumes from. */
    public Path partialFile() {
        return index.resolveSibling("." + index.getFileName() + ".partial");
    }

    /**
     * A builder for the index kept beside {@code database} ({@link MavenChecksumIndex#besides}), which follows
     * that DB: see {@link #updateForDatabase(Path)}.
     */
    public static MavenChecksumIndexBuilder besides(Path database, MavenRepository repository) {
        return new MavenChecksumIndexBuilder(MavenChecksumIndex.besides(database), repository);
    }

    /**
     * Brings the index up to date for every Maven artifact the records of {@code database} name, with all
     * their versions on the repository: so every jar a matching record could apply to can be identified.
     *
     * @throws InputException when the DB cannot be read, the repository cannot be reached or the index cannot
     *     be written; the previous index is then left as it was
     */
    public MavenIndexUpdate updateForDatabase(Path database) {
        Set<String> artifacts;
        try (VulnDb db = VulnDb.open(database)) {
            artifacts = db.packageNames(Ecosystem.MAVEN.osvName());
        }
        return update(artifacts);
    }

    /**
     * Brings the index up to date for {@code packageNames} ({@code groupId:artifactId}; other names are ignored).
     *
     * @throws InputException when the index cannot be written; the previous index is then left as it was
     */
    public MavenIndexUpdate update(Collection<String> packageNames) {
        Instant started = clock.instant();
        Set<MavenArtifact> artifacts = new TreeSet<>();
        for (String name : packageNames) {
            MavenArtifact.parse(name).ifPresent(artifacts::add);
        }
        try {
            Files.createDirectories(index.getParent());
            // Only db update builds the index, and it has already announced any wait on the DB lock itself.
            try (DbLock lock = DbLock.acquire(index, () -> { })) {
                return updateLocked(artifacts, started);
            }
        } catch (IOException | SQLException e) {
            throw new InputException("cannot write Maven checksum index " + index + " (previous index kept): " + e.getMessage(), e);
        }
    }

    private MavenIndexUpdate updateLocked(Set<MavenArtifact> artifacts, Instant started) throws IOException, SQLException {
        Path partial = partialFile();
        if (!Files.isRegularFile(partial) || !usable(partial)) {
            Files.deleteIfExists(partial);
            if (Files.isRegularFile(index) && usable(index)) {
                Files.copy(index, partial, StandardCopyOption.REPLACE_EXISTING);
            } else {
                create(partial);
            }
        }
        List<String> failures = new ArrayList<>();
        int unchanged = 0;
        int newVersions = 0;
        ExecutorService pool = Executors.newFixedThreadPool(concurrency, runnable -> {
            Thread thread = new Thread(runnable, "maven-index");
            thread.setDaemon(true);
            return thread;
        });
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + partial)) {
            connection.setAutoCommit(false);
            IndexWriter writer = new IndexWriter(connection);
            List<CompletableFuture<ArtifactWork>> metadata = new ArrayList<>();
            boolean probed = false;
            for (MavenArtifact artifact : artifacts) {
                ArtifactState state = writer.state(artifact);
                if (!probed) {
                    // One request first: an unreachable repository is one clear error, not thousands of retried ones.
                    ArtifactWork first = fetchMetadata(artifact, state);
                    if (first.failure() != null) {
                        throw new InputException("cannot reach Maven repository " + repository.displayName() + ": "
                                + first.failure() + "; Maven checksum index not updated");
                    }
                    metadata.add(CompletableFuture.completedFuture(first));
                    probed = true;
                    continue;
                }
                metadata.add(CompletableFuture.supplyAsync(() -> fetchMetadata(artifact, state), pool));
            }
            List<CompletableFuture<?>> versionsDone = new ArrayList<>();
            for (CompletableFuture<ArtifactWork> future : metadata) {
                ArtifactWork work = future.join();
                if (work.failure() != null) {
                    failures.add(work.failure());
                    continue;
                }
                if (work.newVersions().isEmpty()) {
                    unchanged++;
                    if (!work.metadata().notModified()) {
                        writer.finish(work);
                    }
                    continue;
                }
                newVersions += work.newVersions().size();
                List<CompletableFuture<Void>> sha1s = new ArrayList<>();
                for (String version : work.newVersions()) {
                    sha1s.add(CompletableFuture.supplyAsync(() -> fetchSha1(work.artifact(), version), pool)
                            .thenAccept(sha1 -> writer.put(work.state().id(), version, sha1.orElse(null))));
                }
                versionsDone.add(CompletableFuture.allOf(sha1s.toArray(CompletableFuture[]::new))
                        .handle((ok, error) -> {
                            if (error == null) {
                                writer.finish(work);
                            } else {
                                synchronized (failures) {
                                    failures.add(work.artifact() + ": " + rootMessage(error));
                                }
                            }
                            return null;
                        }));
            }
            CompletableFuture.allOf(versionsDone.toArray(CompletableFuture[]::new)).join();
            writer.metadata(MavenIndexSchema.KEY_BUILT_AT, clock.instant().toString());
            writer.metadata(MavenIndexSchema.KEY_REPOSITORY, repository.displayName());
            writer.commit();
        } finally {
            pool.shutdownNow();
        }
        publish(partial);
        Files.deleteIfExists(partial);
        MavenChecksumIndex.Counts counts;
        try (MavenChecksumIndex built = MavenChecksumIndex.open(index)) {
            counts = built.counts();
        }
        return new MavenIndexUpdate(index, artifacts.size(), unchanged, newVersions, failures,
                Duration.between(started, clock.instant()), counts);
    }

    private ArtifactWork fetchMetadata(MavenArtifact artifact, ArtifactState state) {
        try {
            MavenRepository.Metadata metadata = repository.metadata(artifact.groupId(), artifact.artifactId(),
                    state.etag(), state.lastModified());
            List<String> fresh = new ArrayList<>();
            for (String version : metadata.versions()) {
                if (!state.versions().contains(version)) {
                    fresh.add(version);
                }
            }
            return new ArtifactWork(artifact, state, metadata, fresh, null);
        } catch (IOException e) {
            return new ArtifactWork(artifact, state, null, List.of(), artifact + ": " + e.getMessage());
        }
    }

    private Optional<String> fetchSha1(MavenArtifact artifact, String version) {
        try {
            return repository.jarSha1(artifact.groupId(), artifact.artifactId(), version);
        } catch (IOException e) {
            throw new CompletionException(e);
        }
    }

    private static String rootMessage(Throwable error) {
        Throwable cause = error;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return String.valueOf(cause.getMessage());
    }

    /** Compacts the finished partial file into a temp file beside the index and renames it into place. */
    private void publish(Path partial) throws IOException, SQLException {
        Path temp = index.resolveSibling("." + index.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + partial);
                 PreparedStatement vacuum = connection.prepareStatement("VACUUM INTO ?")) {
                vacuum.setString(1, temp.toString());
                vacuum.execute();
            }
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            Files.move(temp, index, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static boolean usable(Path file) {
        try (Connection connection = SqliteFiles.openReadOnly(file)) {
            return Integer.toString(MavenIndexSchema.VERSION)
                    .equals(MavenChecksumIndex.metadata(connection).get(MavenIndexSchema.KEY_SCHEMA_VERSION));
        } catch (SQLException e) {
            return false;
        }
    }

    private static void create(Path file) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement statement = connection.createStatement()) {
            for (String ddl : MavenIndexSchema.DDL) {
                statement.execute(ddl);
            }
            statement.execute("INSERT INTO metadata (key, value) VALUES ('" + MavenIndexSchema.KEY_SCHEMA_VERSION
                    + "', '" + MavenIndexSchema.VERSION + "')");
        }
    }

    /** An artifact to index. */
    record MavenArtifact(String groupId, String artifactId) implements Comparable<MavenArtifact> {
        static Optional<MavenArtifact> parse(String packageName) {
            int colon = packageName.indexOf(':');
            if (colon <= 0 || colon == packageName.length() - 1 || packageName.indexOf(':', colon + 1) >= 0
                    || packageName.contains("/") || packageName.contains("..")) {
                return Optional.empty();
            }
            return Optional.of(new MavenArtifact(packageName.substring(0, colon), packageName.substring(colon + 1)));
        }

        @Override
        public int compareTo(MavenArtifact other) {
            return toString().compareTo(other.toString());
        }

        @Override
        public String toString() {
            return groupId + ":" + artifactId;
        }
    }

    /** What the index already holds for an artifact. */
    record ArtifactState(long id, String etag, String lastModified, Set<String> versions) {
    }

    private record ArtifactWork(MavenArtifact artifact, ArtifactState state, MavenRepository.Metadata metadata,
                                List<String> newVersions, String failure) {
    }

    /** All writes, serialised on the one connection; commits every few hundred rows so an interruption keeps most work. */
    private static final class IndexWriter {
        private final Connection connection;
        private final PreparedStatement insertVersion;
        private final PreparedStatement updateArtifact;
        private int uncommitted;

        IndexWriter(Connection connection) throws SQLException {
            this.connection = connection;
            this.insertVersion = connection.prepareStatement(
                    "INSERT OR REPLACE INTO version (artifact, version, sha1) VALUES (?, ?, ?)");
            this.updateArtifact = connection.prepareStatement("UPDATE artifact SET etag = ?, last_modified = ? WHERE id = ?");
        }

        synchronized ArtifactState state(MavenArtifact artifact) throws SQLException {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT OR IGNORE INTO artifact (group_id, artifact_id) VALUES (?, ?)")) {
                insert.setString(1, artifact.groupId());
                insert.setString(2, artifact.artifactId());
                insert.executeUpdate();
            }
            long id;
            String etag;
            String lastModified;
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT id, etag, last_modified FROM artifact WHERE group_id = ? AND artifact_id = ?")) {
                select.setString(1, artifact.groupId());
                select.setString(2, artifact.artifactId());
                try (ResultSet row = select.executeQuery()) {
                    row.next();
                    id = row.getLong(1);
                    etag = row.getString(2);
                    lastModified = row.getString(3);
                }
            }
            Set<String> versions = new HashSet<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT version FROM version WHERE artifact = ?")) {
                select.setLong(1, id);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        versions.add(rows.getString(1));
                    }
                }
            }
            return new ArtifactState(id, etag, lastModified, versions);
        }

        synchronized void put(long artifact, String version, String sha1) {
            try {
                insertVersion.setLong(1, artifact);
                insertVersion.setString(2, version);
                insertVersion.setBytes(3, sha1 == null ? null : HexFormat.of().parseHex(sha1));
                insertVersion.executeUpdate();
                if (++uncommitted >= COMMIT_EVERY) {
                    commit();
                }
            } catch (SQLException e) {
                throw new CompletionException(e);
            }
        }

        synchronized void finish(ArtifactWork work) {
            try {
                updateArtifact.setString(1, work.metadata().etag());
                updateArtifact.setString(2, work.metadata().lastModified());
                updateArtifact.setLong(3, work.state().id());
                updateArtifact.executeUpdate();
                commit();
            } catch (SQLException e) {
                throw new CompletionException(e);
            }
        }

        synchronized void metadata(String key, String value) throws SQLException {
            try (PreparedStatement insert = connection.prepareStatement("INSERT OR REPLACE INTO metadata (key, value) VALUES (?, ?)")) {
                insert.setString(1, key);
                insert.setString(2, value);
                insert.executeUpdate();
            }
        }

        synchronized void commit() throws SQLException {
            connection.commit();
            uncommitted = 0;
        }
    }
}
