package io.portcullis.vulndb;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Serialises builds of one DB file: an OS file lock on {@code <db>.lock} for other processes, plus an
 * in-process lock because the JVM refuses a second lock on the same file from one process.
 * The lock file is never deleted: removing it would let a waiting process lock an orphaned inode.
 */
final class DbLock implements AutoCloseable {

    private static final Map<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

    private final ReentrantLock threadLock;
    private final FileChannel channel;
    private final FileLock fileLock;
    private final boolean waited;

    private DbLock(ReentrantLock threadLock, FileChannel channel, FileLock fileLock, boolean waited) {
        this.threadLock = threadLock;
        this.channel = channel;
        this.fileLock = fileLock;
        this.waited = waited;
    }

    /** Blocks until this process holds the lock of {@code database}, running {@code beforeWaiting} once if it must wait. */
    static DbLock acquire(Path database, Runnable beforeWaiting) throws IOException {
        Path lockFile = database.resolveSibling(database.getFileName() + ".lock").toAbsolutePath().normalize();
        ReentrantLock threadLock = IN_PROCESS.computeIfAbsent(lockFile, p -> new ReentrantLock());
        boolean waited = !threadLock.tryLock();
        if (waited) {
            beforeWaiting.run();
            threadLock.lock();
        }
        try {
            FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock fileLock = channel.tryLock();
            if (fileLock == null) {
                if (!waited) {
                    beforeWaiting.run();
                }
                waited = true;
                fileLock = channel.lock();
            }
            return new DbLock(threadLock, channel, fileLock, waited);
        } catch (IOException | RuntimeException e) {
            threadLock.unlock();
            throw e;
        }
    }

    /** True when another build held the lock and this one had to wait. */
    boolean waited() {
        return waited;
    }

    @Override
    public void close() throws IOException {
        try {
            fileLock.release();
            channel.close();
        } finally {
            threadLock.unlock();
        }
    }
}
