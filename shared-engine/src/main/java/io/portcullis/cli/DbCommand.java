package io.portcullis.cli;

import io.portcullis.InputException;
import io.portcullis.output.LogSafeText;
import io.portcullis.image.registry.RegistryOptions;
import io.portcullis.transport.HttpClients;
import io.portcullis.transport.TransportSettings;
import io.portcullis.vulndb.DatabaseInfo;
import io.portcullis.vulndb.Ecosystem;
import io.portcullis.vulndb.Freshness;
import io.portcullis.vulndb.ImportReport;
import io.portcullis.vulndb.MavenChecksumIndex;
import io.portcullis.vulndb.MavenChecksumIndexBuilder;
import io.portcullis.vulndb.MavenIndexUpdate;
import io.portcullis.vulndb.MavenRepository;
import io.portcullis.vulndb.OsvSource;
import io.portcullis.vulndb.Rejection;
import io.portcullis.vulndb.VulnDb;
import io.portcullis.vulndb.VulnDbBuilder;
import okhttp3.OkHttpClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code portcullis db import|update|status}: build and inspect the vulnerability database. */
@Command(name = "db",
        description = "Build, update and inspect the vulnerability database.",
        mixinStandardHelpOptions = true,
        subcommands = {DbCommand.Import.class, DbCommand.Update.class, DbCommand.Status.class})
public final class DbCommand {

    /** osv.dev's public bucket: one {@code <Ecosystem>/all.zip} per ecosystem. */
    public static final String OSV_DEV_BASE = OsvSource.OSV_DEV_BASE;

    /** The URL sources {@code db update} fetches: one {@code all.zip} per supported ecosystem under {@code base}. */
    public static List<OsvSource> defaultSources(String base, List<Ecosystem> ecosystems) {
        return OsvSource.bucket(base, ecosystems);
    }

    static class DbOption {
        @Option(names = "--db", paramLabel = "FILE",
                description = "Database file (default: $PORTCULLIS_DB or ~/.cache/portcullis/db/portcullis.db).")
        Path db;

        Path path(CliContext context) {
            return db != null ? db : context.defaultDatabase();
        }
    }

    /** How {@code oci://} sources reach their registries; the same flags and credential rules as image scans. */
    static class RegistryFlags {
        @picocli.CommandLine.Mixin
        RegistryAccessOptions access = new RegistryAccessOptions();

        /** Timeouts, retries, proxy and transfer limits of every download of the command. */
        TransportSettings transport(CliContext context) {
            return access.transport.settings(context.environment());
        }

        /** The client of URL sources and the Maven repository. */
        OkHttpClient httpClient(CliContext context) {
            return HttpClients.builder(transport(context)).build();
        }

        /**
         * Credentials are looked up per registry of the oci:// sources; explicit ones need a single registry,
         * since they would otherwise go to hosts they were not given for.
         */
        RegistryOptions options(List<OsvSource> sources, CliContext context) {
            List<String> registries = sources.stream().filter(OsvSource.Oci.class::isInstance)
                    .map(s -> ((OsvSource.Oci) s).reference().registry()).distinct().toList();
            if (access.explicitCredentials() && registries.size() != 1) {
                throw new InputException("--username/--password-stdin need exactly one registry among the oci:// sources; "
                        + "found " + registries.size() + " (use a Docker config file for several)");
            }
            CliCredentials credentials;
            try {
                credentials = access.credentials(registries, context.stdin(), context.environment(), context.home());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            RegistryOptions options = RegistryOptions.defaults()
                    .withCredentials(credentials.forRegistryClient())
                    .withInsecureRegistries(new LinkedHashSet<>(access.insecureRegistries))
                    .withTransport(transport(context));
            return access.caFile == null ? options : options.withExtraCaFile(access.caFile);
        }
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = "Build the database from OSV sources: directories of OSV JSON, zips like osv.dev's all.zip, http(s) URLs to such zips, or oci://REGISTRY/REPO:TAG artifacts holding such zips.")
    static final class Import implements Callable<Integer> {
        private final CliContext context;
        @Spec CommandSpec spec;
        @picocli.CommandLine.Mixin DbOption db = new DbOption();
        @picocli.CommandLine.Mixin RegistryFlags registry = new RegistryFlags();

