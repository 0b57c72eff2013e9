package io.portcullis.cli;

import io.portcullis.InputException;
import io.portcullis.vulndb.DatabaseInfo;
import io.portcullis.vulndb.Ecosystem;
import io.portcullis.vulndb.Freshness;
import io.portcullis.vulndb.ImportReport;
import io.portcullis.vulndb.OsvSource;
import io.portcullis.vulndb.Rejection;
import io.portcullis.vulndb.VulnDb;
import io.portcullis.vulndb.VulnDbBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code portcullis db import|update|status}: build and inspect the vulnerability database. */
@Command(name = "db",
        description = "Build, update and inspect the vulnerability database.",
        mixinStandardHelpOptions = true,
        subcommands = {DbCommand.Import.class, DbCommand.Update.class, DbCommand.Status.class})
public final class DbCommand {

    /** osv.dev's public bucket: one {@code <Ecosystem>/all.zip} per ecosystem. */
    public static final String OSV_DEV_BASE = "https://osv-vulnerabilities.storage.googleapis.com/";

    /** The URL sources {@code db update} fetches: one {@code all.zip} per supported ecosystem under {@code base}. */
    public static List<OsvSource> defaultSources(String base, List<Ecosystem> ecosystems) {
        String root = base.endsWith("/") ? base : base + "/";
        List<OsvSource> sources = new ArrayList<>();
        for (Ecosystem ecosystem : ecosystems) {
            sources.add(new OsvSource.Url(URI.create(root + ecosystem.osvName().replace(" ", "%20") + "/all.zip")));
        }
        return sources;
    }

    static class DbOption {
        @Option(names = "--db", paramLabel = "FILE",
                description = "Database file (default: $PORTCULLIS_DB or ~/.cache/portcullis/db/portcullis.db).")
        Path db;

        Path path() {
            return db != null ? db : VulnDb.defaultPath();
        }
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = "Build the database from OSV sources: directories of OSV JSON, zips like osv.dev's all.zip, or http(s) URLs to such zips.")
    static final class Import implements Callable<Integer> {
        @Spec CommandSpec spec;
        @picocli.CommandLine.Mixin DbOption db = new DbOption();

        @Parameters(arity = "1..*", paramLabel = "SOURCE", description = "Directory, zip file or URL.")
        List<String> sources;

        @Override
        public Integer call() {
            VulnDbBuilder builder = new VulnDbBuilder(db.path());
            sources.forEach(s -> builder.add(OsvSource.parse(s)));
            print(spec.commandLine().getOut(), builder.build());
            return PortcullisCli.EXIT_PASS;
        }
    }

    @Command(name = "update", mixinStandardHelpOptions = true,
            description = "Fetch the configured OSV sources (osv.dev's per-ecosystem all.zip, or a mirror) and rebuild the database when they changed.")
    static final class Update implements Callable<Integer> {
        @Spec CommandSpec spec;
        @picocli.CommandLine.Mixin DbOption db = new DbOption();

        @Option(names = "--mirror", paramLabel = "BASE_URL",
                description = "Base URL that replaces " + OSV_DEV_BASE + " (air-gapped sites): <BASE_URL>/<Ecosystem>/all.zip.")
        String mirror;

        @Option(names = "--ecosystem", paramLabel = "NAME", split = ",",
                description = "Only these ecosystems (OSV names, e.g. Debian,PyPI); default: all supported.")
        List<String> ecosystems;

        @Override
        public Integer call() {
            List<Ecosystem> chosen = new ArrayList<>();
            if (ecosystems == null) {
                chosen.addAll(List.of(Ecosystem.values()));
            } else {
                for (String name : ecosystems) {
                    chosen.add(Ecosystem.ofOsv(name).filter(e -> e.osvName().equals(name))
                            .orElseThrow(() -> new InputException("unsupported ecosystem: " + name)));
                }
            }
            ImportReport report = new VulnDbBuilder(db.path())
                    .addAll(defaultSources(mirror != null ? mirror : OSV_DEV_BASE, chosen))
                    .build();
            print(spec.commandLine().getOut(), report);
            return PortcullisCli.EXIT_PASS;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Show schema version, build time, age, sources and record counts of the database.")
    static final class Status implements Callable<Integer> {
        @Spec CommandSpec spec;
        @picocli.CommandLine.Mixin DbOption db = new DbOption();

        @Option(names = "--max-age", paramLabel = "DURATION", defaultValue = "P7D",
                description = "Age past which the database is stale, ISO-8601 (default: ${DEFAULT-VALUE}).")
        Duration maxAge;

        @Option(names = "--fail-if-stale", description = "Exit 3 when the database is older than --max-age.")
        boolean failIfStale;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            Freshness freshness = new Freshness(maxAge, failIfStale, java.time.Clock.systemUTC());
            try (VulnDb vulnDb = VulnDb.open(db.path(), freshness)) {
                DatabaseInfo info = vulnDb.info();
                Duration age = vulnDb.age(Instant.now());
                out.println("database:       " + vulnDb.file());
                out.println("schema version: " + info.schemaVersion());
                out.println("built at:       " + info.builtAt());
                out.println("age:            " + age.toHours() + " h");
                out.println("checksum:       " + info.checksum());
                out.println("sources:");
                info.sources().forEach(s -> out.println("  " + s));
                out.println("records:");
                info.recordCounts().entrySet().stream().sorted(Map.Entry.comparingByKey())
                        .forEach(e -> out.println("  " + e.getKey() + ": " + e.getValue()));
                vulnDb.warnings().forEach(w -> spec.commandLine().getErr().println("portcullis: warning: " + w));
            }
            return PortcullisCli.EXIT_PASS;
        }
    }

    private static void print(PrintWriter out, ImportReport report) {
        if (!report.rebuilt()) {
            out.println("unchanged: every source answered 'not modified'; kept " + report.database());
            return;
        }
        out.println("built " + report.database() + " (" + report.info().checksum() + ")");
        report.accepted().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> out.println("  " + e.getKey() + ": " + e.getValue() + " records"));
        if (!report.rejections().isEmpty()) {
            out.println("rejected " + report.rejections().size() + " records: " + report.rejectionCounts());
            for (Rejection rejection : report.rejections()) {
                out.println("  " + rejection);
            }
        }
    }
}
