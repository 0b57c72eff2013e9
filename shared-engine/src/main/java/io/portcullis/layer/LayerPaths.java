package io.portcullis.layer;

/**
 * Turns tar entry names and link targets into paths relative to the image root ("usr/bin/env"),
 * or says they climb above it. Names are resolved lexically only: symlinks are never followed.
 */
final class LayerPaths {

    private LayerPaths() {
    }

    /**
     * The root-relative form of {@code name}: leading "/" and "./" dropped, "." and empty segments
     * removed, ".." applied; "" for the root itself; null when ".." climbs above the root.
     */
    static String normalise(String name) {
        if (isClean(name)) {
            return name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
        }
        String[] segments = name.split("/");
        String[] kept = new String[segments.length];
        int depth = 0;
        for (String segment : segments) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                if (depth == 0) {
                    return null;
                }
                depth--;
            } else {
                kept[depth++] = segment;
            }
        }
        return String.join("/", java.util.Arrays.asList(kept).subList(0, depth));
    }

    /**
     * Whether a relative symlink target, resolved against the directory holding the link, climbs
     * above the root. Absolute targets never do: in an image they are resolved inside the root.
     */
    static boolean climbsAboveRoot(String linkPath, String target) {
        if (target.startsWith("/")) {
            return false;
        }
        String parent = parent(linkPath);
        return normalise(parent.isEmpty() ? target : parent + "/" + target) == null;
    }

    static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }

    static String child(String dir, String name) {
        return dir.isEmpty() ? name : dir + "/" + name;
    }

    /** The common case, needing no copy: no leading "/", no "." / ".." / empty segment (a trailing "/" is allowed). */
    private static boolean isClean(String name) {
        int length = name.endsWith("/") ? name.length() - 1 : name.length();
        if (length <= 0) {
            return false;
        }
        int segmentStart = 0;
        for (int i = 0; i <= length; i++) {
            if (i == length || name.charAt(i) == '/') {
                int segmentLength = i - segmentStart;
                if (segmentLength == 0
                        || (segmentLength == 1 && name.charAt(segmentStart) == '.')
                        || (segmentLength == 2 && name.charAt(segmentStart) == '.' && name.charAt(segmentStart + 1) == '.')) {
                    return false;
                }
                segmentStart = i + 1;
            }
        }
        return true;
    }
}
