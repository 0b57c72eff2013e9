package io.portcullis.jenkins;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import hudson.model.TestRun;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Proxy;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kohsuke.stapler.StaplerResponse2;

/**
 * The tab in Debian's headless Chromium under a strict Content-Security-Policy (no inline script or style,
 * connections to the page's own origin only): the page is the tab's markup with its two adjuncts, the data
 * the action's own findings endpoint serves for a real scan of the demo image.
 */
class ContainerSecurityTabBrowserTest {
    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; "
            + "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    @TempDir
    Path dir;

    @Test
    void theTabRendersTheFindingsOfARealScanWithinTheCsp() throws Exception {
        DemoScan demo = DemoScan.in(dir);
        TestRun run = demo.newRun(1, null);
        ScanImageStep step = new ScanImageStep();
        step.setInput(DemoScan.TARBALL);
        step.setGateResult("NONE");
        step.setReportFormats(List.of("json"));
        step.setSbomFormats(List.of());
        TestStepContext context = new TestStepContext(run, demo.workspacePath(), new CapturingListener());
        step.start(context).start();
        context.awaitOutcome();
        ContainerSecurityAction action = run.getAction(ContainerSecurityAction.class);

        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            switch (path) {
                case "/job/app/1/container-security/" -> send(exchange, "text/html;charset=UTF-8", page().getBytes(StandardCharsets.UTF_8));
                case "/adjuncts/findings-view.js" -> send(exchange, "application/javascript", resource("io/portcullis/findings-view/findings-view.js"));
                case "/adjuncts/findings-view.css" -> send(exchange, "text/css", resource("io/portcullis/findings-view/findings-view.css"));
                case "/adjuncts/tab.js" -> send(exchange, "application/javascript", resource("io/portcullis/jenkins/ContainerSecurityAction/tab.js"));
                case "/job/app/1/container-security/findings" -> serveFindings(exchange, action);
                default -> send(exchange, 404, "text/plain", new byte[0]);
            }
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/job/app/1/container-security/";
            Process chromium = new ProcessBuilder("/usr/bin/chromium", "--headless", "--no-sandbox", "--disable-gpu",
                    "--user-data-dir=" + dir.resolve("chromium-profile"), "--enable-logging=stderr", "--v=0",
                    "--virtual-time-budget=15000", "--dump-dom", url)
                    .redirectError(dir.resolve("chromium.log").toFile()).start();
            String dom = new String(chromium.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(chromium.waitFor(2, TimeUnit.MINUTES), "chromium finished");
            String log = java.nio.file.Files.readString(dir.resolve("chromium.log"));

            assertFalse(log.contains("Content Security Policy") || log.contains("Refused to"), "no CSP violation:\n" + log);
            assertTrue(dom.contains("GHSA-jfh8-c2jp-5v3q"), "Log4Shell in the rendered table:\n" + dom);
            assertTrue(dom.contains("log4j-core"), dom);
            assertFalse(dom.contains("Loading findings..."), "the placeholder was replaced");
            assertFalse(dom.contains("could not be loaded"), dom);
        } finally {
            server.stop(0);
        }
    }

    /** The markup index.jelly gives the main panel, with the adjuncts as st:adjunct links them. */
    private static String page() {
        return """
                <!DOCTYPE html>
                <html><head><meta charset="utf-8"><title>Container Security</title>
                <link rel="stylesheet" href="/adjuncts/findings-view.css">
                <script src="/adjuncts/findings-view.js"></script>
                <script src="/adjuncts/tab.js"></script>
                </head><body>
                <h1>Container Security</h1>
                <div id="portcullis-findings" data-findings-url="findings" data-title="portcullis-demo">Loading findings...</div>
                </body></html>
                """;
    }

    private static void serveFindings(HttpExchange exchange, ContainerSecurityAction action) throws IOException {
        exchange.getResponseHeaders().set("Content-Security-Policy", CSP);
        OutputStream body = exchange.getResponseBody();
        StaplerResponse2 rsp = (StaplerResponse2) Proxy.newProxyInstance(ContainerSecurityTabBrowserTest.class.getClassLoader(),
                new Class<?>[] {StaplerResponse2.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "setContentType" -> exchange.getResponseHeaders().set("Content-Type", (String) args[0]);
                        case "setHeader" -> exchange.getResponseHeaders().set((String) args[0], (String) args[1]);
                        case "setContentLength" -> exchange.sendResponseHeaders(200, (Integer) args[0]);
                        case "sendError" -> exchange.sendResponseHeaders((Integer) args[0], -1);
                        case "getOutputStream" -> {
                            return new ServletOutputStream() {
                                @Override
                                public void write(int b) throws IOException {
                                    body.write(b);
                                }

                                @Override
                                public void write(byte[] b, int off, int len) throws IOException {
                                    body.write(b, off, len);
                                }

                                @Override
                                public void close() throws IOException {
                                    body.close();
                                }

                                @Override
                                public boolean isReady() {
                                    return true;
                                }

                                @Override
                                public void setWriteListener(WriteListener l) {
                                }
                            };
                        }
                        default -> throw new UnsupportedOperationException(method.getName());
                    }
                    return null;
                });
        action.doFindings(null, rsp);
        exchange.close();
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = ContainerSecurityTabBrowserTest.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("no resource " + name);
            }
            return in.readAllBytes();
        }
    }

    private static void send(HttpExchange exchange, String type, byte[] body) throws IOException {
        send(exchange, 200, type, body);
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Security-Policy", CSP);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
