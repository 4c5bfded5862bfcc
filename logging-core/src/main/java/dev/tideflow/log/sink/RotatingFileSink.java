package dev.tideflow.log.sink;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;

/**
 * A file sink that rotates by size and by time, archives rotated segments in the background, and keeps a
 * retention policy, without ever losing a line:
 * <ul>
 *   <li>Writes and rotations run under one lock, so a write never meets a closed file: it goes entirely to the
 *   old file or entirely to the new one. Batches are cut only after a newline, so a line is never split.</li>
 *   <li>Rotation itself is cheap (fsync, rename, open); compression, checksums and retention run on the
 *   {@link ArchiveWorker} thread, never on the thread that writes.</li>
 *   <li>Time rotation is driven by that thread's timer, so an idle file still rotates on schedule.</li>
 *   <li>Start-up recovery ({@link Archiver#recover}) finishes or discards whatever a crash left behind.</li>
 *   <li>A failed write is retried with exponential backoff (reopening the file); only when every retry failed are
 *   the bytes counted as lost and reported.</li>
 * </ul>
 */
public final class RotatingFileSink implements Sink {

    private final FileSinkConfig config;
    private final SegmentNames names;
    private final Archiver archiver;
    private final ArchiveWorker worker;
    private final ReentrantLock lock = new ReentrantLock();
    private FileChannel channel;
    private long size;
    private long nextIndex;
    private long nextTimeRotation;
    private long rotationRetryAt;
    private boolean closed;
    // Written under the lock, read without it, so stats never wait behind a write.
    private volatile long bytesWritten;
    private volatile long rotations;
    private volatile long writeRetries;
    private volatile long lostBytes;

    private RotatingFileSink(FileSinkConfig config) {
        this.config = config;
        this.names = new SegmentNames(config.directory(), config.fileName());
        this.archiver = new Archiver(names, config.codec(), config.checksums());
        this.worker = new ArchiveWorker("tideflow-log-archiver-" + config.fileName(), config.queueCapacity(),
                this::rotateIfDue, config.tickInterval().toNanos(), config.retry(), config.errorHandler());
    }

    /** Creates the directory if needed, recovers from a previous crash, and opens the active file for append. */
    public static RotatingFileSink open(FileSinkConfig config) throws IOException {
        RotatingFileSink sink = new RotatingFileSink(config);
        sink.start();
        return sink;
    }

    private void start() throws IOException {
        Files.createDirectories(config.directory());
        Archiver.Recovered recovered = archiver.recover();
        nextIndex = recovered.maxIndex() + 1;
        long now = config.clock().millis();
        Path active = names.active();
        boolean staleActive = config.rotationInterval() != null && Files.exists(active)
                && periodStart(Files.getLastModifiedTime(active).toMillis()) < periodStart(now);
        openActive();
        nextTimeRotation = nextBoundary(now);
        worker.start();
        for (Path segment : recovered.pendingSegments()) {
            worker.submit("archive " + segment.getFileName(), () -> archiver.archive(segment));
        }
        if (staleActive) {
            lock.lock();
            try {
                rotate(now);
            } finally {
                lock.unlock();
            }
        }
        worker.submit("retention", this::applyRetention);
    }

