package io.portcullis.vulndb;

import io.portcullis.InputException;
import io.portcullis.transport.HttpClients;
import io.portcullis.transport.TransportSettings;
import okhttp3.Credentials;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Fetches a zip source with a conditional GET into a content-addressed cache ({@code <sha256>.zip}), so an
 * unchanged source ("304 Not Modified") is rebuilt from the copy we already have.
 */
final class ZipDownloader {

    /** The zip to read, its validators, and whether the server said it was unchanged. */
    record Download(Path zip, DownloadState state, boolean notModified) {
    }

    private final OkHttpClient client;
    private final Path cacheDirectory;

    ZipDownloader(OkHttpClient client, Path cacheDirectory) {
        this.client = client;
        this.cacheDirectory = cacheDirectory;
    }

    /** The client when the caller gives none: the engine's transport defaults, never the JVM's proxy properties. */
    static OkHttpClient defaultClient() {
        return HttpClients.builder(TransportSettings.defaults()).build();
    }

    /**
     * @param previous what the current DB remembers of this source, or null; its validators are sent
     *     only when the cached zip it names is still there
     */
    Download fetch(OsvSource.Url source, DownloadState previous) {
        String name = source.displayName();
        Path cached = previous == null ? null : cacheDirectory.resolve(previous.sha256() + ".zip");
        boolean conditional = cached != null && Files.isRegularFile(cached);
        Request.Builder request = new Request.Builder().url(withoutUserInfo(source.uri()));
        String userInfo = source.uri().getRawUserInfo();
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            String user = URLDecoder.decode(colon < 0 ? userInfo : userInfo.substring(0, colon), StandardCharsets.UTF_8);
            String password = colon < 0 ? "" : URLDecoder.decode(userInfo.substring(colon + 1), StandardCharsets.UTF_8);
            request.header("Authorization", Credentials.basic(user, password));
        }
        if (conditional && previous.etag() != null) {
            request.header("If-None-Match", previous.etag());
        }
        if (conditional && previous.lastModified() != null) {
            request.header("If-Modified-Since", previous.lastModified());
        }
        try (Response response = client.newCall(request.build()).execute()) {
            if (response.code() == 304 && conditional) {
                return new Download(cached, previous, true);
            }
            if (!response.isSuccessful()) {
                throw new InputException("cannot download " + name + ": HTTP " + response.code());
            }
            Path zip = store(response.body(), name);
            return new Download(zip, new DownloadState(response.header("ETag"), response.header("Last-Modified"),
                    zip.getFileName().toString().replace(".zip", "")), false);
        } catch (IOException e) {
            throw new InputException("cannot download " + name + ": " + e.getMessage(), e);
        }
    }

    private Path store(ResponseBody body, String name) throws IOException {
        Files.createDirectories(cacheDirectory);
        Path temp = Files.createTempFile(cacheDirectory, ".download-", ".tmp");
        try {
            MessageDigest sha256 = sha256();
            try (InputStream in = body.byteStream();
                 OutputStream out = new DigestOutputStream(Files.newOutputStream(temp), sha256)) {
                in.transferTo(out);
            }
            Path target = cacheDirectory.resolve(HexFormat.of().formatHex(sha256.digest()) + ".zip");
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            Files.deleteIfExists(temp);
            throw new IOException("while saving " + name + ": " + e.getMessage(), e);
        }
    }

    private static String withoutUserInfo(URI uri) {
        return uri.getRawUserInfo() == null ? uri.toString() : uri.toString().replace(uri.getRawUserInfo() + "@", "");
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
