package io.portcullis.vulndb.bench;

import io.portcullis.inventory.Inventory;
import io.portcullis.inventory.OperatingSystem;
import io.portcullis.inventory.Package;
import io.portcullis.inventory.SourcePackage;
import io.portcullis.match.Finding;
import io.portcullis.match.Matcher;
import io.portcullis.vulndb.ImportReport;
import io.portcullis.vulndb.OsvSource;
import io.portcullis.vulndb.VulnDb;
import io.portcullis.vulndb.VulnDbBuilder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Benchmark, not a test: imports every zip under ../shared/data/osv into a fresh DB and matches 1,000
 * packages (this machine's dpkg packages, looked up as Debian 11, topped up with Go modules named in
 * the data). Run from the project root:
 * <pre>
 * mvn -q -pl shared-engine test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt
 * java -cp "$(cat /tmp/cp.txt):shared-engine/target/classes:shared-engine/target/test-classes" io.portcullis.vulndb.bench.VulnDbBenchmark
 * </pre>
 * With {@code match DB_FILE [ROUNDS]} it only matches, against an existing DB: each round opens the DB afresh
 * (not timed), so no round profits from what an earlier one cached, and the median of the second half of the
 * rounds (JIT warm) is printed.
 */
public final class VulnDbBenchmark {

    private VulnDbBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length >= 2 && args[0].equals("match")) {
            matchOnly(Path.of(args[1]), args.length >= 3 ? Integer.parseInt(args[2]) : 40);
            return;
        }
        Path dir = Files.createTempDirectory("portcullis-bench");
        Path db = dir.resolve("portcullis.db");
        List<Path> zips;
        try (Stream<Path> files = Files.list(Path.of("../shared/data/osv"))) {
            zips = files.filter(p -> p.toString().endsWith(".zip")).sorted().toList();
        }
        for (int round = 1; round <= 3; round++) {
            VulnDbBuilder builder = new VulnDbBuilder(db);
            zips.forEach(z -> builder.add(new OsvSource.Zip(z)));
            long start = System.nanoTime();
            ImportReport report = builder.build();
            long millis = (System.nanoTime() - start) / 1_000_000;
            System.out.printf("load average %.1f; import round %d: %d ms, DB %.1f MiB, accepted %s, rejected %s%n", java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), round, millis,
                    Files.size(db) / 1048576.0, report.accepted(), report.rejectionCounts());
        }
        Inventory inventory = new Inventory(new OperatingSystem("debian", "11", "bullseye", null), packages(), List.of());
        try (VulnDb vulnDb = VulnDb.open(db)) {
            Matcher matcher = new Matcher();
            var threads = java.lang.management.ManagementFactory.getThreadMXBean();
            for (int round = 1; round <= 10; round++) {
                long cpuStart = threads.getCurrentThreadCpuTime();
                long start = System.nanoTime();
                List<Finding> findings = matcher.match(inventory, vulnDb);
                long micros = (System.nanoTime() - start) / 1_000;
                long cpuMicros = (threads.getCurrentThreadCpuTime() - cpuStart) / 1_000;
                System.out.printf("match round %d: %d packages, %d findings, wall %.1f ms, cpu %.1f ms%n", round,
                        inventory.packages().size(), findings.size(), micros / 1000.0, cpuMicros / 1000.0);
            }
        }
    }

    private static void matchOnly(Path db, int rounds) throws Exception {
        Inventory inventory = new Inventory(new OperatingSystem("debian", "11", "bullseye", null), packages(), List.of());
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        List<Long> wall = new ArrayList<>();
        List<Long> cpu = new ArrayList<>();
        int findings = 0;
        for (int round = 1; round <= rounds; round++) {
            try (VulnDb vulnDb = VulnDb.open(db)) {
                long cpuStart = threads.getCurrentThreadCpuTime();
                long start = System.nanoTime();
                findings = new Matcher().match(inventory, vulnDb).size();
                wall.add((System.nanoTime() - start) / 1_000);
                cpu.add((threads.getCurrentThreadCpuTime() - cpuStart) / 1_000);
            }
        }
        List<Long> warmWall = wall.subList(rounds / 2, rounds).stream().sorted().toList();
        List<Long> warmCpu = cpu.subList(rounds / 2, rounds).stream().sorted().toList();
        System.out.printf("load average %.1f; %d packages, %d findings; first round wall %.1f ms cpu %.1f ms;"
                        + " median of rounds %d-%d: wall %.1f ms cpu %.1f ms (min wall %.1f ms)%n",
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                inventory.packages().size(), findings, wall.get(0) / 1000.0, cpu.get(0) / 1000.0, rounds / 2 + 1, rounds,
                warmWall.get(warmWall.size() / 2) / 1000.0, warmCpu.get(warmCpu.size() / 2) / 1000.0, warmWall.get(0) / 1000.0);
    }

    /** This machine's dpkg packages (looked up as Debian 11), topped up to 1,000 with Go modules the data names. */
    static List<Package> packages() throws IOException, InterruptedException {
        Process process = new ProcessBuilder("dpkg-query", "-W", "-f", "${Package}\\t${Version}\\t${source:Package}\\t${source:Version}\\n")
                .redirectErrorStream(true).start();
        List<Package> packages = new ArrayList<>();
        for (String line : new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
            String[] f = line.split("\t");
            if (f.length == 4) {
                packages.add(new Package("deb", f[0], f[1], null, new SourcePackage(f[2], f[3]), null, List.of(), "bench",
                        null, null));
            }
        }
        process.waitFor();
        try (var zip = new java.util.zip.ZipFile("../shared/data/osv/Go.zip")) {
            var entries = zip.entries();
            var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
            while (packages.size() < 1000 && entries.hasMoreElements()) {
                var node = mapper.readTree(zip.getInputStream(entries.nextElement()));
                String name = node.path("affected").path(0).path("package").path("name").asText();
                packages.add(new Package("golang", name, "v0.0.1", null, null, null, List.of(), "bench", null, null));
            }
        }
        return packages;
    }
}
