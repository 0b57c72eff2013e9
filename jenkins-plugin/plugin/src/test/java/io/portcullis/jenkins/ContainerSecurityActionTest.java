package io.portcullis.jenkins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.model.TestJob;
import hudson.model.TestRun;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kohsuke.stapler.StaplerResponse2;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

class ContainerSecurityActionTest {
    @TempDir
    Path builds;

    private TestRun run(int number, TestRun previous) throws Exception {
        return new TestRun(new TestJob(), Files.createDirectories(builds.resolve(Integer.toString(number))).toFile(), previous);
    }

    @Test
    void attachingGivesTheActionItsRunAndTheFindingsLoadLazilyFromTheBuildDirectory() throws Exception {
        TestRun run = run(1, null);
        ContainerSecurityAction action = new ContainerSecurityAction("container-security", ScanRecordSamples.failing());
        run.addAction(action);
        assertSame(run, action.getRun());
        assertNull(action.findingsJson(), "no findings file yet");

        Path dir = ContainerSecurityAction.findingsDirectory(run, "container-security");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(ImageScan.FINDINGS_FILE), "{\"findings\":[]}");
        byte[] first = action.findingsJson();
        assertEquals("{\"findings\":[]}", new String(first, StandardCharsets.UTF_8));
        assertSame(first, action.findingsJson(), "held (weakly) after the first load");
    }

    @Test
    void afterReloadTheActionFindsItsFindingsAgain() throws Exception {
        TestRun run = run(2, null);
        Path dir = ContainerSecurityAction.findingsDirectory(run, "container-security-2");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(ImageScan.FINDINGS_FILE), "{\"a\":1}");
        ContainerSecurityAction loaded = new ContainerSecurityAction("container-security-2", ScanRecordSamples.failing());
        loaded.onLoad(run);
        assertEquals("{\"a\":1}", new String(loaded.findingsJson(), StandardCharsets.UTF_8));
    }

    @Test
    void theFindingsEndpointServesJsonWithoutSniffing() throws Exception {
        TestRun run = run(3, null);
        ContainerSecurityAction action = new ContainerSecurityAction("container-security", ScanRecordSamples.failing());
        run.addAction(action);
        Path dir = ContainerSecurityAction.findingsDirectory(run, "container-security");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(ImageScan.FINDINGS_FILE), "{\"x\":\"<script>\"}");

        Map<String, Object> calls = new HashMap<>();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        StaplerResponse2 rsp = (StaplerResponse2) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {StaplerResponse2.class},
                (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "getOutputStream":
                            return new ServletOutputStream() {
                                @Override
                                public void write(int b) {
                                    body.write(b);
                                }

                                @Override
                                public boolean isReady() {
                                    return true;
                                }

                                @Override
                                public void setWriteListener(WriteListener l) {
                                }
                            };
                        case "setHeader":
                            calls.put((String) args[0], args[1]);
                            return null;
                        default:
                            calls.put(method.getName(), args == null ? null : args[0]);
                            return null;
                    }
                });
        action.doFindings(null, rsp);
        assertEquals("application/json;charset=UTF-8", calls.get("setContentType"));
        assertEquals("nosniff", calls.get("X-Content-Type-Options"));
        assertEquals("{\"x\":\"<script>\"}", body.toString(StandardCharsets.UTF_8));
    }

    @Test
    void theTrendCoversTheLastTwentyScannedBuildsOldestFirstEachPointLinkingToItsBuild() throws Exception {
        TestRun previous = null;
        for (int n = 1; n <= 25; n++) {
            TestRun r = run(n, previous);
            if (n != 10) {
                r.addAction(new ContainerSecurityAction("container-security", ScanRecordSamples.withCounts(n % 4, n)));
            }
            previous = r;
        }
        ContainerSecurityAction last = previous.getAction(ContainerSecurityAction.class);
        SecurityTrendAction trend = (SecurityTrendAction) last.getProjectActions().iterator().next();

        List<TrendChart.Point> points = trend.points();
        assertEquals(20, points.size());
        assertEquals(5, points.get(0).build(), "build 10 scanned nothing, so the 20 points are 25..11 and 9..5");
        assertEquals(25, points.get(19).build());
        assertEquals(25 % 4, points.get(19).critical());

        Document svg = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new java.io.ByteArrayInputStream(trend.getTrendSvg().getBytes(StandardCharsets.UTF_8)));
        NodeList links = svg.getElementsByTagName("a");
        List<String> hrefs = new ArrayList<>();
        for (int i = 0; i < links.getLength(); i++) {
            hrefs.add(links.item(i).getAttributes().getNamedItem("href").getNodeValue());
        }
        assertEquals(20 * 4, hrefs.size(), "one point per severity per build");
        assertTrue(hrefs.contains("25/") && hrefs.contains("5/") && !hrefs.contains("4/") && !hrefs.contains("10/"), hrefs.toString());
        assertEquals(0, svg.getElementsByTagName("script").getLength());
    }

    @Test
    void theSummaryBoxAndTabDescribeTheImage() {
        ContainerSecurityAction second = new ContainerSecurityAction("container-security-2", ScanRecordSamples.failing());
        assertEquals("Container Security (docker.io/library/app:1.4)", second.getDisplayName());
        assertEquals(List.of("../artifact/portcullis/container-security/report.json", "../artifact/portcullis/container-security/sbom.cdx.json"),
                second.getArtifactLinks());
        assertNotNull(second.getIconFileName());
        assertEquals(List.of("cis_benchmark: 4/7 automated controls passed; failed 4.1, 4.4, 4.6", "pci_dss: no automated control evaluated"),
                second.getComplianceLines());
    }
}
