package io.portcullis.image;

import io.portcullis.InputException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Documents in the shapes of the Docker "Image Manifest V2, Schema 2" and schema 1 specifications' examples. */
class ManifestTest {

    private static final String MANIFEST_LIST = """
            {
              "schemaVersion": 2,
              "mediaType": "application/vnd.docker.distribution.manifest.list.v2+json",
              "manifests": [
                {
                  "mediaType": "application/vnd.docker.distribution.manifest.v2+json",
                  "size": 7143,
                  "digest": "sha256:e692418e4cbaf90ca69d05a66403747baa33ee08806650b51fab815ad7fc331f",
                  "platform": { "architecture": "ppc64le", "os": "linux" }
                },
                {
                  "mediaType": "application/vnd.docker.distribution.manifest.v2+json",
                  "size": 7682,
                  "digest": "sha256:5b0bcabd1ed22e9fb1310cf6c2dec7cdef19f0ad69efa1f392e94a4333501270",
                  "platform": { "architecture": "amd64", "os": "linux", "features": [ "sse4" ] }
                }
              ]
            }""";

    private static final String SCHEMA_1 = """
            {
               "name": "hello-world",
               "tag": "latest",
               "architecture": "amd64",
               "fsLayers": [
                  { "blobSum": "sha256:5f70bf18a086007016e948b04aed3b82103a36bea41755b6cddfaf10ace3c6ef" }
               ],
               "history": [ { "v1Compatibility": "{}" } ],
               "schemaVersion": 1
            }""";

    @Test
    void readsADockerManifestList() {
        Manifest manifest = Manifest.parse(bytes(MANIFEST_LIST), null, "docker.io/library/x:1");
        ImageIndex index = assertInstanceOf(ImageIndex.class, manifest);
        assertEquals(2, index.manifests().size());
        assertEquals(new Platform("linux", "amd64", null), index.manifests().get(1).platform());
        assertEquals(7682, index.manifests().get(1).size());
        assertEquals("sha256:5b0bcabd1ed22e9fb1310cf6c2dec7cdef19f0ad69efa1f392e94a4333501270", index.manifests().get(1).digest().toString());
    }

    @Test
    void rejectsSchema1NamingItsMediaType() {
        InputException e = assertThrows(InputException.class, () -> Manifest.parse(bytes(SCHEMA_1),
                "application/vnd.docker.distribution.manifest.v1+prettyjws", "docker.io/library/hello-world:latest"));
        assertEquals("unsupported manifest media type 'application/vnd.docker.distribution.manifest.v1+prettyjws' for "
                + "docker.io/library/hello-world:latest: expected an OCI image index or manifest, or a Docker v2 manifest list"
                + " or schema 2 manifest", e.getMessage());
    }

    @Test
    void anOciManifestWithoutMediaTypeIsKnownByItsShape() {
        String manifest = """
                {"schemaVersion":2,"config":{"mediaType":"application/vnd.oci.image.config.v1+json",
                "digest":"sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855","size":0},"layers":[]}""";
        assertInstanceOf(ImageManifest.class, Manifest.parse(bytes(manifest), "application/json", "x"));
    }

    @Test
    void aDescriptorWhoseDigestIsNotContentAddressIsRejected() {
        String manifest = """
                {"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json",
                "config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"sha256:../../v2/other","size":2},"layers":[]}""";
        InputException e = assertThrows(InputException.class,
                () -> Manifest.parse(bytes(manifest), null, "reg.example/x:1"));
        assertEquals("manifest of reg.example/x:1: invalid or unsupported digest 'sha256:../../v2/other'"
                + " (expected sha256:<64 hex> or sha512:<128 hex>)", e.getMessage());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
