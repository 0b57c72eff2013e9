package io.portcullis.jenkins.stubs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The public API listing of ../shared/jenkins-api/signatures.tsv: per type, its type line and its members. */
final class ListedApi {
    /** One line of the listing with type names reduced to simple names, as {@link Signatures} renders them. */
    record Entry(String kind, String signature) {
    }

    private final Map<String, String> typeLines = new HashMap<>();
    private final Map<String, List<Entry>> members = new HashMap<>();

    static ListedApi read(Path tsv) throws IOException {
        ListedApi api = new ListedApi();
        for (String line : Files.readAllLines(tsv, StandardCharsets.UTF_8)) {
            if (line.isEmpty()) {
                continue;
            }
            String[] cols = line.split("\t", -1);
            if (cols.length != 3) {
                throw new IOException("not three columns: " + line);
            }
            String type = cols[0];
            String kind = cols[1];
            String signature = Signatures.simpleNames(cols[2]);
            switch (kind) {
                case "class", "interface", "enum", "annotation" -> api.typeLines.put(type, signature);
                case "constructor", "method", "field", "constant" ->
                        api.members.computeIfAbsent(type, t -> new ArrayList<>()).add(new Entry(kind, signature));
                default -> throw new IOException("unknown kind " + kind + " in: " + line);
            }
        }
        return api;
    }

    String typeLine(String canonicalName) {
        return typeLines.get(canonicalName);
    }

    List<Entry> members(String canonicalName) {
        return members.getOrDefault(canonicalName, List.of());
    }
}
