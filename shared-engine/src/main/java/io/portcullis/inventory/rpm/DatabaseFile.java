package io.portcullis.inventory.rpm;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Random reads from a database file, each checked against the file's end (truncated copies are common). */
final class DatabaseFile implements Closeable {

    private final FileChannel channel;
    private final long size;
    private final String format;

    DatabaseFile(Path path, String format) throws IOException {
        this.channel = FileChannel.open(path, StandardOpenOption.READ);
        this.size = channel.size();
        this.format = format;
    }

    long size() {
        return size;
    }

    ByteBuffer read(long offset, int length, ByteOrder order) throws IOException, CorruptDatabaseException {
        if (offset < 0 || length < 0 || offset + length > size) {
            throw new CorruptDatabaseException(format + " database truncated: needs bytes " + offset + ".." + (offset + length)
                    + " of a " + size + "-byte file");
        }
        ByteBuffer buf = ByteBuffer.allocate(length).order(order);
        while (buf.hasRemaining()) {
            if (channel.read(buf, offset + buf.position()) < 0) {
                throw new CorruptDatabaseException(format + " database truncated at byte " + (offset + buf.position()));
            }
        }
        return buf.flip();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
