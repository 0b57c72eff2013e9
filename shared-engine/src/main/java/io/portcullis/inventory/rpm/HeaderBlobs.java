package io.portcullis.inventory.rpm;

import java.io.IOException;
import java.nio.file.Path;

/** One rpm database format: hands each stored package header blob, in storage order, to a sink. */
interface HeaderBlobs {

    /** Receives one header blob; a blob the sink cannot parse does not stop the reading. */
    interface Sink {
        void accept(byte[] blob);
    }

    void read(Path database, Sink sink) throws IOException, CorruptDatabaseException;
}