    @Override
    public void write(ByteBuffer batch) throws IOException {
        lock.lock();
        try {
            if (closed) {
                throw new IOException("sink is closed");
            }
            long now = config.clock().millis();
            if (now >= nextTimeRotation) {
                rotate(now);
            }
            long max = config.maxFileBytes();
            while (batch.hasRemaining()) {
                int remaining = batch.remaining();
                long room = max - size;
                if (remaining <= room) {
                    writeFully(batch, remaining);
                    break;
                }
                int chunk = lastLineEnd(batch, (int) Math.max(0, Math.min(room, remaining)));
                if (chunk == 0) {
                    if (size > 0 && rotate(now)) {
                        continue;
                    }
                    // Empty file (or rotation failing): a line longer than the limit gets the file to itself.
                    chunk = firstLineEnd(batch);
                }
                writeFully(batch, chunk);
                if (batch.hasRemaining()) {
                    rotate(now);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void flush() throws IOException {
        if (!config.fsyncOnFlush()) {
            return;
        }
        lock.lock();
        try {
            if (!closed && channel != null) {
                channel.force(false);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Rotates now if the active file is not empty; for operators and tests. */
    public void rotateNow() {
        lock.lock();
        try {
            if (!closed) {
                rotate(config.clock().millis());
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() throws IOException {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            if (channel != null) {
                try {
                    channel.force(true);
                } finally {
                    channel.close();
                    channel = null;
                }
            }
        } finally {
            lock.unlock();
        }
        // Outside the lock: queued archive jobs never need it, and the timer tick must not block on it.
        worker.close();
    }

    @Override
    public long rotations() {
        return rotations;
    }

    public FileSinkStats stats() {
        return new FileSinkStats(bytesWritten, rotations, worker.completedJobs(), worker.failedJobs(),
                writeRetries, lostBytes, worker.queued());
    }

    public Path activeFile() {
        return names.active();
    }

    /**
     * Timer path, on the archive worker thread. Only tries the lock: its holder may be waiting for room in this
     * very thread's queue, and it checks the time itself before writing; the next tick tries again.
     */
    private void rotateIfDue() {
        if (!lock.tryLock()) {
            return;
        }
        try {
            long now = config.clock().millis();
            if (!closed && now >= nextTimeRotation) {
                rotate(now);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Under the lock. Returns true if the active file was rotated (or there was nothing to rotate). */
    private boolean rotate(long now) {
        nextTimeRotation = nextBoundary(now);
        if (size == 0) {
            return true;
        }
        if (now < rotationRetryAt) {
            return false;
        }
        Path segment;
        try {
            // Null when an earlier failure left the active file closed and reopening it failed too.
            if (channel != null) {
                channel.force(true);
                channel.close();
                channel = null;
            }
            segment = moveActiveToSegment(now);
        } catch (IOException e) {
            config.errorHandler().onError("rotate " + names.active(), e);
            rotationRetryAt = now + config.retry().max().toMillis();
            reopenQuietly();
            return false;
        }
        try {
            openActive();
        } catch (IOException e) {
            config.errorHandler().onError("open " + names.active(), e);
        }
        rotations++;
        worker.submit("archive " + segment.getFileName(), () -> {
            archiver.archive(segment);
            applyRetention();
        });
        return true;
    }

    private Path moveActiveToSegment(long now) throws IOException {
        while (true) {
            Path segment = names.segment(nextIndex++, now);
            // Never replace: the index makes names unique within this directory, and a file that somehow exists
            // already (another process, a clock jump) just moves us to the next index.
            if (Files.exists(segment) || Files.exists(names.archiveOf(segment, config.codec()))) {
                continue;
            }
            Archiver.move(names.active(), segment);
            return segment;
        }
    }

    private void openActive() throws IOException {
        channel = FileChannel.open(names.active(), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
        size = channel.size();
    }

    private void reopenQuietly() {
        try {
            if (channel == null || !channel.isOpen()) {
                openActive();
            }
        } catch (IOException e) {
            config.errorHandler().onError("reopen " + names.active(), e);
        }
    }

    /** Writes {@code n} bytes of {@code batch}, retrying with backoff; gives them up only after every retry. */
    private void writeFully(ByteBuffer batch, int n) {
        int oldLimit = batch.limit();
        batch.limit(batch.position() + n);
        try {
            for (int attempt = 1; batch.hasRemaining(); attempt++) {
                try {
                    if (channel == null || !channel.isOpen()) {
                        openActive();
                    }
                    while (batch.hasRemaining()) {
                        int written = channel.write(batch);
                        size += written;
                        bytesWritten += written;
                    }
                } catch (IOException e) {
                    if (attempt >= config.retry().maxAttempts()) {
                        lostBytes += batch.remaining();
                        config.errorHandler().onError("write " + names.active() + " (" + batch.remaining()
                                + " bytes lost after " + attempt + " attempts)", e);
                        batch.position(batch.limit());
                        return;
                    }
                    writeRetries++;
                    closeQuietly();
                    LockSupport.parkNanos(config.retry().delayNanos(attempt));
                }
            }
        } finally {
            batch.limit(oldLimit);
        }
    }

    private void closeQuietly() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // Already failing; the reopen on the next attempt reports if the file is really gone.
            }
            channel = null;
        }
    }

    /**
     * Background: deletes generations the retention policy no longer keeps, touching only files that parse as ours.
     * A generation whose archive is not finished yet is never deleted: retention must not destroy the only copy
     * of lines that are still on their way into an archive.
     */
    private void applyRetention() throws IOException {
        Map<Long, List<Path>> files = new TreeMap<>();
        Map<Long, RetentionPolicy.Generation> generations = new TreeMap<>();
        Map<Long, Boolean> settled = new TreeMap<>();
        boolean segmentIsArchive = config.codec().extension().isEmpty();
        try (Stream<Path> list = Files.list(config.directory())) {
            for (Path file : (Iterable<Path>) list::iterator) {
                RotatedFile rf = names.parse(file).orElse(null);
                if (rf == null || rf.kind() == RotatedFile.Kind.TEMP) {
                    continue;
                }
                long bytes;
                try {
                    bytes = Files.size(file);
                } catch (IOException e) {
                    continue;
                }
                files.computeIfAbsent(rf.index(), i -> new ArrayList<>()).add(file);
                RetentionPolicy.Generation g = generations.get(rf.index());
                generations.put(rf.index(), new RetentionPolicy.Generation(rf.index(), rf.epochMillis(),
                        bytes + (g == null ? 0 : g.bytes())));
                boolean done = switch (rf.kind()) {
                    case ARCHIVE -> true;
                    case CHECKSUM -> segmentIsArchive;
                    case SEGMENT -> segmentIsArchive && !config.checksums();
                    default -> false;
                };
                settled.merge(rf.index(), done, Boolean::logicalOr);
            }
        }
        List<RetentionPolicy.Generation> doomed = config.retention()
                .toDelete(new ArrayList<>(generations.values()), config.clock().millis());
        boolean deleted = false;
        for (RetentionPolicy.Generation g : doomed) {
            if (!settled.getOrDefault(g.index(), false)) {
                continue;
            }
            for (Path file : files.get(g.index())) {
                Files.deleteIfExists(file);
                deleted = true;
            }
        }
        if (deleted) {
            Archiver.syncDirectory(config.directory());
        }
    }

    private long periodStart(long millis) {
        long interval = config.rotationInterval().toMillis();
        return Math.floorDiv(millis, interval) * interval;
    }

    private long nextBoundary(long now) {
        if (config.rotationInterval() == null) {
            return Long.MAX_VALUE;
        }
        return periodStart(now) + config.rotationInterval().toMillis();
    }

    private static int lastLineEnd(ByteBuffer batch, int within) {
        int start = batch.position();
        for (int i = start + within - 1; i >= start; i--) {
            if (batch.get(i) == '\n') {
                return i - start + 1;
            }
        }
        return 0;
    }

    private static int firstLineEnd(ByteBuffer batch) {
        int start = batch.position();
        for (int i = start; i < batch.limit(); i++) {
            if (batch.get(i) == '\n') {
                return i - start + 1;
            }
        }
        return batch.remaining();
    }
}
