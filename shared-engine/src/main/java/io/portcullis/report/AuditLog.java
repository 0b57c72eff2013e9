package io.portcullis.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portcullis.policy.AuditConfiguration;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;

/**
 * Appends one JSON line per scan with the seed's audit-trail fields: timestamp, user, action,
 * resource, result. Appending (under a file lock, in one write) rather than replacing, because an
 * audit trail keeps every entry; concurrent scans on one agent each add a whole line.
 */
public final class AuditLog {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private AuditLog() {
    }

    /** The line for a scan with every field of the seed's audit trail, without the line feed. */
    public static String line(Report report, String user, Instant timestamp) {
        return line(report, user, timestamp, AuditConfiguration.FIELDS);
    }

    /** The line for a scan with the given fields of {@link AuditConfiguration#FIELDS}, in that order (the policy's {@code audit_trail}). */
    public static String line(Report report, String user, Instant timestamp, List<String> fields) {
        ObjectNode node = MAPPER.createObjectNode();
        for (String field : fields) {
            switch (field) {
                case "timestamp" -> node.put("timestamp", timestamp.toString());
                case "user" -> node.put("user", user);
                case "action" -> node.put("action", "scan");
                case "resource" -> node.put("resource", report.imageName());
                case "result" -> node.put("result", report.verdict().outcome().name());
                default -> throw new IllegalArgumentException("not an audit-trail field: " + field);
            }
        }
        return node.toString();
    }

    public static void append(Path file, Report report, String user, Instant timestamp) throws IOException {
        append(file, report, user, timestamp, AuditConfiguration.FIELDS);
    }

    public static void append(Path file, Report report, String user, Instant timestamp, List<String> fields) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        byte[] bytes = (line(report, user, timestamp, fields) + "\n").getBytes(StandardCharsets.UTF_8);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
             FileLock lock = channel.lock()) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        }
    }
}
