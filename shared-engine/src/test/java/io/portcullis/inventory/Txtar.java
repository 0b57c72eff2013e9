package io.portcullis.inventory;

import java.util.LinkedHashMap;
import java.util.Map;

/** Go's txtar archive format (trivy keeps several test files in one): "-- name --" lines start files. */
public final class Txtar {
    private Txtar() {
    }

    public static Map<String, String> files(String archive) {
        Map<String, String> files = new LinkedHashMap<>();
        String current = null;
        StringBuilder body = new StringBuilder();
        for (String line : archive.split("\n", -1)) {
            if (line.startsWith("-- ") && line.endsWith(" --") && line.length() > 6) {
                if (current != null) {
                    files.put(current, body.toString());
                }
                current = line.substring(3, line.length() - 3).strip();
                body.setLength(0);
            } else if (current != null) {
                body.append(line).append('\n');
            }
        }
        if (current != null) {
            files.put(current, body.substring(0, Math.max(0, body.length() - 1)));
        }
        return files;
    }
}