        @Parameters(arity = "1..*", paramLabel = "SOURCE", description = "Directory, zip file, URL or oci:// artifact.")
        List<String> sources;

        Import(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            List<OsvSource> parsed = sources.stream().map(OsvSource::parse).toList();
            ImportReport report = new VulnDbBuilder(db.path(context))
                    .addAll(parsed)
                    .registryOptions(registry.options(parsed, context))
                    .httpClient(registry.httpClient(context))
                    .whenWaitingForLock(() -> announceWait(spec, db.path(context)))
                    .build();
            print(spec.commandLine().getOut(), report);
            return PortcullisCli.EXIT_PASS;
        }
    }

    @Command(name = "update", mixinStandardHelpOptions = true,
            description = "Fetch the configured OSV sources (osv.dev's per-ecosystem all.zip, or a mirror) and rebuild the database when they changed.")
    static final class Update implements Callable<Integer> {
        private final CliContext context;
        @Spec CommandSpec spec;
        @picocli.CommandLine.Mixin DbOption db = new DbOption();

        @Option(names = "--mirror", paramLabel = "BASE_URL",
                description = "Base URL that replaces " + OSV_DEV_BASE + " (air-gapped sites): <BASE_URL>/<Ecosystem>/all.zip.")
        String mirror;

        @Option(names = "--ecosystem", paramLabel = "NAME", split = ",",
                description = "Only these ecosystems (OSV names, e.g. Debian,PyPI); default: all supported.")
        List<String> ecosystems;

        @Option(names = "--source", paramLabel = "SOURCE",
                description = "Fetch these sources (URL, oci:// artifact, zip or directory; repeatable) instead of osv.dev's or the mirror's.")
        List<String> explicitSources;

        @Option(names = "--maven-repository", paramLabel = "URL", defaultValue = MavenRepository.CENTRAL,
                description = "Maven repository (Maven Central or a proxy of it) the Maven checksum index is built from (default: ${DEFAULT-VALUE}).")
        String mavenRepository;

        @Option(names = "--no-maven-index",
                description = "Do not build or refresh the Maven checksum index (SHA-1 -> groupId:artifactId:version) beside the database.")
        boolean noMavenIndex;

        @Option(names = "--maven-concurrency", paramLabel = "N", defaultValue = "8",
                description = "Most requests to the Maven repository at once (default: ${DEFAULT-VALUE}).")
        int mavenConcurrency;

        @picocli.CommandLine.Mixin RegistryFlags registry = new RegistryFlags();

        Update(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            List<OsvSource> sources = explicitSources != null ? explicitSources() : ecosystemSources();
            ImportReport report = new VulnDbBuilder(db.path(context))
                    .addAll(sources)
                    .registryOptions(registry.options(sources, context))
                    .httpClient(registry.httpClient(context))
                    .whenWaitingForLock(() -> announceWait(spec, db.path(context)))
                    .build();
            print(spec.commandLine().getOut(), report);
            // A mirror's artifact that carries the index leaves nothing to fetch from Maven Central (air-gapped agents).
            if (!report.mavenIndexFromSources() && !noMavenIndex) {
                updateMavenIndex();
            }
            return PortcullisCli.EXIT_PASS;
        }

