package io.portcullis.vulndb;

import io.portcullis.InputException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The SHA-1 -> {@code groupId:artifactId:version} index of Maven Central jars, open for reading: how a jar
 * without {@code pom.properties} (Gradle builds, old builds) is identified by its bytes. It lives beside the
 * vulnerability DB ({@link #besides}) and is built by {@link MavenChecksumIndexBuilder}. Thread-safe.
 */
public final class MavenChecksumIndex implements AutoCloseable {

    private final Path file;
    private final Connection connection;
    private final Instant builtAt;
    private final PreparedStatement bySha1;
    /** artifactId -> groupIds, loaded on first use. */
    private Map<String, Set<String>> groupsByArtifact;

    private MavenChecksumIndex(Path file, Connection connection, Instant builtAt) throws SQLException {
        this.file = file;
        this.connection = connection;
        this.builtAt = builtAt;
        this.bySha1 = connection.prepareStatement("SELECT a.group_id, a.artifact_id, v.version FROM version v"
                + " JOIN artifact a ON a.id = v.artifact WHERE v.sha1 = ? ORDER BY a.group_id, a.artifact_id, v.version");
    }

    /** The index file that belongs to the DB {@code database}: {@code portcullis.db} -> {@code portcullis.maven-index.db}. */
    public static Path besides(Path database) {
        String name = database.getFileName().toString();
        String stem = name.endsWith(".db") ? name.substring(0, name.length() - 3) : name;
        return database.resolveSibling(stem + ".maven-index.db");
    }

    /** Opens the index beside {@code database}; empty when none was built. */
    public static Optional<MavenChecksumIndex> openBesides(Path database) {
        Path file = besides(database);
        return Files.isRegularFile(file) ? Optional.of(open(file)) : Optional.empty();
    }

    /** @throws InputException when the file is not an index of this schema version */
    public static MavenChecksumIndex open(Path file) {
        Connection connection = null;
        try {
            connection = SqliteFiles.openReadOnly(file);
            Map<String, String> metadata = metadata(connection);
            String version = metadata.get(MavenIndexSchema.KEY_SCHEMA_VERSION);
            if (!Integer.toString(MavenIndexSchema.VERSION).equals(version)) {
                throw new InputException("Maven checksum index " + file + " has schema version " + version + ", expected "
                        + MavenIndexSchema.VERSION + "; run 'portcullis db update'");
            }
            String builtAt = metadata.get(MavenIndexSchema.KEY_BUILT_AT);
            return new MavenChecksumIndex(file, connection, builtAt == null ? null : Instant.parse(builtAt));
        } catch (SQLException | RuntimeException e) {
            if (connection != null) {
                try {
                    connection.close();
                } catch (SQLException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            if (e instanceof InputException input) {
                throw input;
            }
            throw new InputException("cannot read Maven checksum index " + file + ": " + e.getMessage(), e);
        }
    }

    static Map<String, String> metadata(Connection connection) throws SQLException {
        Map<String, String> metadata = new HashMap<>();
        try (var statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT key, value FROM metadata")) {
            while (rows.next()) {
                metadata.put(rows.getString(1), rows.getString(2));
            }
        }
        return metadata;
    }

    public Path file() {
        return file;
    }

    /** When the index was last completed; null for an index whose first build has not finished. */
    public Instant builtAt() {
        return builtAt;
    }

    /**
     * The published artifacts whose jar has this SHA-1 (lower-case hex); usually one, more when the same jar
     * was published under relocated coordinates.
     */
    public synchronized List<MavenCoordinates> find(String sha1) {
        if (sha1 == null || sha1.length() != 40) {
            return List.of();
        }
        try {
            bySha1.setBytes(1, HexFormat.of().parseHex(sha1));
            List<MavenCoordinates> found = new ArrayList<>();
            try (ResultSet rows = bySha1.executeQuery()) {
                while (rows.next()) {
                    found.add(new MavenCoordinates(rows.getString(1), rows.getString(2), rows.getString(3)));
                }
            }
            return found;
        } catch (IllegalArgumentException e) {
            return List.of();
        } catch (SQLException e) {
            throw new InputException("cannot read Maven checksum index " + file + ": " + e.getMessage(), e);
        }
    }

    /** The groups that publish an artifact with this id. */
    public synchronized Set<String> groupsOf(String artifactId) {
        if (groupsByArtifact == null) {
            groupsByArtifact = new HashMap<>();
            try (var statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT group_id, artifact_id FROM artifact")) {
                while (rows.next()) {
                    groupsByArtifact.computeIfAbsent(rows.getString(2), a -> new TreeSet<>()).add(rows.getString(1));
                }
            } catch (SQLException e) {
                throw new InputException("cannot read Maven checksum index " + file + ": " + e.getMessage(), e);
            }
        }
        return groupsByArtifact.getOrDefault(artifactId, Set.of());
    }

    /** What the index holds: artifacts, their versions, and the versions that have a jar. */
    public record Counts(long artifacts, long versions, long jars) {
    }

    public synchronized Counts counts() {
        try (var statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT (SELECT count(*) FROM artifact), count(*), count(sha1) FROM version")) {
            rows.next();
            return new Counts(rows.getLong(1), rows.getLong(2), rows.getLong(3));
        } catch (SQLException e) {
            throw new InputException("cannot read Maven checksum index " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new IllegalStateException("closing " + file, e);
        }
    }
}
