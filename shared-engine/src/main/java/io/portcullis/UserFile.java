package io.portcullis;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Reads a file the user (or a pull request) puts in front of the scanner: a policy, an ignore file, a VEX
 * document. Every such file is size-capped before it is parsed, since it may come from the repository being
 * scanned (a {@code .portcullisignore.yaml} in the working directory is read by default) and SnakeYAML's time
 * grows with the square of a long scalar (1 MiB: seconds; 16 MiB: minutes). The cap is read as bytes, so a
 * file that grows while read, or a pipe, is cut off as well.
 */
public enum UserFile {
    /** YAML and line-based files (policy, {@code .portcullisignore.yaml}, {@code .trivyignore}): real ones are a few KiB. */
    TEXT(512 * 1024),
    /** JSON documents (OpenVEX, CycloneDX VEX), which a tool may write with thousands of statements; parsing is linear. */
    JSON(16 * 1024 * 1024);

    private final int maxBytes;

    UserFile(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    public int maxBytes() {
        return maxBytes;
    }

    /** The file's bytes; an {@link InputException} naming the file and the limit when it is larger. */
    public byte[] bytes(Path file) {
        byte[] content;
        try (InputStream in = Files.newInputStream(file)) {
            content = in.readNBytes(maxBytes + 1);
        } catch (IOException e) {
            throw new InputException(file + ": cannot read: " + e.getMessage(), e);
        }
        if (content.length > maxBytes) {
            throw new InputException(file + ": larger than the " + describe(maxBytes) + " a " + name().toLowerCase(Locale.ROOT)
                    + " input file may have; not read");
        }
        return content;
    }

    /** The file as UTF-8 text; an {@link InputException} naming the byte offset of the first byte that is not UTF-8. */
    public String utf8(Path file) {
        byte[] content = bytes(file);
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(content);
        CharBuffer out = CharBuffer.allocate(content.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            throw new InputException(file + ": not UTF-8 text: invalid byte 0x"
                    + String.format(Locale.ROOT, "%02x", content[in.position()] & 0xff) + " at byte offset " + in.position());
        }
        decoder.flush(out);
        return out.flip().toString();
    }

    private static String describe(int bytes) {
        return bytes % (1024 * 1024) == 0 ? bytes / (1024 * 1024) + " MiB" : bytes / 1024 + " KiB";
    }
}
