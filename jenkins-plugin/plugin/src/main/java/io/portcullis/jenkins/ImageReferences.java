package io.portcullis.jenkins;

/** The registry an image reference points at, as the engine keys credentials: "docker.io" for Docker Hub names. */
final class ImageReferences {
    private ImageReferences() {
    }

    static String registry(String reference) {
        int slash = reference.indexOf('/');
        if (slash < 0) {
            return "docker.io";
        }
        String first = reference.substring(0, slash);
        return first.contains(".") || first.contains(":") || first.equals("localhost") ? first.toLowerCase(java.util.Locale.ROOT) : "docker.io";
    }
}
