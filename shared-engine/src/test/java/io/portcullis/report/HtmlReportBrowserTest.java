package io.portcullis.report;

import io.portcullis.output.AtomicFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Loads the HTML report in Debian's headless Chromium (installed by .ci/install-deps) and reads the
 * DOM after the page's script ran: counts, rows, a filter given in the URL fragment, and a screenshot.
 */
class HtmlReportBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Pattern ROW = Pattern.compile("<tr data-severity=\"([A-Z]+)\"[^>]*?(hidden=\"\")?>");

    @TempDir
    Path dir;

    @Test
    void withoutScriptEverythingIsReadable() throws IOException {
        String html = write().toString();
        String page = Files.readString(Path.of(html));
        assertEquals(6, rows(page).size(), "every finding is a plain table row");
        assertTrue(page.contains("id=\"verdict\" class=\"verdict fail\">FAIL</p>"));
        assertTrue(page.contains("default-src 'none'"), "no external request is allowed");
        assertTrue(!page.contains("src=\"http") && !page.contains("<link"), "nothing is loaded from elsewhere");
    }

    @Test
    void browserShowsAllRowsAndCounts() throws Exception {
        Path html = write();
        String dom = dumpDom(html.toUri() + "");
        List<String[]> rows = rows(dom);
        assertEquals(6, rows.size());
        assertEquals(0, rows.stream().filter(r -> r[1] != null).count(), "no filter: nothing hidden");
        assertTrue(dom.contains("6 of 6 findings shown"), "script ran and counted");
        assertTrue(dom.contains("<td data-severity=\"HIGH\">2</td>"));
        assertEquals(List.of("CRITICAL", "HIGH", "HIGH", "MEDIUM", "LOW", "UNKNOWN"), rows.stream().map(r -> r[0]).toList());
    }

    @Test
    void fragmentFiltersBySeverityFixAndPackage() throws Exception {
        Path html = write();
        List<String[]> high = rows(dumpDom(html.toUri() + "#severity=HIGH"));
        assertEquals(List.of("HIGH", "HIGH"), high.stream().filter(r -> r[1] == null).map(r -> r[0]).toList());
        String noFix = dumpDom(html.toUri() + "#fix=no");
        assertTrue(noFix.contains("1 of 6 findings shown"), "only GHSA-5mg8-w23w-74h3 (guava) has no fixed event");
        assertEquals(List.of("LOW"), rows(noFix).stream().filter(r -> r[1] == null).map(r -> r[0]).toList());
        String lodash = dumpDom(html.toUri() + "#package=lodash&status=open");
        assertTrue(lodash.contains("2 of 6 findings shown"));
    }

    @Test
    void fragmentSortsByPackage() throws Exception {
        String dom = dumpDom(write().toUri() + "#sort=package");
        Matcher m = Pattern.compile("<tr data-severity=\"[A-Z]+\"[^>]*data-package=\"([^\"]+)\"").matcher(dom);
        List<String> packages = new ArrayList<>();
        while (m.find()) {
            packages.add(m.group(1));
        }
        assertEquals(List.of("com.google.guava:guava", "lodash", "lodash", "org.apache.logging.log4j:log4j-core", "qs", "vte"), packages);
    }

    @Test
    void screenshot() throws Exception {
        Path html = write();
        Path png = dir.resolve("report.png");
        run(List.of("--screenshot=" + png, "--window-size=1280,1100", html.toUri().toString()));
        byte[] bytes = Files.readAllBytes(png);
        assertTrue(bytes.length > 10_000, "a rendered page, not a blank image: " + bytes.length + " bytes");
        assertEquals((byte) 0x89, bytes[0]);
        assertEquals('P', bytes[1]);
        Path kept = Path.of("shared-engine/target/html-report-screenshot.png");
        Files.createDirectories(kept.getParent());
        Files.copy(png, kept, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    private Path write() throws IOException {
        Path html = dir.resolve("report.html");
        AtomicFile.write(html, "HTML report", out -> new HtmlReport().write(ReportFixture.report(), out));
        return html;
    }

    private static List<String[]> rows(String dom) {
        List<String[]> rows = new ArrayList<>();
        Matcher m = ROW.matcher(dom);
        while (m.find()) {
            rows.add(new String[] {m.group(1), m.group(2)});
        }
        return rows;
    }

    private String dumpDom(String url) throws Exception {
        return run(List.of("--run-all-compositor-stages-before-draw", "--virtual-time-budget=5000", "--dump-dom", url));
    }

    private String run(List<String> args) throws Exception {
        if (!Files.isExecutable(CHROMIUM)) {
            throw new IllegalStateException(CHROMIUM + " is missing: install Debian's chromium (see .ci/install-deps)");
        }
        List<String> command = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-dev-shm-usage", "--user-data-dir=" + Files.createTempDirectory(dir, "chromium")));
        command.addAll(args);
        Path stdout = Files.createTempFile(dir, "dom", ".html");
        Path stderr = Files.createTempFile(dir, "chromium", ".log");
        Process p = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("chromium did not finish: " + Files.readString(stderr));
        }
        assertEquals(0, p.exitValue(), () -> "chromium failed: " + read(stderr));
        return Files.readString(stdout, StandardCharsets.UTF_8);
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return e.toString();
        }
    }
}
