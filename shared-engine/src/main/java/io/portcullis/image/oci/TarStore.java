package io.portcullis.image.oci;

import io.portcullis.InputException;
import io.portcullis.image.archive.TarArchive;

import java.io.IOException;
import java.io.InputStream;

/** A layout packed in a tar (plain or gzipped), read through the archive's entry index. */
final class TarStore implements LayoutStore {

    private final TarArchive archive;

    TarStore(TarArchive archive) {
        this.archive = archive;
    }

    @Override
    public String name() {
        return archive.file().toString();
    }

    @Override
    public long size(String path) {
        return archive.find(path).map(TarArchive.Entry::size).orElse(-1L);
    }

    @Override
    public InputStream open(String path) {
        TarArchive.Entry entry = archive.find(path).orElseThrow(() -> new InputException(name() + ": " + path + " is missing"));
        return archive.open(entry);
    }

    @Override
    public void close() throws IOException {
        archive.close();
    }
}
