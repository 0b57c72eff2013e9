package io.portcullis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The engine's package structure, read from the compiled classes' constant pools (every class,
 * field and method type a class names is there): no package cycles, no package reaching into its
 * own subpackages, and each area depending only on the areas below it.
 */
class PackageDependenciesTest {

    private static final String ROOT = "io.portcullis";

    /** A class name inside a constant: a class entry ({@code io/portcullis/x/Y}) or a descriptor ({@code Lio/portcullis/x/Y;}). */
    private static final Pattern CLASS_NAME = Pattern.compile("io/portcullis((?:/[a-z][a-z0-9]*)*)/[A-Z]");

    /**
     * Which areas (first package level under io.portcullis) each area may use; the root package
     * ({@code InputException}) is open to all. An area missing here fails the test, so a new one
     * gets its place deliberately.
     */
    private static final Map<String, Set<String>> ALLOWED = Map.ofEntries(
            Map.entry("output", Set.of()),
            Map.entry("version", Set.of()),
            Map.entry("transport", Set.of()),
            Map.entry("image", Set.of("transport")),
            Map.entry("inventory", Set.of()),
            Map.entry("layer", Set.of("image", "inventory")),
            Map.entry("secret", Set.of("inventory", "match")),
            Map.entry("signature", Set.of("image")),
            Map.entry("vulndb", Set.of("image", "transport", "version")),
            Map.entry("identify", Set.of("inventory", "vulndb")),
            Map.entry("match", Set.of("inventory", "version", "vulndb")),
            Map.entry("check", Set.of("match")),
            Map.entry("config", Set.of("check", "image", "match", "secret")),
            Map.entry("kubernetes", Set.of("check", "image", "match")),
            Map.entry("scan", Set.of("check", "config", "identify", "image", "inventory", "layer", "match", "sbom", "secret", "signature", "transport", "vulndb")),
            Map.entry("policy", Set.of("check", "image", "inventory", "kubernetes", "match", "sbom", "scan", "secret", "signature", "vulndb")),
            Map.entry("sbom", Set.of("image", "inventory", "match", "output")),
            Map.entry("report", Set.of("check", "image", "inventory", "match", "output", "policy", "sbom", "scan", "signature", "vulndb")),
            Map.entry("engine", Set.of("check", "image", "inventory", "kubernetes", "layer", "match", "output", "policy", "report", "sbom", "scan", "secret", "signature", "transport", "vulndb", "version")),
            Map.entry("cli", Set.of("check", "engine", "image", "inventory", "kubernetes", "layer", "match", "output", "policy", "report", "sbom", "scan", "signature", "transport", "vulndb", "version")));

    /** The inventory packages everyone may use: the model and the analyzer contract; the rest are format readers. */
    private static final Set<String> INVENTORY_CONTRACT = Set.of(ROOT + ".inventory", ROOT + ".inventory.analyzer");

    /** Areas that choose the format readers (the built-in analyzer list), so they alone name them. */
    private static final Set<String> CHOOSES_ANALYZERS = Set.of("scan", "engine", "cli");

    private static Map<String, Set<String>> uses;

