package dev.tideflow.log.sink;

import java.io.IOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The sink's one background thread: runs archive and retention jobs in submission order, retrying failed ones with
 * backoff, and calls a tick (time-based rotation) on a fixed interval even when nothing is written.
 *
 * <p>The queue is bounded but never drops: a full queue makes the submitter wait, and a job submitted from this
 * thread itself (a timer-driven rotation) runs inline, since waiting on its own queue would deadlock. Close
 * enqueues a stop marker behind everything already queued, so every accepted job runs before the thread exits.
 */
final class ArchiveWorker {

    /** A unit of background work; an {@link IOException} is retried. */
    interface Job {
        void run() throws IOException;
    }

    private record Entry(String name, Job job) {
    }

    private static final Entry STOP = new Entry("stop", () -> { });

    private final BlockingQueue<Entry> queue;
    private final Runnable tick;
    private final long tickNanos;
    private final RetryBackoff retry;
    private final ErrorHandler errors;
    private final Thread thread;
    private final AtomicLong completed = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private volatile boolean accepting = true;

    ArchiveWorker(String threadName, int capacity, Runnable tick, long tickNanos, RetryBackoff retry,
            ErrorHandler errors) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.tick = tick;
        this.tickNanos = tickNanos;
        this.retry = retry;
        this.errors = errors;
        this.thread = new Thread(this::loop, threadName);
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    boolean isWorkerThread() {
        return Thread.currentThread() == thread;
    }

    /** Queues {@code job}; waits for room if the queue is full; runs it inline on the worker thread itself. */
    void submit(String name, Job job) {
        Entry entry = new Entry(name, job);
        if (isWorkerThread() || !accepting) {
            // After close nothing is left to run it, so the caller does; either way it is never dropped.
            runWithRetry(entry);
            return;
        }
        boolean interrupted = false;
        while (true) {
            try {
                queue.put(entry);
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    long completedJobs() {
        return completed.get();
    }

    long failedJobs() {
        return failed.get();
    }

    int queued() {
        return queue.size();
    }

    /** Runs every job already queued, then stops the thread. */
    void close() {
        if (!accepting) {
            return;
        }
        accepting = false;
        boolean interrupted = false;
        while (true) {
            try {
                queue.put(STOP);
                thread.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        // A submit that raced with close may have queued behind the stop marker; run it here.
        for (Entry e; (e = queue.poll()) != null; ) {
            if (e != STOP) {
                runWithRetry(e);
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void loop() {
        long nextTick = System.nanoTime() + tickNanos;
        while (true) {
            Entry entry;
            try {
                entry = queue.poll(Math.max(0, nextTick - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                // Only close stops this thread; an interrupt from elsewhere is not a reason to lose queued jobs.
                continue;
            }
            if (entry == STOP) {
                return;
            }
            if (entry != null) {
                runWithRetry(entry);
            }
            if (System.nanoTime() - nextTick >= 0) {
                try {
                    tick.run();
                } catch (RuntimeException e) {
                    errors.onError("rotation timer", e);
                }
                nextTick = System.nanoTime() + tickNanos;
            }
        }
    }

    private void runWithRetry(Entry entry) {
        for (int attempt = 1; ; attempt++) {
            try {
                entry.job().run();
                completed.incrementAndGet();
                return;
            } catch (IOException | RuntimeException e) {
                if (attempt >= retry.maxAttempts()) {
                    failed.incrementAndGet();
                    errors.onError(entry.name() + " (gave up after " + attempt + " attempts)", e);
                    return;
                }
                LockSupport.parkNanos(retry.delayNanos(attempt));
            }
        }
    }
}
