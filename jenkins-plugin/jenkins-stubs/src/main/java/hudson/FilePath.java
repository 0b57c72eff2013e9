package hudson;

import hudson.remoting.VirtualChannel;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.nio.file.Files;
import org.jenkinsci.remoting.RoleSensitive;
import org.jenkinsci.remoting.SerializableOnlyOverRemoting;

public final class FilePath implements SerializableOnlyOverRemoting {
    private static final long serialVersionUID = 1L;

    private final String remote;

    public FilePath(File localPath) {
        this.remote = localPath.getPath();
    }

    public FilePath(FilePath base, String rel) {
        this.remote = new File(base.remote, rel).getPath();
    }

    public String getRemote() {
        return remote;
    }

    public FilePath child(String relOrAbsolute) {
        File f = new File(relOrAbsolute);
        return f.isAbsolute() ? new FilePath(f) : new FilePath(this, relOrAbsolute);
    }

    public String getName() {
        return new File(remote).getName();
    }

    public boolean exists() throws IOException, InterruptedException {
        return new File(remote).exists();
    }

    public void mkdirs() throws IOException, InterruptedException {
        File dir = new File(remote);
        if (!dir.isDirectory() && !dir.mkdirs()) {
            throw new IOException("Failed to mkdirs: " + remote);
        }
    }

    public InputStream read() throws IOException, InterruptedException {
        return Files.newInputStream(new File(remote).toPath());
    }

    public boolean isRemote() {
        return false;
    }

    /**
     * As on an agent: the callable and its result cross a Java-serialisation boundary, so anything that
     * would not survive remoting fails here too.
     */
    public <T> T act(FileCallable<T> callable) throws IOException, InterruptedException {
        FileCallable<T> onAgent = roundTrip(callable);
        T result = onAgent.invoke(new File(remote), null);
        return result instanceof Serializable || result == null ? roundTrip(result) : result;
    }

    @SuppressWarnings("unchecked")
    private static <X> X roundTrip(X value) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (X) in.readObject();
        } catch (ClassNotFoundException e) {
            throw new IOException(e);
        }
    }

    @Override
    public String toString() {
        return remote;
    }

    public static interface FileCallable<T> extends Serializable, RoleSensitive {
        T invoke(File f, VirtualChannel channel) throws IOException, InterruptedException;
    }
}
