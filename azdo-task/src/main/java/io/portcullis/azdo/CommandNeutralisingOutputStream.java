package io.portcullis.azdo;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A stream for text that may carry untrusted strings: it holds each line until its end and writes
 * it with {@link UntrustedText#neutralise}, so no split write can smuggle a command start past it.
 * The agent reads stdout and stderr as UTF-8 lines, and so does this class.
 */
final class CommandNeutralisingOutputStream extends OutputStream {

    private final OutputStream target;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);

    CommandNeutralisingOutputStream(OutputStream target) {
        this.target = target;
    }

    @Override
    public synchronized void write(int b) throws IOException {
        line.write(b);
        if (b == '\n') {
            writeLine();
        }
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) throws IOException {
        int start = offset;
        int end = offset + length;
        for (int i = offset; i < end; i++) {
            if (bytes[i] == '\n') {
                line.write(bytes, start, i + 1 - start);
                writeLine();
                start = i + 1;
            }
        }
        line.write(bytes, start, end - start);
    }

    /** Ends a pending partial line, so that what is written next to the target starts a line of its own. */
    synchronized void endLine() throws IOException {
        if (line.size() > 0) {
            line.write('\n');
            writeLine();
        }
        target.flush();
    }

    /** A partial line stays held back: its end may still turn it into a command start. */
    @Override
    public synchronized void flush() throws IOException {
        target.flush();
    }

    @Override
    public synchronized void close() throws IOException {
        if (line.size() > 0) {
            writeLine();
        }
        target.flush();
    }

    private void writeLine() throws IOException {
        String text = line.toString(StandardCharsets.UTF_8);
        line.reset();
        target.write(UntrustedText.neutralise(text).getBytes(StandardCharsets.UTF_8));
    }
}
