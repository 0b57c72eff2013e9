package io.portcullis.inventory.java;

import io.portcullis.inventory.analyzer.AnalyzedFile;
import io.portcullis.inventory.analyzer.Analyzer;
import io.portcullis.inventory.analyzer.FileAnalysis;
import io.portcullis.inventory.Package;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Java archives (jar, war, ear, par, Jenkins hpi/jpi), nested to any depth. Memory stays bounded
 * whatever the archive's size: large archives are spooled to a temporary file (see {@link ArchiveReader}).
 */
public final class JavaArchiveAnalyzer implements Analyzer {

    static final Set<String> ARCHIVE_EXTENSIONS = Set.of(".jar", ".war", ".ear", ".par", ".hpi", ".jpi");

    private final ArchiveLimits limits;

    public JavaArchiveAnalyzer() {
        this(ArchiveLimits.DEFAULT);
    }

    public JavaArchiveAnalyzer(ArchiveLimits limits) {
        this.limits = limits;
    }

    @Override
    public String id() {
        return "java-archive";
    }

    @Override
    public int version() {
        return 2;
    }

    @Override
    public boolean accepts(String path, long size) {
        return isArchiveName(path);
    }

    static boolean isArchiveName(String path) {
        int dot = path.lastIndexOf('.');
        return dot >= 0 && ARCHIVE_EXTENSIONS.contains(path.substring(dot).toLowerCase(Locale.ROOT));
    }

    @Override
    public FileAnalysis analyze(AnalyzedFile file) throws IOException {
        List<Package> packages = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        try {
            new ArchiveReader(id(), limits, file.nestedArchives(), packages, warnings, file.tempDirectory()).read(file.path(), file.content(), file.size(), 0);
        } catch (ArchiveBombException e) {
            warnings.add(e.getMessage() + "; rest of the archive not read");
        }
        return new FileAnalysis(packages, null, warnings);
    }
}
