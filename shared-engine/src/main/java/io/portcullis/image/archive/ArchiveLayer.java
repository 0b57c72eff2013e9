package io.portcullis.image.archive;

import io.portcullis.image.Digest;
import io.portcullis.image.Layer;
import io.portcullis.image.DigestVerifyingInputStream;

import java.io.InputStream;

/** A layer stored as an entry of a docker-archive, checked against {@code expected} while it is read. */
record ArchiveLayer(TarArchive archive, TarArchive.Entry entry, String digest, String diffId, String mediaType, Digest expected)
        implements Layer {

    @Override
    public InputStream open() {
        return new DigestVerifyingInputStream(archive.open(entry), expected, entry.size(),
                archive.file() + " (" + entry.name() + ")");
    }
}
