package io.portcullis.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * Appends one JSON line per scan with the seed's audit-trail fields: timestamp, user, action,
 * resource, result. Appending (under a file lock, in one write) rather than replacing, because an
 * audit trail keeps every entry; concurrent scans on one agent each add a whole line.
 */
public final class AuditLog {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private AuditLog() {
    }

    /** The line for a scan, without the line feed. */
    public static String line(Report report, String user, Instant timestamp) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("timestamp", timestamp.toString());
        node.put("user", user);
        node.put("action", "scan");
        node.put("resource", report.imageName());
        node.put("result", report.verdict().outcome().name());
        return node.toString();
    }

    public static void append(Path file, Report report, String user, Instant timestamp) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        byte[] bytes = (line(report, user, timestamp) + "\n").getBytes(StandardCharsets.UTF_8);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
             FileLock lock = channel.lock()) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        }
    }
}
