package io.portcullis.inventory.ruby;

import io.portcullis.inventory.analyzer.AnalyzedFile;
import io.portcullis.inventory.analyzer.Analyzer;
import io.portcullis.inventory.analyzer.FileAnalysis;
import io.portcullis.inventory.Location;
import io.portcullis.inventory.Package;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Installed Ruby gems: the {@code specifications/*.gemspec} files RubyGems writes at install time.
 * Those are generated Ruby with one assignment per line, so reading the assignments is exact
 * without evaluating Ruby.
 */
public final class GemspecAnalyzer implements Analyzer {

    private static final Pattern NAME = Pattern.compile("^\\s*\\w+\\.name\\s*=\\s*[\"']([^\"']+)[\"']", Pattern.MULTILINE);
    private static final Pattern VERSION = Pattern.compile(
            "^\\s*\\w+\\.version\\s*=\\s*(?:Gem::Version\\.new\\(\\s*)?[\"']([^\"']+)[\"']", Pattern.MULTILINE);
    private static final Pattern LICENSES = Pattern.compile("^\\s*\\w+\\.licenses?\\s*=\\s*(.+)$", Pattern.MULTILINE);
    private static final Pattern QUOTED = Pattern.compile("[\"']([^\"']+)[\"']");
    private static final int MAX_BYTES = 1 << 20;

    @Override
    public String id() {
        return "ruby-gemspec";
    }

    @Override
    public int version() {
        return 1;
    }

    @Override
    public boolean accepts(String path, long size) {
        return path.endsWith(".gemspec") && path.contains("/specifications/");
    }

    @Override
    public FileAnalysis analyze(AnalyzedFile file) throws IOException {
        // ISO-8859-1 keeps every byte: descriptions may hold any encoding, names and versions are ASCII.
        String spec = new String(file.content().readNBytes(MAX_BYTES), StandardCharsets.ISO_8859_1);
        Matcher name = NAME.matcher(spec);
        Matcher version = VERSION.matcher(spec);
        if (!name.find() || !version.find()) {
            return FileAnalysis.warning(file.path() + ": gemspec without a name or version assignment");
        }
        return FileAnalysis.packages(List.of(new Package("gem", name.group(1), version.group(1), null, null, null,
                List.of(new Location(null, file.path())), id(), licenses(spec), null)));
    }

    private static List<String> licenses(String spec) {
        List<String> licenses = new ArrayList<>();
        Matcher line = LICENSES.matcher(spec);
        if (line.find()) {
            Matcher quoted = QUOTED.matcher(line.group(1));
            while (quoted.find()) {
                licenses.add(quoted.group(1));
            }
        }
        return licenses;
    }
}
