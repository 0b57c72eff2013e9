package io.portcullis.image.archive;

import io.portcullis.image.Digest;
import io.portcullis.image.DigestVerifyingInputStream;
import io.portcullis.image.Layer;

import java.io.InputStream;

/** A layer stored as an entry of a docker-archive, checked against {@code stored} while it is read. */
record ArchiveLayer(TarArchive archive, TarArchive.Entry entry, Digest stored, String diffId, String mediaType) implements Layer {

    @Override
    public String digest() {
        return stored.toString();
    }

    @Override
    public InputStream open() {
        return new DigestVerifyingInputStream(archive.open(entry), stored, entry.size(), archive.file() + " (" + entry.name() + ")");
    }
}
