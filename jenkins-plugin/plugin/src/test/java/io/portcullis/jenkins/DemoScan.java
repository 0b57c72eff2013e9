package io.portcullis.jenkins;

import hudson.FilePath;
import hudson.model.TestJob;
import hudson.model.TestRun;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import jenkins.model.TestJenkins;

/**
 * The bundled demo image (alpine 3.11 plus log4j-core 2.14.1 and vulnerable npm packages), the seed's policy
 * and the real OSV records of samples/osv, laid out as a controller and an agent would have them.
 */
final class DemoScan {
    static final Path SAMPLES = Path.of("samples");
    static final String TARBALL = "portcullis-demo.docker-save.tar.gz";

    final Path root;
    final Path workspace;
    final Path builds;
    final PortcullisConfiguration config;

    private DemoScan(Path root, Path osvZip) throws IOException {
        this.root = root;
        this.workspace = Files.createDirectories(root.resolve("workspace"));
        this.builds = Files.createDirectories(root.resolve("builds"));
        Files.copy(SAMPLES.resolve(TARBALL), workspace.resolve(TARBALL));
        Files.createDirectories(workspace.resolve("security"));
        Files.copy(SAMPLES.resolve("policy.yaml"), workspace.resolve("security/policy.yaml"));
        this.config = new PortcullisConfiguration();
        config.setDbSource(osvZip.toString());
        // The jar checksum index is the engine's to test (DatabaseProvisionerTest); these builds need no Maven Central.
        config.setMavenRepository("none");
        TestJenkins.install(config);
    }

    private static Path agent;

    /**
     * A fresh workspace and build folder in {@code dir}. The agent's cache (and so the DB imported from the OSV
     * samples) is shared by every test of this JVM, as builds on one agent share it.
     */
    static synchronized DemoScan in(Path dir) throws IOException {
        if (agent == null) {
            agent = Files.createTempDirectory("portcullis-agent");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(agent)));
            mergeOsvZips(agent.resolve("osv-samples.zip"));
        }
        DemoScan scan = new DemoScan(dir, agent.resolve("osv-samples.zip"));
        scan.config.setCacheDirectory(agent.resolve("cache").toString());
        return scan;
    }

    private static void deleteTree(Path root) {
        try (java.util.stream.Stream<Path> files = Files.walk(root)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort at JVM exit
        }
    }

    TestRun newRun(int number, TestRun previous) throws IOException {
        return new TestRun(new TestJob(), Files.createDirectories(builds.resolve(Integer.toString(number))).toFile(), previous);
    }

    FilePath workspacePath() {
        return new FilePath(workspace.toFile());
    }

    /** samples/osv holds one zip per data set; one source takes one zip, so their records go into one. */
    private static void mergeOsvZips(Path target) throws IOException {
        Set<String> names = new HashSet<>();
        try (OutputStream out = Files.newOutputStream(target); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (String part : new String[] {"GHSA-sample.zip", "Alpine.zip"}) {
                try (InputStream in = Files.newInputStream(SAMPLES.resolve("osv").resolve(part)); ZipInputStream entries = new ZipInputStream(in)) {
                    for (ZipEntry e = entries.getNextEntry(); e != null; e = entries.getNextEntry()) {
                        if (!e.isDirectory() && names.add(e.getName())) {
                            zip.putNextEntry(new ZipEntry(e.getName()));
                            entries.transferTo(zip);
                            zip.closeEntry();
                        }
                    }
                }
            }
        }
    }
}
