package io.portcullis.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portcullis.testing.AgentLog;
import org.commonmark.ext.autolink.AutolinkExtension;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.ext.gfm.tables.TableCell;
import org.commonmark.ext.gfm.tables.TableRow;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Code;
import org.commonmark.node.CustomBlock;
import org.commonmark.node.CustomNode;
import org.commonmark.node.Heading;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An image and a vulnerability record written by an attacker: terminal control sequences, bidi overrides,
 * line breaks and Azure Pipelines logging commands in the package name, the advisory title, a file path, the
 * image's file name. Nothing of it reaches standard output or error raw, no line of either is an agent command,
 * the gate still fails with exit 1, and the JUnit, Markdown and HTML reports are written and read back whole.
 */
class HostileTextCliTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    static final String COMMAND = "##vso[task.setvariable variable=PWNED]yes";
    static final String PACKAGE = "evil\u001b]0;owned\u0007\u001b[2J\r" + COMMAND + "\n##[error]fake";
    static final String TITLE = "Title\u001b]8;;https://evil.example/\u001b\\click\u001b]8;;\u001b\\ \u202egnp.exe\u0000 | `x` <b>bold</b> "
            + "https://evil.example/a www.evil.example user@evil.example\r" + COMMAND + "\u000b\u0085";
    static final String FILE_PATH = "node_modules/bad\u001b[31m\r" + COMMAND + "\u202e/package.json";

    @TempDir
    Path dir;

    @Test
    void hostileTextIsEscapedEverywhereAndTheGateStillFails() throws Exception {
        Path db = importDb(record("GHSA-h0st-113e-2wxq", PACKAGE, TITLE));
        byte[] layer = new HandMadeImages.LayerTar()
                .file("node_modules/evil/package.json", "{\"name\":" + MAPPER.writeValueAsString(PACKAGE) + ",\"version\":\"1.0.0\"}")
                .file(FILE_PATH, "{\"description\":\"no name, no version\"}")
                .bytes();
        Path image = HandMadeImages.dockerArchive(dir.resolve("img\u001b]0;x\u0007" + COMMAND + ".tar"), layer, false);
        Path junit = dir.resolve("junit.xml");
        Path markdown = dir.resolve("report.md");
        Path html = dir.resolve("report.html");

        CliRun run = CliRun.of("scan", "--db", db.toString(), "--fail-on", "critical", "docker-archive:" + image,
                "--format", "table", "--format", "junit=" + junit, "--format", "markdown=" + markdown, "--format", "html=" + html);

        assertEquals(1, run.exitCode(), run.toString());
        assertClean(run.stdout());
        assertClean(run.stderr());
        assertTrue(run.stdout().contains("GHSA-h0st-113e-2wxq"), run.stdout());
        assertTrue(run.stdout().contains("evil\\x1b]0;owned\\x07\\x1b[2J\\r##vso\\x5btask.setvariable"), run.stdout());
        assertTrue(run.stderr().contains("portcullis: warning: node_modules/bad\\x1b[31m\\r##vso\\x5btask"), run.stderr());

        assertJunit(junit);
        assertMarkdown(markdown);
        String page = Files.readString(html, StandardCharsets.UTF_8);
        assertTrue(AgentLog.rawControls(page.replace("\r", "")).isEmpty(), "no raw controls in the HTML");
        assertTrue(page.contains("<title>Portcullis FAIL: docker-archive:" + image.getParent() + "/img\\x1b]0;x\\x07##vso\\x5btask"), page.lines().limit(6).toList().toString());
        assertTrue(page.contains("evil\\x1b]0;owned\\x07\\x1b[2J"), "package name visible and escaped in the HTML body");
    }

    @Test
    void aRecordIdWithALineBreakAndACommandIsRejectedAndShownEscaped() throws Exception {
        String id = "GHSA-jfh8-c2jp-5v3q\n" + COMMAND;
        Path records = Files.createDirectories(dir.resolve("records"));
        Files.writeString(records.resolve("bad-id.json"), MAPPER.writeValueAsString(record(id, "lodash", "x")));
        Files.writeString(records.resolve("good.json"), MAPPER.writeValueAsString(record("GHSA-h0st-113e-2wxq", "lodash", "x")));
        Path db = dir.resolve("db.sqlite");

        CliRun run = CliRun.of("db", "import", "--db", db.toString(), records.toString());

        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.stdout().contains("npm: 1 records"), run.stdout());
        assertTrue(run.stdout().contains("rejected 1 records: {INVALID_ID=1}"), run.stdout());
        assertTrue(run.stdout().contains("bad-id"), run.stdout());
        assertClean(run.stdout());
        assertClean(run.stderr());
    }

    @Test
    void anOversizedRecordIsCountedAndTheImportGoesOn() throws Exception {
        Path records = Files.createDirectories(dir.resolve("records"));
        ObjectNode huge = record("GHSA-h0st-113e-b1gg", "lodash", "x".repeat(17 << 20));
        Files.writeString(records.resolve("huge.json"), MAPPER.writeValueAsString(huge));
        Files.writeString(records.resolve("good.json"), MAPPER.writeValueAsString(record("GHSA-h0st-113e-2wxq", "lodash", "x")));
        Path db = dir.resolve("db.sqlite");

        CliRun run = CliRun.of("db", "import", "--db", db.toString(), records.toString());

        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.stdout().contains("npm: 1 records"), run.stdout());
        assertTrue(run.stdout().contains("rejected 1 records: {TOO_LARGE=1}"), run.stdout());
        assertTrue(run.stdout().contains("huge"), run.stdout());
    }

    static void assertClean(String stream) {
        assertEquals(List.of(), AgentLog.commandLines(stream), "agent commands in\n" + stream);
        assertEquals(List.of(), AgentLog.rawControls(stream), "raw control characters in\n" + stream);
    }

    private Path importDb(ObjectNode record) throws IOException {
        Path records = Files.createDirectories(dir.resolve("records"));
        Files.writeString(records.resolve("record.json"), MAPPER.writeValueAsString(record));
        Path db = dir.resolve("db.sqlite");
        CliRun imported = CliRun.of("db", "import", "--db", db.toString(), records.toString());
        assertEquals(0, imported.exitCode(), imported.toString());
        assertTrue(imported.stdout().contains("npm: 1 records"), imported.stdout());
        return db;
    }

    /** A GHSA-style npm record: critical (CVSS 9.8), affects every version before 1.0.1. */
    static ObjectNode record(String id, String packageName, String summary) {
        ObjectNode record = MAPPER.createObjectNode().put("schema_version", "1.6.0").put("id", id)
                .put("modified", "2026-11-01T00:00:00Z").put("published", "2026-11-01T00:00:00Z").put("summary", summary);
        record.putArray("aliases").add("CVE-2099-0001\u001b[2J" + COMMAND);
        record.putArray("severity").addObject().put("type", "CVSS_V3").put("score", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H");
        ObjectNode affected = record.putArray("affected").addObject();
        affected.putObject("package").put("ecosystem", "npm").put("name", packageName);
        ObjectNode range = affected.putArray("ranges").addObject().put("type", "SEMVER");
        range.putArray("events").add(MAPPER.createObjectNode().put("introduced", "0")).add(MAPPER.createObjectNode().put("fixed", "1.0.1"));
        record.putObject("database_specific").put("severity", "CRITICAL");
        return record;
    }

    private static void assertJunit(Path junit) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document document = factory.newDocumentBuilder().parse(junit.toFile());
        List<String> failing = new ArrayList<>();
        var failures = document.getElementsByTagName("failure");
        for (int i = 0; i < failures.getLength(); i++) {
            failing.add(((Element) failures.item(i).getParentNode()).getAttribute("name"));
        }
        assertTrue(failing.stream().anyMatch(n -> n.contains("GHSA-h0st-113e-2wxq")), failing.toString());
        String text = document.getDocumentElement().getTextContent();
        assertTrue(text.contains("evil\\x1b]0;owned\\x07\\x1b[2J"), "the name is kept with its controls escaped");
        assertTrue(text.contains("gnp.exe\\x00"), "NUL shown escaped");
    }

    private static void assertMarkdown(Path markdown) throws IOException {
        String text = Files.readString(markdown, StandardCharsets.UTF_8);
        assertClean(text);
        Node root = Parser.builder().extensions(List.of(TablesExtension.create(), AutolinkExtension.create())).build().parse(text);
        List<String> links = new ArrayList<>();
        List<List<String>> findingRows = new ArrayList<>();
        List<String> headings = new ArrayList<>();
        root.accept(new AbstractVisitor() {
            @Override
            public void visit(Link link) {
                links.add(link.getDestination());
                visitChildren(link);
            }

            @Override
            public void visit(Heading heading) {
                headings.add(textOf(heading));
            }

            @Override
            public void visit(CustomNode node) {
                if (node instanceof TableRow row) {
                    List<String> cells = new ArrayList<>();
                    for (Node cell = row.getFirstChild(); cell != null; cell = cell.getNext()) {
                        cells.add(textOf(cell));
                    }
                    if (cells.size() == 5 && cells.get(1).startsWith("GHSA-")) {
                        findingRows.add(cells);
                    }
                }
                visitChildren(node);
            }

            @Override
            public void visit(CustomBlock block) {
                visitChildren(block);
            }
        });
        assertEquals(List.of("https://osv.dev/vulnerability/GHSA-h0st-113e-2wxq"), links, "no autolink from untrusted text");
        assertEquals(1, findingRows.size(), "one finding row of five cells: " + findingRows);
        assertEquals("evil\\x1b]0;owned\\x07\\x1b[2J\\r##vso\\x5btask.setvariable variable=PWNED]yes\\n##\\x5berror]fake",
                findingRows.get(0).get(2));
        assertTrue(headings.get(0).startsWith("Portcullis: FAIL — docker-archive:"), headings.toString());
        assertTrue(headings.get(0).endsWith("img\\x1b]0;x\\x07##vso\\x5btask.setvariable variable=PWNED]yes.tar"), headings.toString());
    }

    /** The text a renderer shows for a node: text and code-span contents. */
    private static String textOf(Node node) {
        StringBuilder out = new StringBuilder();
        node.accept(new AbstractVisitor() {
            @Override
            public void visit(Text text) {
                out.append(text.getLiteral());
            }

            @Override
            public void visit(Code code) {
                out.append(code.getLiteral());
            }

            @Override
            public void visit(CustomNode n) {
                visitChildren(n);
            }
        });
        return out.toString();
    }

    static {
        // referenced so an unused import of TableBlock/TableCell does not creep in when the visitor changes
        assertFalse(TableBlock.class.equals(TableCell.class));
    }
}
