package io.portcullis.vulndb;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The real OSV zips under ../shared/data/osv, failing clearly when the shared folder is missing. */
public final class SharedData {

    public static final Path OSV = Path.of("../shared/data/osv");

    private SharedData() {
    }

    public static Path osvZip(String name) {
        Path zip = OSV.resolve(name);
        if (!Files.isRegularFile(zip)) {
            throw new IllegalStateException("shared test data missing: " + zip.toAbsolutePath()
                    + " (tests run from the project root with ../shared beside it)");
        }
        return zip;
    }

    public static List<Path> allOsvZips() {
        try (Stream<Path> files = Files.list(OSV)) {
            List<Path> zips = files.filter(p -> p.toString().endsWith(".zip")).sorted().toList();
            if (zips.isEmpty()) {
                throw new IllegalStateException("no OSV zips in " + OSV.toAbsolutePath());
            }
            return zips;
        } catch (IOException e) {
            throw new UncheckedIOException("shared test data missing: " + OSV.toAbsolutePath(), e);
        }
    }
}
