package io.portcullis.vulndb;

import io.portcullis.InputException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Reads the record files of a local directory or zip. A source we cannot read at all fails the import; single bad
 * records do not, and neither does one larger than {@link #MAX_RECORD_BYTES}: it is passed on unread, to be rejected.
 */
final class OsvEntryReader {

    /** Upper bound for one record; the largest real OSV records are a few hundred KiB. */
    private static final long MAX_RECORD_BYTES = 16L * 1024 * 1024;

    private OsvEntryReader() {
    }

    static List<OsvEntry> readDirectory(Path directory, String displayName) {
        try (Stream<Path> files = Files.walk(directory)) {
            List<Path> jsonFiles = files.filter(p -> p.getFileName().toString().endsWith(".json"))
                    .filter(Files::isRegularFile)
                    .sorted()
                    .toList();
            List<OsvEntry> entries = new ArrayList<>(jsonFiles.size());
            for (Path file : jsonFiles) {
                String name = directory.relativize(file).toString();
                entries.add(Files.size(file) > MAX_RECORD_BYTES ? OsvEntry.tooLarge(displayName, name)
                        : new OsvEntry(displayName, name, Files.readAllBytes(file)));
            }
            return entries;
        } catch (IOException e) {
            throw new InputException("cannot read OSV directory " + directory + ": " + e.getMessage(), e);
        }
    }

    static List<OsvEntry> readZip(Path zip, String displayName) {
        try (ZipFile zipFile = new ZipFile(zip.toFile())) {
            List<OsvEntry> entries = new ArrayList<>(zipFile.size());
            Enumeration<? extends ZipEntry> all = zipFile.entries();
            while (all.hasMoreElements()) {
                ZipEntry entry = all.nextElement();
                if (entry.isDirectory() || !entry.getName().endsWith(".json")) {
                    continue;
                }
                byte[] content = read(zipFile, entry);
                entries.add(content == null ? OsvEntry.tooLarge(displayName, entry.getName()) : new OsvEntry(displayName, entry.getName(), content));
            }
            return entries;
        } catch (ZipException e) {
            throw new InputException("not a readable zip (truncated or corrupt): " + zip + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new InputException("cannot read OSV zip " + zip + ": " + e.getMessage(), e);
        }
    }

    /** The entry's bytes, or null when it is larger than one record can be (it is then rejected, not read). */
    private static byte[] read(ZipFile zipFile, ZipEntry entry) throws IOException {
        if (entry.getSize() > MAX_RECORD_BYTES) {
            return null;
        }
        try (InputStream in = zipFile.getInputStream(entry)) {
            byte[] content = in.readNBytes((int) MAX_RECORD_BYTES + 1);
            return content.length > MAX_RECORD_BYTES ? null : content;
        }
    }
}
