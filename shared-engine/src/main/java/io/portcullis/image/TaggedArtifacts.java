package io.portcullis.image;

import java.io.IOException;
import java.util.Optional;

/**
 * The manifests kept beside an image under tags of their own, where its source has such a place: the registry
 * repository it was pulled from, or the OCI layout it was read from. Cosign stores an image's signatures this way,
 * under the tag {@code sha256-<hex>.sig}. Valid while the image is open.
 */
public interface TaggedArtifacts {

    /**
     * The manifest tagged {@code tag}, verified against its digest; empty when there is no such tag.
     *
     * @throws IOException the tag could not be looked up (network, authentication, a damaged manifest)
     */
    Optional<TaggedArtifact> find(String tag) throws IOException;

    /** Where the tags live, for messages: "127.0.0.1:5000/team/app", "oci:/path/layout". */
    String location();
}
