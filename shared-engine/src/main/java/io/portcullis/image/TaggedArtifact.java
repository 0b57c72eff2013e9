package io.portcullis.image;

import java.io.IOException;

/** One manifest found under a tag by {@link TaggedArtifacts}, with access to its (small) blobs. */
public interface TaggedArtifact {

    String tag();

    /** The manifest's sha256 digest. */
    Digest digest();

    ImageManifest manifest();

    /**
     * The bytes of one of the manifest's blobs, checked against the descriptor's digest and size.
     *
     * @throws IOException unreadable, larger than {@code maxBytes}, or not the bytes the descriptor names
     */
    byte[] blob(Descriptor blob, int maxBytes) throws IOException;
}
