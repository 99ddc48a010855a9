package nl.bronsein.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Arrays;

/**
 * What a durable commit waits for on this disk, while the load runs: every {@code interval} a small write and an
 * {@code fdatasync} ({@link FileChannel#force(boolean) force(false)} on Linux) to a file beside the databases, timed.
 * A PostgreSQL commit with {@code synchronous_commit=on} waits for one such flush of its WAL (shared between
 * concurrent commits), so a stall here is a stall of every commit on the server at that moment; H2 does not sync on
 * commit, so on H2 it is only the disk's state. The probe adds one small sync per interval to the disk's load.
 */
final class DiskSyncProbe implements AutoCloseable {

    private static final int BLOCK = 8 * 1024;

    private final FileChannel file;
    private final Path path;
    private final Duration interval;
    private final Thread thread;
    private long[] samples = new long[1024];
    private int count;
    private volatile boolean running = true;
    private volatile IOException failure;

    private DiskSyncProbe(Path dir, Duration interval) throws IOException {
        Files.createDirectories(dir);
        this.path = dir.resolve("disk-sync-probe");
        this.file = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        this.interval = interval;
        this.thread = new Thread(this::probe, "disk-sync-probe");
        this.thread.setDaemon(true);
    }

    /** Starts probing a directory on the databases' file system. */
    static DiskSyncProbe start(Path dir, Duration interval) {
        try {
            DiskSyncProbe probe = new DiskSyncProbe(dir, interval);
            probe.thread.start();
            return probe;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot probe the disk in " + dir, e);
        }
    }

    private void probe() {
        ByteBuffer block = ByteBuffer.allocate(BLOCK);
        long position = 0;
        try {
            while (running) {
                block.clear();
                long before = System.nanoTime();
                // overwrite the same few blocks, so the file stays small and each sync flushes new data
                file.write(block, position);
                file.force(false);
                record(System.nanoTime() - before);
                position = (position + BLOCK) % (64 * BLOCK);
                Thread.sleep(interval.toMillis());
            }
        } catch (IOException e) {
            failure = e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private synchronized void record(long nanos) {
        if (count == samples.length) {
            samples = Arrays.copyOf(samples, count * 2);
        }
        samples[count++] = nanos;
    }

    /** Stops probing and returns the sync times measured. */
    Percentiles stop() {
        running = false;
        try {
            thread.join(Duration.ofSeconds(30).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (failure != null) {
            throw new UncheckedIOException("the disk probe failed", failure);
        }
        synchronized (this) {
            return Percentiles.of(Arrays.copyOf(samples, count));
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            file.close();
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
