package io.portcullis.version;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.artifact.versioning.ComparableVersion;

/**
 * The real tools each scheme must agree with. Each call runs its tool once over a batch of pairs
 * and answers one line per pair: -1, 0, 1, or {@code invalid} when the tool rejects a version.
 * A missing tool fails the test with its name (CI installs them via .ci/install-deps).
 */
final class ReferenceTools {

    static final Path ALPINE_IMAGE = Path.of("../shared/fixtures/images/alpine-3.11.docker-save.tar.gz");
    private static final Path NODE_PROJECT = Path.of("shared-engine/src/test/node");
    private static final Path NODE_INSTALL = Path.of("shared-engine/target/node-semver");

    private static boolean nodeInstalled;

    private ReferenceTools() {
    }

    /** {@code dpkg --compare-versions} (exit status 2, a rejected version, answers invalid). */
    static List<String> dpkg(List<ReferencePairs.Pair> pairs) {
        return withScript("dpkg-compare.sh", pairs, script -> List.of("bash", script.toString()));
    }

    /** rpm's own {@code rpm.vercmp} (Debian's rpm 4.18), which parses [epoch:]version[-release] like rpmverCmp. */
    static List<String> rpm(List<ReferencePairs.Pair> pairs) {
        return inTempDirectory(temp -> {
            Path input = temp.resolve("pairs.tsv");
            Files.writeString(input, ReferenceResults.tabSeparated(pairs), StandardCharsets.UTF_8);
            String lua = "%{lua: for line in io.lines('" + input + "') do "
                    + "local a, b = line:match('^(.-)\\t(.*)$'); "
                    + "local ok, r = pcall(rpm.vercmp, a, b); "
                    + "if ok then io.write(tostring(r), '\\n') else io.write('invalid\\n') end end}";
            return ReferenceResults.run(List.of("rpm", "--eval", lua), "", null);
        });
    }

    /** Python's packaging: {@code current} is python3-packaging, {@code 21.3} the one python3-pip vendors. */
    static List<String> packaging(String version, List<ReferencePairs.Pair> pairs) {
        return withScript("pep440-compare.py", pairs, script -> List.of("/usr/bin/python3", script.toString(), version));
    }

    /** npm's semver, installed once per run with {@code npm ci} from the lockfile in src/test/node. */
    static synchronized List<String> npmSemver(List<ReferencePairs.Pair> pairs) {
        if (!nodeInstalled) {
            try {
                ReferenceResults.run(List.of("rm", "-rf", NODE_INSTALL.toString()), "", null);
                Files.createDirectories(NODE_INSTALL);
                for (String file : List.of("package.json", "package-lock.json", "semver-compare.js")) {
                    Files.copy(NODE_PROJECT.resolve(file), NODE_INSTALL.resolve(file));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            ReferenceResults.run(List.of("npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund"), "", NODE_INSTALL);
            nodeInstalled = true;
        }
        return ReferenceResults.run(List.of("node", "semver-compare.js"), ReferenceResults.tabSeparated(pairs), NODE_INSTALL);
    }

    /** golang.org/x/mod/semver (Debian's golang-golang-x-mod-dev), built with Debian's Go in GOPATH mode. */
    static List<String> goSemver(List<ReferencePairs.Pair> pairs) {
        return inTempDirectory(temp -> {
            Path script = ReferenceResults.script("go-compare.go", temp);
            return ReferenceResults.run(List.of("env", "GO111MODULE=off", "GOFLAGS=", "GOPATH=/usr/share/gocode",
                    "GOCACHE=" + temp.resolve("cache"), "go", "run", script.toString()), ReferenceResults.tabSeparated(pairs), null);
        });
    }

    /** RubyGems' Gem::Version (Debian's ruby). */
    static List<String> rubyGems(List<ReferencePairs.Pair> pairs) {
        return withScript("ruby-compare.rb", pairs, script -> List.of("ruby", script.toString()));
    }

    /** PHP's version_compare (Debian's php-cli). */
    static List<String> php(List<ReferencePairs.Pair> pairs) {
        return withScript("php-compare.php", pairs, script -> List.of("php", script.toString()));
    }

    /** Maven's ComparableVersion, maven-artifact on the test classpath. */
    static List<String> maven(List<ReferencePairs.Pair> pairs) {
        return pairs.stream()
                .map(p -> String.valueOf(new ComparableVersion(p.left()).compareTo(new ComparableVersion(p.right()))))
                .toList();
    }

    /**
     * The real apk-tools 2.10.4 (x86_64) inside the shared alpine:3.11 image fixture, run through
     * the image's own musl loader: apk-tools has no Debian package.
     */
    static List<String> apk(List<ReferencePairs.Pair> pairs) {
        if (!Files.isRegularFile(ALPINE_IMAGE)) {
            throw new IllegalStateException("alpine image fixture missing: " + ALPINE_IMAGE.toAbsolutePath());
        }
        return withScript("apk-compare.sh", pairs, script -> List.of("bash", script.toString(),
                ALPINE_IMAGE.toAbsolutePath().toString(), script.resolveSibling("extracted").toString()));
    }

    private interface InDirectory {
        List<String> run(Path directory) throws IOException;
    }

    private interface Command {
        List<String> of(Path script);
    }

    private static List<String> withScript(String script, List<ReferencePairs.Pair> pairs, Command command) {
        return inTempDirectory(temp -> ReferenceResults.run(command.of(ReferenceResults.script(script, temp)),
                ReferenceResults.tabSeparated(pairs), null));
    }

    private static List<String> inTempDirectory(InDirectory body) {
        try {
            Path temp = Files.createTempDirectory("version-reference");
            try {
                return body.run(temp);
            } finally {
                ReferenceResults.run(List.of("rm", "-rf", temp.toString()), "", null);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
