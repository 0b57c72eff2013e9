package io.portcullis.version;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/** Version strings from the shared OSV record zips: range events and listed versions of one ecosystem. */
final class OsvVersions {

    private OsvVersions() {
    }

    static Set<String> of(String zipName, String ecosystem) {
        Path zip = Path.of("../shared/data/osv").resolve(zipName);
        if (!Files.isRegularFile(zip)) {
            throw new IllegalStateException("shared OSV data missing: " + zip.toAbsolutePath());
        }
        ObjectMapper json = new ObjectMapper();
        Set<String> versions = new TreeSet<>();
        try (ZipFile file = new ZipFile(zip.toFile())) {
            Enumeration<? extends ZipEntry> entries = file.entries();
            while (entries.hasMoreElements()) {
                JsonNode record = json.readTree(file.getInputStream(entries.nextElement()));
                for (JsonNode affected : record.path("affected")) {
                    if (!ecosystem.equals(affected.path("package").path("ecosystem").asText())) {
                        continue;
                    }
                    affected.path("versions").forEach(v -> versions.add(v.asText()));
                    for (JsonNode range : affected.path("ranges")) {
                        for (JsonNode event : range.path("events")) {
                            event.fields().forEachRemaining(e -> versions.add(e.getValue().asText()));
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        versions.remove("0");
        return versions;
    }
}
