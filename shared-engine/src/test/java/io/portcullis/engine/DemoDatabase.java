package io.portcullis.engine;

import io.portcullis.vulndb.OsvSource;
import io.portcullis.vulndb.VulnDbBuilder;

import java.nio.file.Path;
import java.util.List;

/** The demo's vulnerability DB, built from the real OSV records bundled in samples/osv. */
final class DemoDatabase {

    static final Path DEMO_IMAGE = Path.of("samples/portcullis-demo.docker-save.tar.gz");
    static final String IMAGE = "docker-archive:" + DEMO_IMAGE;
    static final Path SEED_POLICY = Path.of("samples/policy.yaml");

    private DemoDatabase() {
    }

    static Path build(Path directory) {
        Path db = directory.resolve("portcullis.db");
        new VulnDbBuilder(db).addAll(List.of(OsvSource.parse("samples/osv/GHSA-sample.zip"), OsvSource.parse("samples/osv/Alpine.zip")))
                .build();
        return db;
    }
}
