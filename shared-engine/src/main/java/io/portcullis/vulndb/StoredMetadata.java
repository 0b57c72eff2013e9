package io.portcullis.vulndb;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.portcullis.InputException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The metadata table of a DB file: what {@link DatabaseInfo} reports, plus what updates remember of URL sources. */
record StoredMetadata(DatabaseInfo info, Map<String, DownloadState> downloads) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static StoredMetadata read(Connection connection, Path database) throws SQLException {
        Map<String, String> values = new HashMap<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT key, value FROM metadata")) {
            while (rows.next()) {
                values.put(rows.getString(1), rows.getString(2));
            }
        }
        String version = values.get(DbSchema.KEY_SCHEMA_VERSION);
        if (version == null) {
            throw new InputException("not a Portcullis vulnerability database (no schema version): " + database);
        }
        int schemaVersion = Integer.parseInt(version);
        if (schemaVersion != DbSchema.VERSION) {
            throw new InputException("vulnerability database " + database + " has schema version " + schemaVersion
                    + ", this Portcullis reads version " + DbSchema.VERSION + "; run 'portcullis db update'");
        }
        try {
            DatabaseInfo info = new DatabaseInfo(schemaVersion, Instant.parse(values.get(DbSchema.KEY_BUILT_AT)),
                    JSON.readValue(values.get(DbSchema.KEY_SOURCES), new TypeReference<List<String>>() { }),
                    JSON.readValue(values.get(DbSchema.KEY_COUNTS), new TypeReference<Map<String, Integer>>() { }),
                    values.get(DbSchema.KEY_CHECKSUM));
            Map<String, DownloadState> downloads = JSON.readValue(values.getOrDefault(DbSchema.KEY_DOWNLOADS, "{}"),
                    new TypeReference<Map<String, DownloadState>>() { });
            return new StoredMetadata(info, downloads);
        } catch (IOException | RuntimeException e) {
            throw new InputException("corrupt metadata in vulnerability database " + database + ": " + e.getMessage(), e);
        }
    }

    /** The metadata of the DB now at {@code database}, or null when there is none or it is unusable (it is rebuilt anyway). */
    static StoredMetadata readIfPresent(Path database) {
        if (!Files.isRegularFile(database)) {
            return null;
        }
        try (Connection connection = SqliteFiles.openReadOnly(database)) {
            return read(connection, database);
        } catch (SQLException | InputException e) {
            return null;
        }
    }
}
