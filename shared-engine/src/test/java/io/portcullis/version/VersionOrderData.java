package io.portcullis.version;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The ordering facts in {@code ../shared/data/version-order/}: one {@code a < b}, {@code a = b} or {@code a > b} a line. */
final class VersionOrderData {

    static final Path DIRECTORY = Path.of("../shared/data/version-order");

    private static final Pattern FACT = Pattern.compile("(\\S+) ([<=>]) (\\S+)");

    /** One line of a data file: {@code expected} is -1, 0 or 1 for {@code <}, {@code =}, {@code >}. */
    record Fact(String file, int line, String left, int expected, String right) {
        @Override
        public String toString() {
            return file + ":" + line + " " + left + " " + "<=>".charAt(expected + 1) + " " + right;
        }
    }

    private VersionOrderData() {
    }

    static Path directory() {
        if (!Files.isDirectory(DIRECTORY)) {
            throw new IllegalStateException("shared version-order data missing: " + DIRECTORY.toAbsolutePath()
                    + " (tests run from the project root with ../shared beside it)");
        }
        return DIRECTORY;
    }

    static Path file(String name) {
        Path file = directory().resolve(name);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("version-order data file missing: " + file.toAbsolutePath());
        }
        return file;
    }

    /** Every fact of the file; blank lines and {@code #} or {@code //} comments are skipped, any other line must be a fact. */
    static List<Fact> read(String name) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file(name), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Fact> facts = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith("//")) {
                continue;
            }
            Matcher m = FACT.matcher(line);
            if (!m.matches()) {
                throw new IllegalStateException(name + ":" + (i + 1) + " is not 'a < b', 'a = b' or 'a > b': " + line);
            }
            facts.add(new Fact(name, i + 1, m.group(1), "<=>".indexOf(m.group(2)) - 1, m.group(3)));
        }
        return facts;
    }
}
