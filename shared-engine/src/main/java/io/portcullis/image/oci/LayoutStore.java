package io.portcullis.image.oci;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;

/** The files of an OCI image layout, wherever they are kept (a directory or a tar). */
interface LayoutStore extends Closeable {

    /** The layout as the user named it, for messages. */
    String name();

    /** Size of the file at {@code path} (relative, "/"-separated), or -1 when it is absent. */
    long size(String path);

    InputStream open(String path) throws IOException;
}
