package io.portcullis.version;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The real apk-tools (2.10.4, x86_64) from the shared alpine:3.11 image fixture, run through the
 * image's own musl loader: the reference for {@link ApkVersionScheme}, which has no Debian package.
 */
final class ApkTools {

    static final Path IMAGE = Path.of("../shared/fixtures/images/alpine-3.11.docker-save.tar.gz");

    private ApkTools() {
    }

    /** One answer (-1, 0, 1) per pair, from one batch run of {@code apk version -t}. */
    static List<String> compare(List<ReferencePairs.Pair> pairs) {
        if (!Files.isRegularFile(IMAGE)) {
            throw new IllegalStateException("alpine image fixture missing: " + IMAGE.toAbsolutePath());
        }
        try {
            Path work = Files.createTempDirectory("apk-reference");
            try {
                Path script = ReferenceResults.script("apk-compare.sh", work);
                return ReferenceResults.run(List.of("bash", script.toString(), IMAGE.toAbsolutePath().toString(),
                        work.resolve("extracted").toString()), ReferenceResults.tabSeparated(pairs), null);
            } finally {
                ReferenceResults.run(List.of("rm", "-rf", work.toString()), "", null);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
