package io.portcullis.testing;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Real artifacts from Maven Central, downloaded once per checkout into the build directory and
 * checked against the SHA-1 Maven Central publishes beside them.
 */
public final class MavenCentral {

    private static final String BASE = "https://repo1.maven.org/maven2/";
    private static final Path CACHE = Path.of("shared-engine", "target", "test-artifacts", "maven");
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();

    private MavenCentral() {
    }

    /** The jar {@code group:artifact:version}, downloaded if not cached yet. */
    public static Path jar(String group, String artifact, String version) throws IOException, InterruptedException {
        String relative = group.replace('.', '/') + "/" + artifact + "/" + version + "/" + artifact + "-" + version + ".jar";
        Path target = CACHE.resolve(relative);
        if (Files.isRegularFile(target)) {
            return target;
        }
        Files.createDirectories(target.getParent());
        Path temp = Files.createTempFile(target.getParent(), artifact, ".part");
        HttpResponse<Path> response = HTTP.send(HttpRequest.newBuilder(URI.create(BASE + relative)).build(),
                HttpResponse.BodyHandlers.ofFile(temp));
        if (response.statusCode() != 200) {
            Files.deleteIfExists(temp);
            throw new IOException("Maven Central answered " + response.statusCode() + " for " + relative);
        }
        String expected = publishedSha1(group, artifact, version);
        String actual = sha1(temp);
        if (!actual.equals(expected)) {
            Files.deleteIfExists(temp);
            throw new IOException("SHA-1 mismatch for " + relative + ": " + actual + " != " + expected);
        }
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return target;
    }

    /** The SHA-1 Maven Central publishes for the jar: the reference for our own digest. */
    public static String publishedSha1(String group, String artifact, String version) throws IOException, InterruptedException {
        String relative = group.replace('.', '/') + "/" + artifact + "/" + version + "/" + artifact + "-" + version + ".jar.sha1";
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(BASE + relative)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.US_ASCII));
        if (response.statusCode() != 200) {
            throw new IOException("Maven Central answered " + response.statusCode() + " for " + relative);
        }
        return response.body().trim().split("\\s+")[0];
    }

    public static String sha1(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-1");
            byte[] buffer = new byte[65536];
            int n;
            while ((n = in.read(buffer)) > 0) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
