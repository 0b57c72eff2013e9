package io.portcullis.kubernetes;

import io.portcullis.InputException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The manifest files behind what a user named: a file as it is, a directory as every {@code .yaml}, {@code .yml}
 * and {@code .json} file under it (sorted, symbolic links not followed), and for the CI front ends a glob
 * ({@code deploy/**}{@code /*.yaml}) relative to the workspace. Naming something that holds no manifest is an
 * error: a typo in a path must not pass the gate with nothing checked. What a CI front end matches must stay
 * inside its workspace, symbolic links included.
 */
public final class ManifestFiles {
    private ManifestFiles() {
    }

    /** Files and directories as given on a command line. */
    public static List<Path> expand(List<Path> named) {
        Set<Path> files = new LinkedHashSet<>();
        for (Path path : named) {
            if (Files.isDirectory(path)) {
                List<Path> found = underDirectory(path);
                if (found.isEmpty()) {
                    throw new InputException(path + ": no .yaml, .yml or .json file in this directory");
                }
                files.addAll(found);
            } else if (Files.isRegularFile(path)) {
                files.add(path);
            } else {
                throw new InputException(path + ": no such manifest file or directory");
            }
        }
        return List.copyOf(files);
    }

    /**
     * The files under {@code base} matching any of the patterns (comma- or newline-separated globs, {@code **}
     * crossing directories; a pattern naming a directory means the manifests under it). Paths come back relative
     * to {@code base}'s own form ({@code base.resolve(match)}).
     *
     * @throws InputException a pattern that is absolute, climbs with {@code ..}, matches nothing, or a match that
     *     is a symbolic link (or lies under one) leading out of {@code base}
     */
    public static List<Path> matching(Path base, String patterns) {
        Set<Path> files = new LinkedHashSet<>();
        for (String raw : patterns.split("[,\\n]")) {
            String pattern = raw.trim();
            if (pattern.isEmpty()) {
                continue;
            }
            if (pattern.startsWith("/") || pattern.contains("..")) {
                throw new InputException("manifests pattern '" + pattern + "' must stay inside the workspace (relative, no '..')");
            }
            Path named = base.resolve(pattern);
            if (!pattern.contains("*") && !pattern.contains("?") && !pattern.contains("[") && !pattern.contains("{")) {
                files.addAll(expand(List.of(named)));
                continue;
            }
            PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
            List<Path> found = walk(base).stream().filter(f -> matcher.matches(base.relativize(f))).toList();
            if (found.isEmpty()) {
                throw new InputException("manifests pattern '" + pattern + "' matches no file under " + base);
            }
            files.addAll(found);
        }
        if (files.isEmpty()) {
            throw new InputException("no manifests pattern given");
        }
        Path root = realPath(base);
        for (Path file : files) {
            if (!realPath(file).startsWith(root)) {
                // A checked-out repository can hold a link to any file the agent can read; its contents would reach the reports.
                throw new InputException("manifest " + base.relativize(file) + " is a symbolic link out of the workspace");
            }
        }
        return List.copyOf(files);
    }

    private static Path realPath(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            throw new InputException(path + ": cannot resolve: " + e.getMessage(), e);
        }
    }

    private static List<Path> underDirectory(Path directory) {
        return walk(directory).stream().filter(ManifestFiles::isManifestName).toList();
    }

    private static boolean isManifestName(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json");
    }

    private static List<Path> walk(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            List<Path> files = new ArrayList<>(paths.filter(Files::isRegularFile).toList());
            files.sort(null);
            return files;
        } catch (IOException | UncheckedIOException e) {
            throw new InputException(directory + ": cannot list: " + e.getMessage(), e);
        }
    }
}
