package dev.tideflow.log.sink;

import java.nio.file.Path;

/**
 * A file in the log directory that this sink created: a rotated segment, its archive, the archive's checksum, or
 * a temporary file for one of those. Anything whose name does not parse as one of these is not ours and is never
 * touched.
 */
public record RotatedFile(Path path, long index, long epochMillis, Kind kind) {

    public enum Kind {
        /** The rotated, uncompressed log file. */
        SEGMENT,
        /** The compressed segment (or, without compression, nothing: the segment is its own archive). */
        ARCHIVE,
        /** {@code sha256sum}-format checksum of the archive. */
        CHECKSUM,
        /** An unfinished archive or checksum, left by a crash; removed at start. */
        TEMP
    }
}