        /** The index follows the DB: every Maven artifact the records name, all its versions on the repository. */
        private void updateMavenIndex() {
            PrintWriter err = spec.commandLine().getErr();
            MavenIndexUpdate update;
            try {
                update = MavenChecksumIndexBuilder.besides(db.path(context), new MavenRepository(mavenRepository, registry.httpClient(context)))
                        .concurrency(mavenConcurrency)
                        .updateForDatabase(db.path(context));
            } catch (InputException e) {
                // The DB itself is built and usable; jars without pom.properties are then identified by the older index, if any.
                err.println("portcullis: warning: " + e.getMessage());
                return;
            }
            PrintWriter out = spec.commandLine().getOut();
            out.println("Maven index " + update.index() + ": " + update.artifacts() + " artifacts (" + update.unchanged()
                    + " unchanged), " + update.newVersions() + " new versions; holds " + update.counts().jars()
                    + " jar checksums of " + update.counts().artifacts() + " artifacts");
            update.failures().forEach(f -> err.println("portcullis: warning: Maven index: " + f + " (tried again on the next update)"));
        }

        private List<OsvSource> explicitSources() {
            if (mirror != null || ecosystems != null) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                        "--source names the sources itself; it cannot be combined with --mirror or --ecosystem");
            }
            return explicitSources.stream().map(OsvSource::parse).toList();
        }

        private List<OsvSource> ecosystemSources() {
            List<Ecosystem> chosen = new ArrayList<>();
            if (ecosystems == null) {
                chosen.addAll(List.of(Ecosystem.values()));
            } else {
                for (String name : ecosystems) {
                    chosen.add(Ecosystem.ofOsv(name).filter(e -> e.osvName().equals(name))
                            .orElseThrow(() -> new InputException("unsupported ecosystem: " + name)));
                }
            }
            return defaultSources(mirror != null ? mirror : OSV_DEV_BASE, chosen);
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Show schema version, build time, age, sources and record counts of the database.")
    static final class Status implements Callable<Integer> {
        private final CliContext context;
        @Spec CommandSpec spec;
        @picocli.CommandLine.Mixin DbOption db = new DbOption();

        @picocli.CommandLine.Mixin DbFreshnessOptions freshnessOptions = new DbFreshnessOptions();

        Status(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            Freshness freshness = freshnessOptions.freshness(java.time.Clock.systemUTC());
            try (VulnDb vulnDb = VulnDb.open(db.path(context), freshness)) {
                DatabaseInfo info = vulnDb.info();
                Duration age = vulnDb.age(Instant.now());
                out.println("database:       " + vulnDb.file());
                out.println("schema version: " + info.schemaVersion());
                out.println("built at:       " + info.builtAt());
                out.println("age:            " + age.toHours() + " h");
                out.println("checksum:       " + info.checksum());
                out.println("sources:");
                info.sources().forEach(s -> out.println("  " + LogSafeText.of(s)));
                out.println("records:");
                info.recordCounts().entrySet().stream().sorted(Map.Entry.comparingByKey())
                        .forEach(e -> out.println("  " + e.getKey() + ": " + e.getValue()));
                vulnDb.mavenIndex().ifPresentOrElse(index -> {
                    MavenChecksumIndex.Counts counts = index.counts();
                    out.println("maven index:    " + index.file() + " (built " + index.builtAt() + ")");
                    out.println("  " + counts.artifacts() + " artifacts, " + counts.versions() + " versions, "
                            + counts.jars() + " jar checksums");
                }, () -> out.println("maven index:    none (run 'portcullis db update')"));
                vulnDb.warnings().forEach(new Diagnostics(spec.commandLine().getErr())::warning);
            }
            return PortcullisCli.EXIT_PASS;
        }
    }

    private static void announceWait(CommandSpec spec, Path db) {
        PrintWriter err = spec.commandLine().getErr();
        err.println("portcullis: waiting for another build of " + db + " to finish");
        err.flush();
    }

    private static void print(PrintWriter out, ImportReport report) {
        if (report.waitedForLock()) {
            out.println("waited for another build of " + report.database() + " to finish");
        }
        if (report.mavenIndexFromSources()) {
            out.println("Maven index " + MavenChecksumIndex.besides(report.database()) + ": installed from the OCI source");
        }
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
                out.println("  " + LogSafeText.of(rejection.toString()));
            }
        }
    }
}
