package io.portcullis.inventory.dpkg;

import io.portcullis.inventory.analyzer.AnalyzedFile;
import io.portcullis.inventory.analyzer.Analyzer;
import io.portcullis.inventory.analyzer.FileAnalysis;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which paths each Debian package installed, so application packages inside them (Debian's
 * python3-requests is a Debian package first) are known to be OS-owned. Reads dpkg's
 * {@code info/NAME.list} (one absolute path per line, directories included) and, in distroless
 * images that have no info/, {@code status.d/NAME.md5sums} ("md5, two spaces, relative path";
 * regular files only). Also under {@code usr/lib/dpkg/}, as {@link DpkgStatusAnalyzer} reads.
 * The owner is the file name without its suffix and without a multi-arch {@code :arch}
 * qualifier, i.e. the package name as the status file spells it.
 */
public final class DpkgFileListAnalyzer implements Analyzer {

    public static final String ID = "dpkg-files";

    private static final List<String> ROOTS = List.of("var/lib/dpkg/", "usr/lib/dpkg/");
    private static final String LIST_DIR = "info/";
    private static final String LIST_SUFFIX = ".list";
    private static final String MD5SUMS_DIR = "status.d/";
    private static final String MD5SUMS_SUFFIX = ".md5sums";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public int version() {
        return 1;
    }

    @Override
    public boolean accepts(String path, long size) {
        for (String root : ROOTS) {
            if (path.startsWith(root)) {
                String rest = path.substring(root.length());
                return isDirectChild(rest, LIST_DIR, LIST_SUFFIX) || isDirectChild(rest, MD5SUMS_DIR, MD5SUMS_SUFFIX);
            }
        }
        return false;
    }

    private static boolean isDirectChild(String rest, String dir, String suffix) {
        return rest.startsWith(dir) && rest.endsWith(suffix) && rest.length() > dir.length() + suffix.length()
                && rest.indexOf('/', dir.length()) < 0;
    }

    @Override
    public FileAnalysis analyze(AnalyzedFile file) throws IOException {
        String path = file.path();
        boolean md5sums = path.endsWith(MD5SUMS_SUFFIX);
        Set<String> owned = new TreeSet<>();
        int badLines = 0;
        int firstBadLine = 0;
        BufferedReader reader = new BufferedReader(new InputStreamReader(file.content(), StandardCharsets.UTF_8));
        String line;
        int number = 0;
        while ((line = reader.readLine()) != null) {
            number++;
            String ownedPath = md5sums ? md5sumsPath(line) : listPath(line);
            if (ownedPath == null) {
                if (badLines++ == 0) {
                    firstBadLine = number;
                }
            } else if (!ownedPath.isEmpty()) {
                owned.add(ownedPath);
            }
        }
        List<String> warnings = new ArrayList<>();
        if (badLines > 0) {
            warnings.add(path + " line " + firstBadLine + ": not " + (md5sums ? "\"MD5  path\"" : "an absolute path")
                    + (badLines > 1 ? " (" + badLines + " such lines ignored)" : "; ignored"));
        }
        return new FileAnalysis(List.of(), null, warnings, Map.of(owner(path), owned));
    }

    /** "/usr/bin/x" → "usr/bin/x"; "/." (the root, first line of every list) → ""; a blank line → ""; else null. */
    private static String listPath(String line) {
        if (line.isEmpty()) {
            return "";
        }
        if (!line.startsWith("/")) {
            return null;
        }
        return line.equals("/.") ? "" : stripSlashes(line);
    }

    /** "d41d8cd98f00b204e9800998ecf8427e  usr/bin/x" → "usr/bin/x"; a blank line → ""; else null. */
    private static String md5sumsPath(String line) {
        if (line.isEmpty()) {
            return "";
        }
        int separator = line.indexOf("  ");
        if (separator != 32 || line.length() == separator + 2) {
            return null;
        }
        return stripSlashes(line.substring(separator + 2));
    }

    private static String stripSlashes(String path) {
        int start = 0;
        int end = path.length();
        while (start < end && path.charAt(start) == '/') {
            start++;
        }
        while (end > start && path.charAt(end - 1) == '/') {
            end--;
        }
        return path.substring(start, end);
    }

    /** "var/lib/dpkg/info/libc6:amd64.list" → "libc6". */
    private static String owner(String path) {
        String fileName = path.substring(path.lastIndexOf('/') + 1);
        String name = fileName.substring(0, fileName.lastIndexOf('.'));
        int arch = name.indexOf(':');
        return arch < 0 ? name : name.substring(0, arch);
    }
}
