package io.portcullis.vulndb;

import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The two files of a Maven repository (Maven Central or a proxy of it) the checksum index is built from:
 * {@code maven-metadata.xml}, fetched conditionally, for an artifact's versions, and the published
 * {@code .jar.sha1} of each version. Transient failures (I/O errors, 429, 5xx) are retried with backoff.
 */
public final class MavenRepository {

    /** Maven Central. */
    public static final String CENTRAL = "https://repo1.maven.org/maven2/";

    private static final Pattern SHA1 = Pattern.compile("[0-9a-f]{40}");
    private static final int ATTEMPTS = 4;

    private final HttpUrl base;
    private final OkHttpClient client;
    private final Duration firstBackoff;

    /** The versions an artifact's metadata lists; {@code notModified} when the server answered 304 (versions then empty). */
    record Metadata(boolean notModified, boolean found, List<String> versions, String etag, String lastModified) {
        Metadata {
            versions = List.copyOf(versions);
        }
    }

    public MavenRepository(String baseUrl, OkHttpClient client) {
        this(baseUrl, client, Duration.ofMillis(500));
    }

    MavenRepository(String baseUrl, OkHttpClient client, Duration firstBackoff) {
        HttpUrl parsed = HttpUrl.parse(baseUrl.endsWith("/") ? baseUrl : baseUrl + "/");
        if (parsed == null) {
            throw new io.portcullis.InputException("not an http(s) URL: " + baseUrl);
        }
        this.base = parsed;
        this.client = client;
        this.firstBackoff = firstBackoff;
    }

    /** The repository at {@code baseUrl} over a default HTTP client. */
    public MavenRepository(String baseUrl) {
        this(baseUrl, ZipDownloader.defaultClient());
    }

    /** The base URL without user info, for reports. */
    String displayName() {
        return base.newBuilder().username("").password("").build().toString();
    }

    /** The artifact's versions, or "not modified" when {@code etag}/{@code lastModified} still hold. */
    Metadata metadata(String groupId, String artifactId, String etag, String lastModified) throws IOException {
        Request.Builder request = new Request.Builder().url(url(groupId, artifactId, "maven-metadata.xml"));
        if (etag != null) {
            request.header("If-None-Match", etag);
        }
        if (lastModified != null) {
            request.header("If-Modified-Since", lastModified);
        }
        return withRetries(request.build(), response -> {
            if (response.code() == 304) {
                return new Metadata(true, true, List.of(), etag, lastModified);
            }
            if (response.code() == 404) {
                return new Metadata(false, false, List.of(), null, null);
            }
            return new Metadata(false, true, versions(response.body().bytes(), groupId + ":" + artifactId),
                    response.header("ETag"), response.header("Last-Modified"));
        });
    }

    /** The SHA-1 published beside the version's jar; empty when the version has no jar (a pom or BOM). */
    Optional<String> jarSha1(String groupId, String artifactId, String version) throws IOException {
        Request request = new Request.Builder()
                .url(url(groupId, artifactId, version + "/" + artifactId + "-" + version + ".jar.sha1")).build();
        return withRetries(request, response -> {
            if (response.code() == 404) {
                return Optional.empty();
            }
            // Some old .sha1 files carry the file name after the digest, or upper-case hex.
            String text = response.body().string().trim();
            String digest = text.isEmpty() ? "" : text.split("\\s+")[0].toLowerCase(Locale.ROOT);
            if (!SHA1.matcher(digest).matches()) {
                throw new IOException("not a SHA-1 in " + response.request().url().encodedPath());
            }
            return Optional.of(digest);
        });
    }

    private HttpUrl url(String groupId, String artifactId, String rest) {
        HttpUrl.Builder url = base.newBuilder();
        for (String segment : groupId.split("\\.")) {
            url.addPathSegment(segment);
        }
        url.addPathSegment(artifactId);
        for (String segment : rest.split("/")) {
            url.addPathSegment(segment);
        }
        return url.build();
    }

    private interface ResponseReader<T> {
        T read(Response response) throws IOException;
    }

    private <T> T withRetries(Request request, ResponseReader<T> reader) throws IOException {
        String path = request.url().encodedPath();
        IOException last = null;
        long backoff = firstBackoff.toMillis();
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            int code;
            try (Response response = client.newCall(request).execute()) {
                code = response.code();
                if (code == 200 || code == 304 || code == 404) {
                    return reader.read(response);
                }
            } catch (IOException e) {
                last = e;
                code = -1;
            }
            boolean transientFailure = code == -1 || code == 429 || code >= 500;
            if (!transientFailure) {
                throw new IOException("HTTP " + code + " for " + path);
            }
            if (code != -1) {
                last = new IOException("HTTP " + code + " for " + path);
            }
            if (attempt < ATTEMPTS) {
                sleep(backoff);
                backoff *= 2;
            }
        }
        throw new IOException(last.getMessage() + " (" + ATTEMPTS + " attempts)", last);
    }

    private static void sleep(long millis) throws IOException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting to retry");
        }
    }

    /** The {@code <versioning><versions><version>} values of a maven-metadata.xml. */
    static List<String> versions(byte[] xml, String artifact) throws IOException {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            Document document = builder.parse(new ByteArrayInputStream(xml));
            NodeList nodes = document.getElementsByTagName("version");
            List<String> versions = new ArrayList<>();
            for (int i = 0; i < nodes.getLength(); i++) {
                // <version> also appears directly under <metadata> in some files; only the list under <versions> counts.
                if (nodes.item(i).getParentNode().getNodeName().equals("versions")) {
                    String version = nodes.item(i).getTextContent().trim();
                    if (!version.isEmpty() && !version.contains("/") && !version.equals("..") && !version.equals(".")) {
                        versions.add(version);
                    }
                }
            }
            return versions;
        } catch (ParserConfigurationException | SAXException e) {
            throw new IOException("unreadable maven-metadata.xml of " + artifact + ": " + e.getMessage(), e);
        }
    }
}
