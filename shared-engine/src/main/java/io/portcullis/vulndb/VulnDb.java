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
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A built vulnerability DB, open for reading. Lookups are by (OSV ecosystem with suffix, normalised
 * package name). Withdrawn records are never returned by {@link #affected}. Safe for use from several
 * threads (lookups are serialised on the one connection); a DB replaced by a concurrent update keeps
 * serving the version that was opened.
 */
public final class VulnDb implements AutoCloseable {

    /** Environment variable naming the DB file. */
    public static final String ENV_DB = "PORTCULLIS_DB";

    private final Path file;
    private final Connection connection;
    private final DatabaseInfo info;
    private final List<String> warnings;
    private final PreparedStatement affectedQuery;
    private final PreparedStatement vulnerabilityQuery;
    private final PreparedStatement packageNamesQuery;
    /** The package names each ecosystem has entries for, loaded on first use: most packages of a scan have none. */
    private final Map<String, Set<String>> packageNames = new HashMap<>();
    private final Map<String, Optional<Vulnerability>> vulnerabilities = new HashMap<>();
    private final ObjectMapper json = new ObjectMapper();
    private final MavenChecksumIndex mavenIndex;

    private VulnDb(Path file, Connection connection, DatabaseInfo info, List<String> warnings, MavenChecksumIndex mavenIndex)
            throws SQLException {
        this.file = file;
        this.mavenIndex = mavenIndex;
        this.connection = connection;
        this.info = info;
        this.warnings = List.copyOf(warnings);
        this.affectedQuery = connection.prepareStatement(
                "SELECT vuln_id, data FROM affected WHERE ecosystem = ? AND package = ? ORDER BY vuln_id");
        this.vulnerabilityQuery = connection.prepareStatement(
                "SELECT aliases, upstream, summary, severity, refs, modified, withdrawn FROM vulnerability WHERE id = ?");
        this.packageNamesQuery = connection.prepareStatement("SELECT DISTINCT package FROM affected WHERE ecosystem = ?");
    }

    /** {@code $PORTCULLIS_DB}, else {@code ~/.cache/portcullis/db/portcullis.db}. */
    public static Path defaultPath() {
        return defaultPath(System.getenv(), Path.of(System.getProperty("user.home")));
    }

    /** {@code $PORTCULLIS_DB} of {@code environment}, else {@code HOME/.cache/portcullis/db/portcullis.db}. */
    public static Path defaultPath(Map<String, String> environment, Path home) {
        String fromEnvironment = environment.get(ENV_DB);
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return Path.of(fromEnvironment);
        }
        return home.resolve(".cache").resolve("portcullis").resolve("db").resolve("portcullis.db");
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
        Connection connection = null;
        try {
            connection = SqliteFiles.openReadOnly(file);
            DatabaseInfo info = StoredMetadata.read(connection, file).info();
            List<String> warnings = freshness.check(file, info);
            MavenChecksumIndex mavenIndex = MavenChecksumIndex.openBesides(file).orElse(null);
            return new VulnDb(file, connection, info, warnings, mavenIndex);
        } catch (SQLException e) {
            closeQuietly(connection);
            throw new InputException("cannot read vulnerability database " + file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(connection);
            throw e;
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
    public synchronized List<AffectedPackage> affected(String ecosystem, String normalizedName) {
        try {
            if (!namesOf(ecosystem).contains(normalizedName)) {
                return List.of();
            }
            affectedQuery.setString(1, ecosystem);
            affectedQuery.setString(2, normalizedName);
            List<AffectedPackage> result = new ArrayList<>();
            try (ResultSet rows = affectedQuery.executeQuery()) {
                while (rows.next()) {
                    result.add(AffectedEntryReader.read(rows.getString(1), rows.getString(2)));
                }
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
    public synchronized Set<String> packageNames(String ecosystem) {
        try {
            return Set.copyOf(namesOf(ecosystem));
        } catch (SQLException e) {
            throw new InputException("cannot read vulnerability database " + file + ": " + e.getMessage(), e);
        }
    }

    private Set<String> namesOf(String ecosystem) throws SQLException {
        Set<String> names = packageNames.get(ecosystem);
        if (names == null) {
            names = new HashSet<>();
            packageNamesQuery.setString(1, ecosystem);
            try (ResultSet rows = packageNamesQuery.executeQuery()) {
                while (rows.next()) {
                    names.add(rows.getString(1));
                }
            }
            packageNames.put(ecosystem, names);
        }
        return names;
    }

    /** The record with this id, withdrawn or not. */
    public synchronized Optional<Vulnerability> vulnerability(String id) {
        Optional<Vulnerability> cached = vulnerabilities.get(id);
        if (cached != null) {
            return cached;
        }
        try {
            vulnerabilityQuery.setString(1, id);
            Optional<Vulnerability> found = Optional.empty();
            try (ResultSet row = vulnerabilityQuery.executeQuery()) {
                if (row.next()) {
                    JsonNode severity = json.readTree(row.getString(4));
                    found = Optional.of(new Vulnerability(id, strings(row.getString(1)), strings(row.getString(2)),
                            row.getString(3), scores(severity.path("severity")),
                            severity.hasNonNull("database_specific") ? severity.get("database_specific").asText() : null,
                            strings(row.getString(5)), row.getString(6), row.getString(7)));
                }
            }
            vulnerabilities.put(id, found);
            return found;
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

    private static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                // Already failing with a clearer error.
            }
        }
    }

    @Override
    public synchronized void close() {
        try {
            if (mavenIndex != null) {
                mavenIndex.close();
            }
            connection.close();
        } catch (SQLException e) {
            throw new IllegalStateException("closing " + file, e);
        }
    }
}
