package io.portcullis.secret;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.Set;

/**
 * Secrets the user says are not secrets: paths (globs over the root-relative path, {@code **} crosses
 * directories, a leading {@code /} is ignored) and rule ids. Unlike an ignore entry, an allowed match
 * is not reported at all. Applied after the layer cache, so changing it needs no rescan.
 */
public final class SecretAllowList {
    private static final SecretAllowList NONE = new SecretAllowList(List.of(), Set.of());

    private final List<String> pathGlobs;
    private final Set<String> ruleIds;
    private final List<PathMatcher> matchers;

    public SecretAllowList(List<String> pathGlobs, Set<String> ruleIds) {
        this.pathGlobs = List.copyOf(pathGlobs);
        this.ruleIds = Set.copyOf(ruleIds);
        this.matchers = this.pathGlobs.stream()
                .map(glob -> FileSystems.getDefault().getPathMatcher("glob:" + (glob.startsWith("/") ? glob.substring(1) : glob)))
                .toList();
    }

    public static SecretAllowList none() {
        return NONE;
    }

    public SecretAllowList and(SecretAllowList other) {
        List<String> globs = new java.util.ArrayList<>(pathGlobs);
        globs.addAll(other.pathGlobs);
        Set<String> ids = new java.util.HashSet<>(ruleIds);
        ids.addAll(other.ruleIds);
        return new SecretAllowList(globs, ids);
    }

    public List<String> pathGlobs() {
        return pathGlobs;
    }

    public Set<String> ruleIds() {
        return ruleIds;
    }

    public boolean allows(String path, String ruleId) {
        if (ruleIds.contains(ruleId)) {
            return true;
        }
        Path asPath = Path.of(path);
        return matchers.stream().anyMatch(matcher -> matcher.matches(asPath));
    }
}
