package io.portcullis.image.archive;

/** Compares image names the way users write them: "alpine" means "docker.io/library/alpine:latest". */
final class RepoTags {

    private RepoTags() {
    }

    static String normalise(String reference) {
        String name = reference;
        for (String prefix : new String[] {"docker.io/", "index.docker.io/", "registry-1.docker.io/"}) {
            if (name.startsWith(prefix)) {
                name = name.substring(prefix.length());
                break;
            }
        }
        if (name.startsWith("library/") && name.indexOf('/', "library/".length()) < 0) {
            name = name.substring("library/".length());
        }
        int lastSlash = name.lastIndexOf('/');
        if (name.indexOf(':', lastSlash + 1) < 0 && !name.contains("@")) {
            name = name + ":latest";
        }
        return name;
    }
}
