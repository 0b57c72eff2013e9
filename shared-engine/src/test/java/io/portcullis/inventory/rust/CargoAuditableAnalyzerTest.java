package io.portcullis.inventory.rust;

import io.portcullis.inventory.analyzer.FileAnalysis;
import io.portcullis.testing.ExternalCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static io.portcullis.testing.InMemoryFile.analyze;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CargoAuditableAnalyzerTest {

    /** Built by Debian's cargo-auditable 0.6.6 from the crate beside it; see fixtures/cargo/SOURCES.md. */
    private static final Path BINARY = Path.of("shared-engine/src/test/resources/fixtures/cargo/bin/hello-auditable");
    /** Independent reader: binutils' objcopy extracts the section, Python's zlib and json read it. */
    private static final String PYTHON_READER = String.join("\n",
            "import json, sys, zlib",
            "info = json.loads(zlib.decompress(open(sys.argv[1], 'rb').read()))",
            "for p in info['packages']:",
            "    print('\\t'.join([p['name'], p['version'], p['source'], p.get('kind', 'runtime'), 'root' if p.get('root') else 'dep']))");

    private final CargoAuditableAnalyzer analyzer = new CargoAuditableAnalyzer();

    @Test
    void readsLargeFilesWithoutAnExtension() {
        assertTrue(analyzer.accepts("usr/local/bin/rg", CargoAuditableAnalyzer.MIN_SIZE));
        assertFalse(analyzer.accepts("usr/local/bin/rg", CargoAuditableAnalyzer.MIN_SIZE - 1));
        assertFalse(analyzer.accepts("usr/lib/libfoo.so", 10 << 20));
        assertFalse(analyzer.accepts("srv/data.bin", 10 << 20));
    }

    /** The crates the real cargo-auditable embedded, against objcopy + Python's reading of the section. */
    @Test
    void findsTheRuntimeCratesObjcopyAndPythonFind(@TempDir Path tmp) throws Exception {
        Path section = tmp.resolve("dep-v0.z");
        run("objcopy", "--dump-section", ".dep-v0=" + section, BINARY.toString(), tmp.resolve("ignored").toString());
        List<String[]> embedded = run("python3", "-c", PYTHON_READER, section.toString()).lines().map(l -> l.split("\t")).toList();
        Set<String> reference = embedded.stream().filter(p -> p[3].equals("runtime"))
                .map(p -> p[0] + "@" + p[1] + " source=" + p[2] + " role=" + p[4]).collect(Collectors.toCollection(TreeSet::new));
        Set<String> buildOnly = embedded.stream().filter(p -> p[3].equals("build")).map(p -> p[0]).collect(Collectors.toSet());

        FileAnalysis analysis = analyze(analyzer, "usr/local/bin/hello-auditable", Files.readAllBytes(BINARY));

        Set<String> ours = analysis.packages().stream()
                .map(p -> p.name() + "@" + p.version() + " source=" + p.properties().get("source") + " role=" + p.properties().get("role"))
                .collect(Collectors.toCollection(TreeSet::new));
        assertTrue(reference.size() >= 3, reference.toString());
        assertEquals(Set.of("stamp"), buildOnly, "the fixture's build-dependency");
        assertEquals(reference, ours);
        assertTrue(analysis.packages().stream().allMatch(p -> p.type().equals("cargo")
                && p.locations().get(0).path().equals("usr/local/bin/hello-auditable")));
        assertTrue(analysis.warnings().isEmpty());
    }

    @Test
    void anElfWithoutTheSectionAndANonElfFileYieldNothing() throws Exception {
        Path bash = Path.of("/bin/bash");
        assertTrue(Files.isRegularFile(bash), "/bin/bash missing");
        assertEquals(FileAnalysis.EMPTY, analyze(analyzer, "bin/bash", Files.readAllBytes(bash)));
        byte[] script = ("#!/bin/sh\n" + "echo x\n".repeat(30_000)).getBytes(StandardCharsets.US_ASCII);
        assertEquals(FileAnalysis.EMPTY, analyze(analyzer, "usr/bin/script", script));
    }

    @Test
    void aTruncatedElfIsAWarningNamingThePath() throws Exception {
        byte[] binary = Files.readAllBytes(BINARY);
        FileAnalysis analysis = analyze(analyzer, "usr/bin/cut", Arrays.copyOf(binary, binary.length / 2));
        assertTrue(analysis.packages().isEmpty());
        assertEquals(1, analysis.warnings().size());
        assertTrue(analysis.warnings().get(0).startsWith("usr/bin/cut: section headers at offset "), analysis.warnings().toString());
    }

    @Test
    void aCorruptZlibStreamIsAWarningNamingThePath() throws Exception {
        byte[] binary = Files.readAllBytes(BINARY);
        long offset = sectionOffset(BINARY, ".dep-v0");
        // Past the two-byte zlib header: the deflate data itself is damaged.
        Arrays.fill(binary, (int) offset + 2, (int) offset + 12, (byte) 0xff);
        FileAnalysis analysis = analyze(analyzer, "usr/bin/broken", binary);
        assertTrue(analysis.packages().isEmpty());
        assertEquals(1, analysis.warnings().size());
        assertTrue(analysis.warnings().get(0).startsWith("usr/bin/broken: .dep-v0 is not a valid zlib stream"), analysis.warnings().toString());
    }

    /**
     * Every 4-byte word of the ELF header and of the section header table set to all ones in turn
     * (offsets, sizes, counts and indexes out of range): each result is either the crates or a
     * warning naming the file, never an exception.
     */
    @Test
    void damagedHeadersAreWarningsNotExceptions() throws Exception {
        byte[] binary = Files.readAllBytes(BINARY);
        java.nio.ByteBuffer elf = java.nio.ByteBuffer.wrap(binary).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        int shoff = (int) elf.getLong(0x28);
        int tableEnd = shoff + Short.toUnsignedInt(elf.getShort(0x3C)) * Short.toUnsignedInt(elf.getShort(0x3A));
        assertEquals(binary.length, tableEnd, "the section header table ends the file");
        List<Integer> words = new java.util.ArrayList<>();
        for (int at = 16; at < 64; at += 4) {
            words.add(at);
        }
        for (int at = shoff; at < tableEnd; at += 4) {
            words.add(at);
        }
        int warned = 0;
        for (int at : words) {
            byte[] damaged = binary.clone();
            Arrays.fill(damaged, at, at + 4, (byte) 0xff);
            FileAnalysis analysis = analyze(analyzer, "usr/bin/damaged", damaged);
            assertTrue(analysis.warnings().stream().allMatch(w -> w.startsWith("usr/bin/damaged: ")), analysis.warnings().toString());
            warned += analysis.warnings().isEmpty() ? 0 : 1;
        }
        assertTrue(warned > 10, "damage to offsets and counts must be noticed, warned for " + warned + " of " + words.size());
    }

    /** The section's file offset as binutils' readelf reports it. */
    private static long sectionOffset(Path binary, String section) throws Exception {
        Matcher m = Pattern.compile("\\]\\s+" + Pattern.quote(section) + "\\s+\\S+\\s+\\S+\\s+(\\S+)")
                .matcher(run("readelf", "-S", "-W", binary.toString()));
        assertTrue(m.find(), "readelf shows no " + section);
        return Long.parseLong(m.group(1), 16);
    }

    private static String run(String... command) {
        return ExternalCommand.run(Duration.ofMinutes(1), command);
    }
}
