package io.portcullis.testing;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real registry (Debian's docker-registry, the CNCF Distribution server) on 127.0.0.1 and a
 * free port, for the test class that registers it:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final RealRegistry REGISTRY = RealRegistry.plainHttp();
 * ...
 * REGISTRY.push(layout, "bookworm", "debian/bookworm:12");
 * ImageReference.parse(REGISTRY.hostPort() + "/debian/bookworm:12");
 * }</pre>
 *
 * Variants: {@link #plainHttp()}, {@link #withBasicAuth(String, String)} (htpasswd, bcrypt),
 * {@link #withTls()} (a self-signed certificate for 127.0.0.1 made with openssl; see {@link #caCertificate()}).
 * The server and its storage live in a temp directory removed after the class.
 */
public final class RealRegistry implements BeforeAllCallback, AfterAllCallback {

    private static final Duration STARTUP = Duration.ofSeconds(30);
    private static final Duration TOOL_TIMEOUT = Duration.ofMinutes(5);

    private final String username;
    private final String password;
    private final boolean tls;

    private Path dir;
    private int port;
    private Process process;

    private RealRegistry(String username, String password, boolean tls) {
        this.username = username;
        this.password = password;
        this.tls = tls;
    }

    public static RealRegistry plainHttp() {
        return new RealRegistry(null, null, false);
    }

    /** Plain HTTP with htpasswd Basic authentication: the registry answers 401 with a Basic challenge. */
    public static RealRegistry withBasicAuth(String username, String password) {
        return new RealRegistry(username, password, false);
    }

    /** HTTPS with a certificate for IP 127.0.0.1 and DNS localhost, signed by itself. */
    public static RealRegistry withTls() {
        return new RealRegistry(null, null, true);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        ExternalCommand.require("docker-registry");
        dir = Files.createTempDirectory("portcullis-registry");
        port = freePort();
        StringBuilder config = new StringBuilder()
                .append("version: 0.1\n")
                .append("log:\n  level: warn\n  accesslog:\n    disabled: true\n")
                .append("storage:\n  filesystem:\n    rootdirectory: ").append(dir.resolve("storage")).append('\n')
                .append("http:\n  addr: 127.0.0.1:").append(port).append('\n')
                .append("  secret: portcullis-test-secret\n");
        if (tls) {
            ExternalCommand.run(TOOL_TIMEOUT, "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes",
                    "-keyout", dir.resolve("key.pem").toString(), "-out", dir.resolve("cert.pem").toString(),
                    "-days", "2", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost");
            config.append("  tls:\n    certificate: ").append(dir.resolve("cert.pem"))
                    .append("\n    key: ").append(dir.resolve("key.pem")).append('\n');
            // skopeo reads CA certificates for a push from a directory of *.crt files.
            Files.createDirectories(dir.resolve("certs.d"));
            Files.copy(dir.resolve("cert.pem"), dir.resolve("certs.d").resolve("ca.crt"));
        }
        if (username != null) {
            String htpasswd = ExternalCommand.run(TOOL_TIMEOUT, "htpasswd", "-Bbn", username, password);
            Files.writeString(dir.resolve("htpasswd"), htpasswd.strip() + "\n");
            config.append("auth:\n  htpasswd:\n    realm: portcullis-test\n    path: ").append(dir.resolve("htpasswd")).append('\n');
        }
        Files.writeString(dir.resolve("config.yml"), config);
        process = new ProcessBuilder(ExternalCommand.require("docker-registry").toString(), "serve", dir.resolve("config.yml").toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("registry.log").toFile())
                .start();
        awaitListening();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        if (dir != null) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            }
        }
    }

    /** "127.0.0.1:PORT", as an image reference names this registry. */
    public String hostPort() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** The PEM certificate the TLS variant serves, to be trusted as an extra CA. */
    public Path caCertificate() {
        if (!tls) {
            throw new IllegalStateException("this registry speaks plain HTTP");
        }
        return dir.resolve("cert.pem");
    }

    /** Where the registry keeps blobs, for tests that damage stored content on purpose. */
    public Path blobData(String digest) {
        String hex = digest.substring(digest.indexOf(':') + 1);
        return dir.resolve("storage/docker/registry/v2/blobs/sha256").resolve(hex.substring(0, 2)).resolve(hex).resolve("data");
    }

    /** Pushes {@code tag} of an OCI layout with skopeo; {@code all} copies every manifest of an index. */
    public void push(Path ociLayout, String tag, String repositoryAndTag, boolean all) {
        List<String> command = new ArrayList<>(List.of("skopeo", "copy", "--quiet"));
        if (all) {
            command.add("--all");
        }
        if (tls) {
            command.add("--dest-cert-dir=" + dir.resolve("certs.d"));
        } else {
            command.add("--dest-tls-verify=false");
        }
        if (username != null) {
            command.add("--dest-creds=" + username + ":" + password);
        }
        command.add("oci:" + ociLayout + ":" + tag);
        command.add("docker://" + hostPort() + "/" + repositoryAndTag);
        ExternalCommand.run(TOOL_TIMEOUT, command.toArray(String[]::new));
    }

    private void awaitListening() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("docker-registry exited with " + process.exitValue() + ":\n" + log());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new AssertionError("docker-registry did not listen on " + hostPort() + " within " + STARTUP + ":\n" + log());
    }

    private String log() {
        try {
            return Files.readString(dir.resolve("registry.log"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }
}
