package io.portcullis.inventory.golang;

import io.portcullis.inventory.analyzer.AnalyzedFile;
import io.portcullis.inventory.analyzer.Analyzer;
import io.portcullis.inventory.analyzer.ExecutableCandidate;
import io.portcullis.inventory.analyzer.FileAnalysis;
import io.portcullis.inventory.Location;
import io.portcullis.inventory.Package;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Go executables: the build info the Go linker embeds (Go version, main module, dependency modules
 * with replacements), read from the ELF file without running it.
 *
 * <p>Which files are looked at: regular files without an extension of at least {@link #MIN_SIZE}
 * bytes. The walker does not pass the executable bit, and even the smallest Go program is larger
 * than this, so scripts and small binaries are never read.
 */
public final class GoBinaryAnalyzer implements Analyzer {

    static final long MIN_SIZE = 512 * 1024;
    private static final ExecutableCandidate CANDIDATE = new ExecutableCandidate(MIN_SIZE);

    @Override
    public String id() {
        return "go-binary";
    }

    @Override
    public int version() {
        return 1;
    }

    @Override
    public boolean accepts(String path, long size) {
        return CANDIDATE.accepts(path, size);
    }

    @Override
    public FileAnalysis analyze(AnalyzedFile file) throws IOException {
        GoBuildInfo info;
        try {
            info = GoBuildInfo.read(file.content());
        } catch (NotGoBinaryException e) {
            return FileAnalysis.EMPTY;
        } catch (MalformedBinaryException e) {
            return FileAnalysis.warning(file.path() + ": " + e.getMessage());
        }
        List<Location> at = List.of(new Location(null, file.path()));
        List<Package> packages = new ArrayList<>();
        packages.add(new Package("golang", "stdlib", info.stdlibVersion(), null, null, null, at, id(), List.of(),
                Map.of("goVersion", info.goVersion())));
        for (GoModule module : info.modules()) {
            Map<String, String> properties = module.replaces() == null
                    ? Map.of("role", module.role())
                    : Map.of("role", module.role(), "replaces", module.replaces());
            packages.add(new Package("golang", module.path(), module.version(), null, null, null, at, id(), List.of(), properties));
        }
        return FileAnalysis.packages(packages);
    }
}
