package io.portcullis.inventory.rpm;

import org.sqlite.SQLiteConfig;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** rpm's sqlite backend (rpm 4.16+, {@code rpmdb.sqlite}): one row per package in table Packages. */
final class SqliteHeaderBlobs implements HeaderBlobs {

    @Override
    public void read(Path database, Sink sink) throws CorruptDatabaseException {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        try (Connection connection = config.createConnection("jdbc:sqlite:" + database.toAbsolutePath());
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT blob FROM Packages ORDER BY hnum")) {
            while (rows.next()) {
                byte[] blob = rows.getBytes(1);
                if (blob != null) {
                    sink.accept(blob);
                }
            }
        } catch (SQLException e) {
            throw new CorruptDatabaseException("not a readable rpm sqlite database: " + firstLine(e.getMessage()), e);
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unknown sqlite error";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
