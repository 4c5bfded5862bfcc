package dev.tideflow.log.sink;

/**
 * Counters of a {@link RotatingFileSink}.
 *
 * @param bytesWritten    bytes that reached the active file
 * @param rotations       active file renamed to a segment
 * @param archives        background jobs completed (archives, retention passes)
 * @param archiveFailures background jobs that failed every retry; their segment stays for the next start
 * @param writeRetries    write attempts that failed and were retried
 * @param lostBytes       bytes given up after every retry failed (disk full, file system gone)
 * @param queuedJobs      background jobs waiting
 */
public record FileSinkStats(
        long bytesWritten,
        long rotations,
        long archives,
        long archiveFailures,
        long writeRetries,
        long lostBytes,
        int queuedJobs) {
}
