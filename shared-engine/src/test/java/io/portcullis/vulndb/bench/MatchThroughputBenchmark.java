package io.portcullis.vulndb.bench;

import io.portcullis.inventory.Inventory;
import io.portcullis.inventory.OperatingSystem;
import io.portcullis.match.Finding;
import io.portcullis.match.Matcher;
import io.portcullis.vulndb.OsvSource;
import io.portcullis.vulndb.VulnDb;
import io.portcullis.vulndb.VulnDbBuilder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * JMH benchmark, not a test: matching throughput on one shared open {@link VulnDb}, as several scans
 * of one agent JVM share it. Each operation matches the 1,000 packages of {@link VulnDbBenchmark#packages()}
 * (this machine's dpkg packages as Debian 11, and Go modules). Run it with {@code -t 1} and {@code -t 4}
 * (threads calling at once) and compare the throughput; see docs/benchmarks.md for the command.
 *
 * <p>{@code -p db=FILE} uses an existing DB; by default one is built from ../shared/data/osv's Debian and Go zips.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class MatchThroughputBenchmark {

    @Param("")
    public String db;

    private Path built;
    private VulnDb vulnDb;
    private Inventory inventory;
    private final Matcher matcher = new Matcher();

    @Setup(Level.Trial)
    public void open() throws Exception {
        Path file;
        if (db.isEmpty()) {
            built = Files.createTempDirectory("portcullis-jmh");
            file = built.resolve("portcullis.db");
            new VulnDbBuilder(file)
                    .add(new OsvSource.Zip(Path.of("../shared/data/osv/Debian.zip")))
                    .add(new OsvSource.Zip(Path.of("../shared/data/osv/Go.zip")))
                    .build();
        } else {
            file = Path.of(db);
        }
        vulnDb = VulnDb.open(file);
        inventory = new Inventory(new OperatingSystem("debian", "11", "bullseye", null), VulnDbBenchmark.packages(), List.of());
    }

    @TearDown(Level.Trial)
    public void close() throws Exception {
        vulnDb.close();
        if (built != null) {
            try (var files = Files.walk(built)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** One scan's matching: every package of the inventory looked up and its ranges evaluated. */
    @Benchmark
    public List<Finding> matchInventory() {
        return matcher.match(inventory, vulnDb);
    }
}
