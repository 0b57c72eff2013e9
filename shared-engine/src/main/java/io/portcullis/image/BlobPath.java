package io.portcullis.image;

/** Where an OCI image layout (and a Docker 25+ docker save) keeps a blob: {@code blobs/<algorithm>/<hex>}. */
public final class BlobPath {

    private BlobPath() {
    }

    /** Safe to resolve under the layout root: a parsed {@link Digest} holds only [a-z0-9] and hex. */
    public static String of(Digest digest) {
        return "blobs/" + digest.algorithm() + "/" + digest.hex();
    }
}
