package io.portcullis.vulndb;

import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteOpenMode;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

/** Opens DB files for reading only: a reader never creates, locks for writing, or journals the file. */
final class SqliteFiles {

    private SqliteFiles() {
    }

    static Connection openReadOnly(Path database) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setOpenMode(SQLiteOpenMode.READONLY);
        return config.createConnection("jdbc:sqlite:" + database);
    }
}
