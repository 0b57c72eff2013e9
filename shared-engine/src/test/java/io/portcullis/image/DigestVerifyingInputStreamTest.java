package io.portcullis.image;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Expected digests are those of `printf 'hello\n' | sha256sum` and `printf '' | sha256sum`. */
class DigestVerifyingInputStreamTest {

    private static final byte[] HELLO = "hello\n".getBytes(StandardCharsets.US_ASCII);
    private static final Digest HELLO_SHA256 = Digest.parse("sha256:5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03").orElseThrow();
    private static final Digest EMPTY_SHA256 = Digest.parse("sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855").orElseThrow();

    @Test
    void passesMatchingContentThrough() throws IOException {
        try (InputStream in = new DigestVerifyingInputStream(new ByteArrayInputStream(HELLO), HELLO_SHA256, HELLO.length, "blob")) {
            assertArrayEquals(HELLO, in.readAllBytes());
            assertEquals(-1, in.read());
        }
    }

    @Test
    void failsTheReadThatReachesTheEndOnAMismatch() throws IOException {
        try (InputStream in = new DigestVerifyingInputStream(new ByteArrayInputStream(HELLO), EMPTY_SHA256, -1, "layer x")) {
            assertEquals(HELLO.length, in.read(new byte[64], 0, 64), "content before the end is passed through");
            IOException e = assertThrows(IOException.class, in::read);
            assertEquals("digest mismatch for layer x: expected " + EMPTY_SHA256 + ", got " + HELLO_SHA256, e.getMessage());
            assertThrows(IOException.class, in::read, "every later read at the end fails too");
        }
    }

    @Test
    void failsAsSoonAsTheContentIsLongerThanDeclared() {
        InputStream in = new DigestVerifyingInputStream(new ByteArrayInputStream(HELLO), HELLO_SHA256, 3, "blob y");
        IOException e = assertThrows(IOException.class, in::readAllBytes);
        assertEquals("blob y is longer than the 3 bytes its descriptor states", e.getMessage());
    }

    @Test
    void failsWhenTheContentIsShorterThanDeclared() {
        InputStream in = new DigestVerifyingInputStream(new ByteArrayInputStream(HELLO), HELLO_SHA256, 100, "blob z");
        IOException e = assertThrows(IOException.class, in::readAllBytes);
        assertEquals("blob z ended after 6 bytes, its descriptor states 100", e.getMessage());
    }

    @Test
    void skippedBytesAreStillHashed() throws IOException {
        try (InputStream in = new DigestVerifyingInputStream(new ByteArrayInputStream(HELLO), EMPTY_SHA256, -1, "blob")) {
            assertEquals(3, in.skip(3));
            IOException e = assertThrows(IOException.class, in::readAllBytes);
            assertEquals("digest mismatch for blob: expected " + EMPTY_SHA256 + ", got " + HELLO_SHA256, e.getMessage());
        }
    }

    @Test
    void acceptsOnlySha256AndSha512Digests() {
        assertEquals(java.util.Optional.empty(), Digest.parse("md5:d41d8cd98f00b204e9800998ecf8427e"));
        assertEquals(java.util.Optional.empty(), Digest.parse("sha256:../../etc/passwd"));
        assertEquals(java.util.Optional.empty(), Digest.parse("sha256:E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855"));
    }
}
