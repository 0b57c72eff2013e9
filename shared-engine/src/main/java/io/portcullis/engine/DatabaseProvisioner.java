package io.portcullis.engine;

import io.portcullis.InputException;
import io.portcullis.image.registry.RegistryOptions;
import io.portcullis.transport.HttpClients;
import io.portcullis.transport.TransportSettings;
import io.portcullis.vulndb.DatabaseInfo;
import io.portcullis.vulndb.Freshness;
import io.portcullis.vulndb.ImportReport;
import io.portcullis.vulndb.MavenChecksumIndex;
import io.portcullis.vulndb.MavenChecksumIndexBuilder;
import io.portcullis.vulndb.MavenRepository;
import io.portcullis.vulndb.VulnDb;
import io.portcullis.vulndb.VulnDbBuilder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * Keeps an agent's vulnerability DB: a {@code portcullis.db} in a cache directory, built from a
 * {@link DatabaseSource} and rebuilt when older than the allowed age. Builds take the DB's file lock,
 * so builds on one agent (threads or processes) wait for each other and the second finds the DB fresh.
 *
 * <p>With a Maven repository set ({@link #mavenIndex(String)}), each build also brings the Maven checksum
 * index beside the DB up to date, as {@code portcullis db update} does, unless the source carried one.
 */
public final class DatabaseProvisioner {

    static final String DATABASE_FILE = "portcullis.db";

    private final Path cacheDirectory;
    private final Path tempDirectory;
    private final ScanListener listener;
    private RegistryCredentials credentials = RegistryCredentials.none();
    private Set<String> insecureRegistries = Set.of();
    private Path caFile;
    private ProxySettings proxy;
    private TransportSettings transport = TransportSettings.defaults();
    private Clock clock = Clock.systemUTC();
    private String mavenRepository;

    /**
     * @param cacheDirectory where the DB and its downloads are kept
     * @param tempDirectory where temp files go; null means the cache directory
     * @param listener told about the DB opened and about warnings; null for none
     */
    public DatabaseProvisioner(Path cacheDirectory, Path tempDirectory, ScanListener listener) {
        this.cacheDirectory = Objects.requireNonNull(cacheDirectory, "cacheDirectory");
        this.tempDirectory = tempDirectory;
        this.listener = listener == null ? ScanListener.none() : listener;
    }

    /** How {@code oci://} sources reach their registries. */
    public DatabaseProvisioner registryAccess(RegistryCredentials c, Set<String> insecure, Path caFile, ProxySettings proxy) {
        this.credentials = c == null ? RegistryCredentials.none() : c;
        this.insecureRegistries = insecure == null ? Set.of() : Set.copyOf(insecure);
        this.caFile = caFile;
        this.proxy = proxy;
        return this;
    }

    /**
     * Timeouts, retries and transfer limits of every download (OSV zips, {@code oci://} artifacts, the Maven index);
     * the proxy is {@link #registryAccess}'s. Default: {@link TransportSettings#defaults()}.
     */
    public DatabaseProvisioner transport(TransportSettings settings) {
        this.transport = Objects.requireNonNull(settings, "settings");
        return this;
    }

    /**
     * Keep the Maven checksum index (SHA-1 of each published jar) beside the DB, fetched from
     * {@code repositoryUrl} (Maven Central, {@link MavenRepository#CENTRAL}, or a proxy of it); null for no index.
     * Built when the DB is built and when it is missing; a repository that cannot be reached is a
     * {@link ScanWarning.Kind#MAVEN_INDEX} warning, not a failure, because the DB itself is usable.
     */
    public DatabaseProvisioner mavenIndex(String repositoryUrl) {
        this.mavenRepository = repositoryUrl;
        return this;
    }

    /** The clock ages are judged by (tests). */
    public DatabaseProvisioner clock(Clock c) {
        this.clock = Objects.requireNonNull(c, "clock");
        return this;
    }

    /**
     * Returns the DB file to pass to {@link ScanSpec.Builder#database(Path)}; builds it when missing
     * and rebuilds it when older than {@code maxAge}.
     *
     * @throws InputException when the source cannot be fetched or read
     */
    public Path ensureFresh(DatabaseSource source, Duration maxAge) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(maxAge, "maxAge");
        if (source.readyDatabase() != null) {
            report(source.readyDatabase());
            return source.readyDatabase();
        }
        Path database = cacheDirectory.resolve(DATABASE_FILE);
        boolean rebuilt = false;
        boolean indexFromSource = false;
        if (!Files.isRegularFile(database) || !isFresh(database, maxAge)) {
            ImportReport built = new VulnDbBuilder(database).addAll(source.sources()).clock(clock).registryOptions(registryOptions())
                    .httpClient(HttpClients.builder(effectiveTransport()).build())
                    .keepIfYoungerThan(maxAge)
                    .build();
            rebuilt = built.rebuilt();
            indexFromSource = built.mavenIndexFromSources();
        }
        if (!indexFromSource && (rebuilt || !Files.isRegularFile(MavenChecksumIndex.besides(database)))) {
            updateMavenIndex(database);
        }
        report(database);
        return database;
    }

    private void updateMavenIndex(Path database) {
        if (mavenRepository == null) {
            return;
        }
        try {
            MavenChecksumIndexBuilder.besides(database, new MavenRepository(mavenRepository, HttpClients.builder(effectiveTransport()).build())).clock(clock).updateForDatabase(database)
                    .failures().forEach(failure -> listener.warning(new ScanWarning(ScanWarning.Kind.MAVEN_INDEX,
                            "Maven index: " + failure + " (tried again on the next build)", MavenChecksumIndex.besides(database).toString())));
        } catch (InputException e) {
            listener.warning(new ScanWarning(ScanWarning.Kind.MAVEN_INDEX, e.getMessage(), MavenChecksumIndex.besides(database).toString()));
        }
    }

    private boolean isFresh(Path database, Duration maxAge) {
        try (VulnDb db = VulnDb.open(database, new Freshness(maxAge, false, clock))) {
            return db.age(clock.instant()).compareTo(maxAge) <= 0;
        } catch (InputException e) {
            // An unreadable or old-schema DB is rebuilt like a stale one.
            return false;
        }
    }

    private void report(Path database) {
        try (VulnDb db = VulnDb.open(database, new Freshness(Duration.ofDays(36500), false, clock))) {
            DatabaseInfo info = db.info();
            Instant now = clock.instant();
            listener.databaseOpened(info.builtAt(), Duration.between(info.builtAt(), now));
        }
    }

    private TransportSettings effectiveTransport() {
        return proxy != null ? transport.withProxy(proxy) : transport;
    }

    private RegistryOptions registryOptions() {
        RegistryOptions options = RegistryOptions.defaults()
                .withCredentials(ScanEngine.registryCredentials(credentials))
                .withInsecureRegistries(insecureRegistries)
                .withTransport(effectiveTransport());
        return caFile == null ? options : options.withExtraCaFile(caFile);
    }
}
