package io.portcullis.layer;

import io.portcullis.testing.JvmTempDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Layers written by GNU tar itself, in its own formats (GNU long names, hard links), read back against its listing. */
class GnuTarLayerTest {

    @TempDir
    Path work;

    @Test
    void readsWhatGnuTarWritesInEachFormat() throws Exception {
        Path root = Files.createDirectories(work.resolve("root"));
        String deep = "usr/lib/" + "python3.11/site-packages/".repeat(4) + "a-very-long-distribution-name-1.0.dist-info";
        Files.createDirectories(root.resolve(deep));
        Files.writeString(root.resolve(deep + "/METADATA.pkgs"), "pypi a_very_long 1.0");
        Files.createDirectories(root.resolve("etc"));
        Files.writeString(root.resolve("etc/os-release"), "ID=debian\nVERSION_ID=12\n");
        Files.writeString(root.resolve("etc/.wh.motd"), "");
        Files.createDirectories(root.resolve("opt/app"));
        Files.writeString(root.resolve("opt/app/.wh..wh..opq"), "");
        Files.createLink(root.resolve("etc/os-release.hardlink"), root.resolve("etc/os-release"));
        Files.createSymbolicLink(root.resolve("etc/localtime"), Path.of("../usr/share/zoneinfo/UTC"));

        for (String format : List.of("gnu", "posix", "ustar")) {
            if (format.equals("ustar")) {
                // ustar cannot hold the long name; the rest still applies
                Files.delete(root.resolve(deep + "/METADATA.pkgs"));
            }
            Path layer = work.resolve("layer-" + format + ".tar.gz");
            AlpineLayerTest.run("tar", "--format=" + format, "-czf", layer.toString(), "-C", root.toString(), ".");
            Set<String> regular = new TreeSet<>();
            Map<String, String> links = new TreeMap<>();
            for (String line : AlpineLayerTest.run("tar", "-tvzf", layer.toString())) {
                String name = line.replaceFirst("^\\S+\\s+\\S+\\s+\\d+\\s+\\S+\\s+\\S+\\s+", "");
                switch (line.charAt(0)) {
                    case '-' -> regular.add(LayerPaths.normalise(name));
                    case 'h' -> links.put(LayerPaths.normalise(name.substring(0, name.indexOf(" link to "))),
                            LayerPaths.normalise(name.substring(name.indexOf(" link to ") + 9)));
                    case 'l' -> links.put(LayerPaths.normalise(name.substring(0, name.indexOf(" -> "))), name.substring(name.indexOf(" -> ") + 4));
                    default -> { }
                }
            }

            RecordingTestAnalyzer everything = new RecordingTestAnalyzer("all", (path, size) -> true);
            LayerAnalysis analysis;
            try (InputStream in = Files.newInputStream(layer)) {
                analysis = new LayerWalker(List.of(everything), LayerLimits.DEFAULT, JvmTempDirectory.get()).walk(in, format, null);
            }

            regular.removeIf(path -> path.substring(path.lastIndexOf('/') + 1).startsWith(".wh."));
            assertEquals(regular, analysis.files().keySet(), format);
            assertEquals(links, analysis.links(), format);
            assertEquals(Set.of("etc/motd"), analysis.whiteouts(), format);
            assertEquals(Set.of("opt/app"), analysis.opaqueDirs(), format);
        }
    }
}
