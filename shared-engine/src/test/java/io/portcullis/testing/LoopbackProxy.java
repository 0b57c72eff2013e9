package io.portcullis.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A forward HTTP proxy on 127.0.0.1 for tests: plain-HTTP requests in absolute form are forwarded
 * (without the hop-by-hop {@code Proxy-Authorization}, as real proxies do) and {@code CONNECT} opens
 * a tunnel. It records every request it receives and, when made with {@link #requiringBasic}, answers
 * 407 to any request without the expected {@code Proxy-Authorization}.
 */
public final class LoopbackProxy implements AutoCloseable {

    /** One request as the proxy received it; header names lower case. */
    public record Received(String method, String target, Map<String, String> headers) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private final ServerSocket server;
    private final String expectedAuthorization;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    private LoopbackProxy(String expectedAuthorization) throws IOException {
        this.expectedAuthorization = expectedAuthorization;
        this.server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        this.acceptor = new Thread(this::acceptLoop, "loopback-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public static LoopbackProxy open() throws IOException {
        return new LoopbackProxy(null);
    }

    /** A proxy that demands {@code Proxy-Authorization: Basic base64(user:password)}. */
    public static LoopbackProxy requiringBasic(String user, String password) throws IOException {
        String token = java.util.Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return new LoopbackProxy("Basic " + token);
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                open.add(client);
                Thread handler = new Thread(() -> serve(client), "loopback-proxy-connection");
                handler.setDaemon(true);
                handler.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            InputStream in = client.getInputStream();
            OutputStream out = client.getOutputStream();
            while (true) {
                List<String> head = readHead(in);
                if (head == null) {
                    return;
                }
                String[] requestLine = head.get(0).split(" ");
                Map<String, String> headers = new LinkedHashMap<>();
                List<String> forwarded = new ArrayList<>();
                for (String line : head.subList(1, head.size())) {
                    int colon = line.indexOf(':');
                    String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                    headers.put(name, line.substring(colon + 1).trim());
                    if (!name.equals("proxy-authorization") && !name.equals("proxy-connection") && !name.equals("connection")) {
                        forwarded.add(line);
                    }
                }
                received.add(new Received(requestLine[0], requestLine[1], Map.copyOf(headers)));
                if (expectedAuthorization != null && !expectedAuthorization.equals(headers.get("proxy-authorization"))) {
                    out.write(("HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"loopback\"\r\n"
                            + "Content-Length: 0\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    continue;
                }
                if (requestLine[0].equals("CONNECT")) {
                    tunnel(client, requestLine[1]);
                } else {
                    forward(client, URI.create(requestLine[1]), requestLine[0], forwarded);
                }
                return;
            }
        } catch (IOException e) {
            // The client went away; nothing to record.
        }
    }

    private void tunnel(Socket client, String hostPort) throws IOException {
        int colon = hostPort.lastIndexOf(':');
        try (Socket upstream = new Socket()) {
            upstream.connect(new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1))));
            client.getOutputStream().write("HTTP/1.1 200 Connection Established\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            client.getOutputStream().flush();
            pipeBothWays(client, upstream);
        }
    }

    /**
     * Forwards one GET/HEAD (no body) and relays the answer with {@code Connection: close}, so the client opens a new
     * connection for its next request: the body is copied by its Content-Length, or to the server's close when it has none.
     */
    private void forward(Socket client, URI target, String method, List<String> headers) throws IOException {
        try (Socket upstream = new Socket()) {
            upstream.connect(new InetSocketAddress(target.getHost(), target.getPort() > 0 ? target.getPort() : 80));
            StringBuilder request = new StringBuilder().append(method).append(' ').append(target.getRawPath())
                    .append(target.getRawQuery() == null ? "" : "?" + target.getRawQuery()).append(" HTTP/1.1\r\n");
            headers.forEach(h -> request.append(h).append("\r\n"));
            request.append("Connection: close\r\n\r\n");
            upstream.getOutputStream().write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            upstream.getOutputStream().flush();
            InputStream answer = upstream.getInputStream();
            List<String> head = readHead(answer);
            if (head == null) {
                return;
            }
            StringBuilder relayed = new StringBuilder(head.get(0)).append("\r\n");
            long length = -1;
            for (String line : head.subList(1, head.size())) {
                String name = line.substring(0, line.indexOf(':')).trim().toLowerCase(Locale.ROOT);
                if (name.equals("connection")) {
                    continue;
                }
                if (name.equals("content-length")) {
                    length = Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
                }
                relayed.append(line).append("\r\n");
            }
            relayed.append("Connection: close\r\n\r\n");
            OutputStream out = client.getOutputStream();
            out.write(relayed.toString().getBytes(StandardCharsets.ISO_8859_1));
            if (method.equals("HEAD") || length == 0) {
                out.flush();
                return;
            }
            if (length > 0) {
                out.write(answer.readNBytes((int) Math.min(length, Integer.MAX_VALUE)));
            } else {
                answer.transferTo(out);
            }
            out.flush();
        }
    }

    private static void pipeBothWays(Socket a, Socket b) throws IOException {
        Thread up = new Thread(() -> copyQuietly(a, b), "loopback-proxy-tunnel");
        up.setDaemon(true);
        up.start();
        copyQuietly(b, a);
        try {
            up.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void copyQuietly(Socket from, Socket to) {
        try {
            from.getInputStream().transferTo(to.getOutputStream());
            to.shutdownOutput();
        } catch (IOException e) {
            // One side closed; the other copy ends with it.
        }
    }

    /** The request line and header lines, or null at the end of the stream. */
    private static List<String> readHead(InputStream in) throws IOException {
        List<String> lines = new ArrayList<>();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') {
                String text = line.toString(StandardCharsets.ISO_8859_1);
                text = text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
                line.reset();
                if (text.isEmpty()) {
                    return lines.isEmpty() ? null : lines;
                }
                lines.add(text);
            } else {
                line.write(b);
            }
        }
        return null;
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Socket socket : open) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        try {
            acceptor.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
