package io.portcullis.vulndb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.portcullis.InputException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A built vulnerability DB, open for reading. Lookups are by (OSV ecosystem with suffix, normalised
 * package name). Withdrawn records are never returned by {@link #affected}. Safe for use from several
 * threads, and lookups run in parallel: each borrows one of a few read-only connections, all opened
 * on the same file when the DB is opened, so a DB replaced by a concurrent update keeps serving the
 * version that was opened.
 */
public final class VulnDb implements AutoCloseable {

    /** Read connections per open DB: one per core, so matching threads do not queue for one. */
    private static final int READERS = Math.max(2, Math.min(8, Runtime.getRuntime().availableProcessors()));
    /** Attempts at opening every reader on one version of the file while an update may replace it. */
    private static final int OPEN_ATTEMPTS = 3;

    private final Path file;
    private final DatabaseInfo info;
    private final List<String> warnings;
    private final List<ReadConnection> readers;
    private final BlockingQueue<ReadConnection> idle;
    /** The package names each ecosystem has entries for, loaded on first use: most packages of a scan have none. */
    private final Map<String, Set<String>> packageNames = new ConcurrentHashMap<>();
    private final Map<String, Optional<Vulnerability>> vulnerabilities = new ConcurrentHashMap<>();
    private final ObjectMapper json = new ObjectMapper();
    private volatile boolean closed;
    private final MavenChecksumIndex mavenIndex;

    /** One read-only connection and its prepared lookups; used by one thread at a time. */
    private static final class ReadConnection implements AutoCloseable {
        final Connection connection;
        final PreparedStatement affectedQuery;
        final PreparedStatement vulnerabilityQuery;
        final PreparedStatement packageNamesQuery;

        ReadConnection(Connection connection) throws SQLException {
            this.connection = connection;
            this.affectedQuery = connection.prepareStatement(
                    "SELECT vuln_id, data FROM affected WHERE ecosystem = ? AND package = ? ORDER BY vuln_id");
            this.vulnerabilityQuery = connection.prepareStatement(
                    "SELECT aliases, upstream, summary, severity, refs, modified, withdrawn, published FROM vulnerability WHERE id = ?");
            this.packageNamesQuery = connection.prepareStatement("SELECT DISTINCT package FROM affected WHERE ecosystem = ?");
        }

        @Override
        public void close() throws SQLException {
            connection.close();
        }
    }

    /** A lookup on a borrowed reader. */
    private interface Lookup<T> {
        T run(ReadConnection reader) throws SQLException, IOException;
    }

    private VulnDb(Path file, List<ReadConnection> readers, DatabaseInfo info, List<String> warnings, MavenChecksumIndex mavenIndex) {
        this.file = file;
        this.mavenIndex = mavenIndex;
        this.readers = List.copyOf(readers);
        this.idle = new ArrayBlockingQueue<>(readers.size(), false, readers);
        this.info = info;
        this.warnings = List.copyOf(warnings);
    }

    public static VulnDb open(Path file) {
        return open(file, Freshness.lenient());
    }

    /**
     * Opens a DB file, checking its schema version and age.
     *
     * @throws InputException when the file is missing, not a DB of this schema version, or stale while
     *     {@code freshness} says to fail
     */
    public static VulnDb open(Path file, Freshness freshness) {
        if (!Files.isRegularFile(file)) {
            throw new InputException("no vulnerability database at " + file
                    + "; run 'portcullis db update' or 'portcullis db import'");
        }
        List<ReadConnection> readers = new ArrayList<>();
        try {
            DatabaseInfo info = openReaders(file, readers);
            List<String> warnings = freshness.check(file, info);
            MavenChecksumIndex mavenIndex = MavenChecksumIndex.openBesides(file).orElse(null);
            return new VulnDb(file, readers, info, warnings, mavenIndex);
        } catch (SQLException e) {
            closeQuietly(readers);
            throw new InputException("cannot read vulnerability database " + file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(readers);
            throw e;
        }
    }

    /**
     * Opens {@link #READERS} connections into {@code readers} and returns the DB's metadata. An update renames a new
     * file over the old one, so connections opened around that moment could see two versions; each reads the build's
     * checksum, and on a difference all are opened again.
     */
    private static DatabaseInfo openReaders(Path file, List<ReadConnection> readers) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            DatabaseInfo first = null;
            boolean oneVersion = true;
            for (int i = 0; i < READERS && oneVersion; i++) {
                Connection connection = SqliteFiles.openReadOnly(file);
                try {
                    DatabaseInfo info = StoredMetadata.read(connection, file).info();
                    readers.add(new ReadConnection(connection));
                    first = first == null ? info : first;
                    oneVersion = first.checksum().equals(info.checksum());
                } catch (SQLException | RuntimeException e) {
                    connection.close();
                    throw e;
                }
            }
            if (oneVersion) {
                return first;
            }
            closeQuietly(readers);
            readers.clear();
            if (attempt == OPEN_ATTEMPTS) {
                throw new InputException("vulnerability database " + file + " was replaced " + OPEN_ATTEMPTS
                        + " times while it was being opened; try again when the update is done");
            }
        }
    }

    /** Runs a lookup on an idle reader, waiting for one when every reader is busy. */
    private <T> T withReader(Lookup<T> lookup) throws SQLException, IOException {
        if (closed) {
            throw new IllegalStateException("vulnerability database " + file + " is closed");
        }
        ReadConnection reader;
        try {
            reader = idle.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while waiting to read " + file);
        }
        try {
            return lookup.run(reader);
        } finally {
            idle.add(reader);
        }
    }

    public Path file() {
        return file;
    }

    public DatabaseInfo info() {
        return info;
    }

    /** Warnings from opening (a stale DB). */
    public List<String> warnings() {
        return warnings;
    }

    /** Age of the DB at {@code now}. */
    public Duration age(Instant now) {
        return Duration.between(info.builtAt(), now);
    }

    /**
     * The affected entries recorded for one package.
     *
     * @param ecosystem OSV ecosystem with suffix, exactly as the records write it ({@code Alpine:v3.11}, {@code PyPI})
     * @param normalizedName the name after {@link Ecosystem#normalizeName}
     */
    public List<AffectedPackage> affected(String ecosystem, String normalizedName) {
        try {
            if (!namesOf(ecosystem).contains(normalizedName)) {
                return List.of();
            }
            // The rows are copied out and parsed after the reader is back, so parsing never holds a connection.
            List<String[]> rows = withReader(reader -> {
                reader.affectedQuery.setString(1, ecosystem);
                reader.affectedQuery.setString(2, normalizedName);
                List<String[]> found = new ArrayList<>();
                try (ResultSet result = reader.affectedQuery.executeQuery()) {
                    while (result.next()) {
                        found.add(new String[] {result.getString(1), result.getString(2)});
                    }
                }
                return found;
            });
            List<AffectedPackage> result = new ArrayList<>(rows.size());
            for (String[] row : rows) {
                result.add(AffectedEntryReader.read(row[0], row[1]));
            }
            return result;
        } catch (SQLException e) {
            throw new InputException("cannot read vulnerability database " + file + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("corrupt affected entry in " + file, e);
        }
    }

    /** The Maven checksum index beside the DB ({@link MavenChecksumIndex#besides}), when one was built. */
    public Optional<MavenChecksumIndex> mavenIndex() {
        return Optional.ofNullable(mavenIndex);
    }

    /** Every package name the records of one OSV ecosystem ({@code Maven}, {@code npm}) name, normalised. */
    public Set<String> packageNames(String ecosystem) {
        try {
            return namesOf(ecosystem);
        } catch (SQLException e) {
            throw new InputException("cannot read vulnerability database " + file + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read vulnerability database " + file, e);
        }
    }

    /** Two threads asking at once may both load an ecosystem's names; both get the same set, and one is kept. */
    private Set<String> namesOf(String ecosystem) throws SQLException, IOException {
        Set<String> names = packageNames.get(ecosystem);
        if (names != null) {
            return names;
        }
        Set<String> loaded = withReader(reader -> {
            Set<String> found = new HashSet<>();
            reader.packageNamesQuery.setString(1, ecosystem);
            try (ResultSet rows = reader.packageNamesQuery.executeQuery()) {
                while (rows.next()) {
                    found.add(rows.getString(1));
                }
            }
            return Set.copyOf(found);
        });
        Set<String> earlier = packageNames.putIfAbsent(ecosystem, loaded);
        return earlier != null ? earlier : loaded;
    }

    /** The record with this id, withdrawn or not. */
    public Optional<Vulnerability> vulnerability(String id) {
        Optional<Vulnerability> cached = vulnerabilities.get(id);
        if (cached != null) {
            return cached;
        }
        try {
            String[] columns = withReader(reader -> {
                reader.vulnerabilityQuery.setString(1, id);
                try (ResultSet row = reader.vulnerabilityQuery.executeQuery()) {
                    if (!row.next()) {
                        return null;
                    }
                    String[] values = new String[8];
                    for (int i = 0; i < values.length; i++) {
                        values[i] = row.getString(i + 1);
                    }
                    return values;
                }
            });
            Optional<Vulnerability> found = Optional.empty();
            if (columns != null) {
                JsonNode severity = json.readTree(columns[3]);
                found = Optional.of(new Vulnerability(id, strings(columns[0]), strings(columns[1]),
                        columns[2], scores(severity.path("severity")),
                        severity.hasNonNull("database_specific") ? severity.get("database_specific").asText() : null,
                        strings(columns[4]), columns[5], columns[6], columns[7]));
            }
            Optional<Vulnerability> earlier = vulnerabilities.putIfAbsent(id, found);
            return earlier != null ? earlier : found;
        } catch (SQLException e) {
            throw new InputException("cannot read vulnerability database " + file + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("corrupt vulnerability row in " + file, e);
        }
    }

    private static List<SeverityScore> scores(JsonNode array) {
        List<SeverityScore> scores = new ArrayList<>();
        array.forEach(s -> scores.add(new SeverityScore(s.path("type").asText(), s.path("score").asText())));
        return scores;
    }

    private List<String> strings(String jsonArray) throws IOException {
        List<String> values = new ArrayList<>();
        json.readTree(jsonArray).forEach(v -> values.add(v.asText()));
        return values;
    }

    private static void closeQuietly(List<ReadConnection> readers) {
        for (ReadConnection reader : readers) {
            try {
                reader.close();
            } catch (SQLException e) {
                // Already failing with a clearer error.
            }
        }
    }

    /** Closes every connection; call it once no lookup is running. */
    @Override
    public void close() {
        closed = true;
        if (mavenIndex != null) {
            mavenIndex.close();
        }
        SQLException failure = null;
        for (ReadConnection reader : readers) {
            try {
                reader.close();
            } catch (SQLException e) {
                failure = failure == null ? e : failure;
            }
        }
        if (failure != null) {
            throw new IllegalStateException("closing " + file, failure);
        }
    }
}
