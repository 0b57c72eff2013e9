package io.portcullis.engine;

import io.portcullis.InputException;
import io.portcullis.vulndb.Ecosystem;
import io.portcullis.vulndb.OsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Where an agent's vulnerability data comes from, as a user writes it in a job's settings:
 * <ul>
 *   <li>{@code osv.dev} (also the empty text): osv.dev's public bucket, every supported ecosystem</li>
 *   <li>{@code https://mirror.example/osv/} (ending in '/'): a mirror laid out as osv.dev's bucket</li>
 *   <li>{@code https://host/all.zip}: one zip of OSV records</li>
 *   <li>{@code oci://host/repo:tag}: an OCI artifact holding such zips</li>
 *   <li>a path to a built {@code portcullis.db} (a file ending in {@code .db}): used as it is, never refreshed</li>
 *   <li>a directory or a zip of OSV records</li>
 * </ul>
 */
public final class DatabaseSource {

    private final String text;
    private final Path readyDatabase;
    private final List<OsvSource> sources;

    private DatabaseSource(String text, Path readyDatabase, List<OsvSource> sources) {
        this.text = text;
        this.readyDatabase = readyDatabase;
        this.sources = sources;
    }

    public static DatabaseSource parse(String s) {
        String text = s == null ? "" : s.trim();
        String lower = text.toLowerCase(Locale.ROOT);
        if (text.isEmpty() || lower.equals("osv.dev")) {
            return new DatabaseSource("osv.dev", null, OsvSource.bucket(OsvSource.OSV_DEV_BASE, List.of(Ecosystem.values())));
        }
        if ((lower.startsWith("https://") || lower.startsWith("http://")) && text.endsWith("/")) {
            return new DatabaseSource(text, null, OsvSource.bucket(text, List.of(Ecosystem.values())));
        }
        if (!lower.startsWith("https://") && !lower.startsWith("http://") && !lower.startsWith(OsvSource.Oci.SCHEME)
                && lower.endsWith(".db")) {
            Path file = Path.of(text);
            if (!Files.isRegularFile(file)) {
                throw new InputException("no vulnerability database at " + file);
            }
            return new DatabaseSource(text, file, List.of());
        }
        return new DatabaseSource(text, null, List.of(OsvSource.parse(text)));
    }

    /** A built DB to use as it is, or null when the DB is built from {@link #sources()}. */
    Path readyDatabase() {
        return readyDatabase;
    }

    List<OsvSource> sources() {
        return sources;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DatabaseSource other && text.equals(other.text);
    }

    @Override
    public int hashCode() {
        return Objects.hash(text);
    }

    /** As given; a URL's user info is dropped. */
    @Override
    public String toString() {
        return text.replaceAll("//[^/@]*@", "//");
    }
}