    @BeforeAll
    static void readClasses() throws IOException, URISyntaxException {
        Path classes = Path.of(InputException.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        uses = new TreeMap<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String from = packageOf(classes.relativize(file));
                Set<String> used = uses.computeIfAbsent(from, p -> new TreeSet<>());
                try (InputStream in = Files.newInputStream(file)) {
                    used.addAll(packagesNamedIn(in));
                }
                used.remove(from);
            }
        }
        assertTrue(uses.size() > 20, "read the engine's classes from " + classes + ": " + uses.keySet());
    }

    @Test
    void noPackageCycles() {
        List<List<String>> cycles = new ArrayList<>();
        for (String start : uses.keySet()) {
            List<String> cycle = cycleThrough(start);
            if (cycle != null && cycle.get(0).equals(cycle.stream().min(String::compareTo).orElseThrow())) {
                cycles.add(cycle);
            }
        }
        assertEquals(List.of(), cycles, "package cycles (each listed from its first package in name order)");
    }

    @Test
    void noPackageUsesItsOwnSubpackages() {
        List<String> downward = new ArrayList<>();
        uses.forEach((from, used) -> used.stream()
                .filter(to -> !from.equals(ROOT) && to.startsWith(from + "."))
                .forEach(to -> downward.add(from + " -> " + to)));
        assertEquals(List.of(), downward, "a package that uses its subpackages forms a cycle with them (they use it)");
    }

    @Test
    void eachAreaUsesOnlyTheAreasBelowIt() {
        List<String> violations = new ArrayList<>();
        uses.forEach((from, used) -> {
            if (from.equals(ROOT)) {
                return;
            }
            String area = area(from);
            Set<String> allowed = ALLOWED.get(area);
            if (allowed == null) {
                violations.add(from + ": area '" + area + "' has no place in this test's map yet");
                return;
            }
            for (String to : used) {
                String target = area(to);
                boolean inside = target.equals(area);
                if (!to.equals(ROOT) && !inside && !allowed.contains(target)) {
                    violations.add(from + " -> " + to);
                }
                if (!inside && target.equals("inventory") && !INVENTORY_CONTRACT.contains(to) && !CHOOSES_ANALYZERS.contains(area)) {
                    violations.add(from + " -> " + to + " (a format reader; only " + CHOOSES_ANALYZERS + " choose analyzers)");
                }
            }
        });
        assertEquals(List.of(), violations, "dependencies against the layering");
    }

    /** A cycle from {@code start} back to it (depth-first), or null. */
    private static List<String> cycleThrough(String start) {
        Deque<List<String>> paths = new ArrayDeque<>();
        paths.push(List.of(start));
        Set<String> seen = new TreeSet<>();
        while (!paths.isEmpty()) {
            List<String> path = paths.pop();
            for (String next : uses.getOrDefault(path.get(path.size() - 1), Set.of())) {
                if (next.equals(start)) {
                    List<String> cycle = new ArrayList<>(path);
                    cycle.add(start);
                    return cycle;
                }
                if (seen.add(next)) {
                    List<String> longer = new ArrayList<>(path);
                    longer.add(next);
                    paths.push(longer);
                }
            }
        }
        return null;
    }

    /** The first package level under io.portcullis: "image" for io.portcullis.image.oci. */
    private static String area(String pkg) {
        if (pkg.equals(ROOT)) {
            return "";
        }
        String rest = pkg.substring(ROOT.length() + 1);
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }

    private static String packageOf(Path relativeClassFile) {
        Path parent = relativeClassFile.getParent();
        return parent.toString().replace(parent.getFileSystem().getSeparator(), ".");
    }

    /** The io.portcullis packages a class file's constant pool names (JVM spec 4.4). */
    private static Set<String> packagesNamedIn(InputStream classFile) throws IOException {
        DataInputStream in = new DataInputStream(classFile);
        if (in.readInt() != 0xCAFEBABE) {
            throw new IOException("not a class file");
        }
        in.readUnsignedShort();
        in.readUnsignedShort();
        int count = in.readUnsignedShort();
        Set<String> packages = new TreeSet<>();
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> {
                    Matcher m = CLASS_NAME.matcher(in.readUTF());
                    while (m.find()) {
                        packages.add(ROOT + m.group(1).replace('/', '.'));
                    }
                }
                case 7, 8, 16, 19, 20 -> in.skipBytes(2);
                case 15 -> in.skipBytes(3);
                case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipBytes(4);
                case 5, 6 -> {
                    in.skipBytes(8);
                    i++;
                }
                default -> throw new IOException("unknown constant pool tag " + tag);
            }
        }
        return packages;
    }
}
