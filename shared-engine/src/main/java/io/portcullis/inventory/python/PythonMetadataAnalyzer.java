package io.portcullis.inventory.python;

import io.portcullis.inventory.analyzer.AnalyzedFile;
import io.portcullis.inventory.analyzer.Analyzer;
import io.portcullis.inventory.analyzer.FileAnalysis;
import io.portcullis.inventory.Location;
import io.portcullis.inventory.Package;

import java.io.IOException;
import java.util.List;
import java.util.Locale;

/**
 * Installed Python distributions: {@code *.dist-info/METADATA} (wheels), {@code *.egg-info/PKG-INFO},
 * {@code EGG-INFO/PKG-INFO} and single-file {@code *.egg-info} (eggs, distutils).
 */
public final class PythonMetadataAnalyzer implements Analyzer {

    @Override
    public String id() {
        return "python-metadata";
    }

    @Override
    public int version() {
        return 1;
    }

    @Override
    public boolean accepts(String path, long size) {
        String lower = path.toLowerCase(Locale.ROOT);
        if (lower.endsWith("/metadata")) {
            return parentName(lower).endsWith(".dist-info");
        }
        if (lower.endsWith("/pkg-info")) {
            String parent = parentName(lower);
            return parent.endsWith(".egg-info") || parent.equals("egg-info");
        }
        return lower.endsWith(".egg-info");
    }

    private static String parentName(String path) {
        int end = path.lastIndexOf('/');
        return path.substring(path.lastIndexOf('/', end - 1) + 1, end);
    }

    @Override
    public FileAnalysis analyze(AnalyzedFile file) throws IOException {
        CoreMetadata metadata = CoreMetadata.read(file.content());
        String name = metadata.first("Name");
        String version = metadata.first("Version");
        if (name == null || name.isBlank() || version == null || version.isBlank()) {
            return FileAnalysis.warning(file.path() + ": Python metadata without Name or Version");
        }
        List<String> warnings = metadata.decodedAsLatin1()
                ? List.of(file.path() + ": not valid UTF-8, read as ISO-8859-1")
                : List.of();
        Package pkg = new Package("pypi", name.trim(), version.trim(), null, null, null,
                List.of(new Location(null, file.path())), id(), metadata.licenses(), null);
        return new FileAnalysis(List.of(pkg), null, warnings);
    }
}
