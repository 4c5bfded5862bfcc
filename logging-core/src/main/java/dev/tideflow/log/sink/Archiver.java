package dev.tideflow.log.sink;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Turns a rotated segment into its final archive, crash-safely. Every file is written under a temporary name,
 * fsynced, atomically renamed, and the directory fsynced, in this order:
 * <ol>
 *   <li>compress the segment into {@code archive.tmp}, hashing the compressed bytes as they are written;</li>
 *   <li>fsync, rename to the archive name, fsync the directory: the archive now exists only complete;</li>
 *   <li>write {@code archive.sha256} the same way (the hash is of the final archive, never of the input);</li>
 *   <li>delete the segment.</li>
 * </ol>
 * A crash at any point leaves either the segment (and maybe a temporary, which {@link #recover} removes) or a
 * complete archive; never a truncated archive under the final name and never neither.
 */
final class Archiver {

    private static final HexFormat HEX = HexFormat.of();

    private final SegmentNames names;
    private final ArchiveCodec codec;
    private final boolean checksums;

    Archiver(SegmentNames names, ArchiveCodec codec, boolean checksums) {
        this.names = names;
        this.codec = codec;
        this.checksums = checksums;
    }

    /** Archives {@code segment}; returns the archive, or null if the segment is gone (retention removed it). */
    Path archive(Path segment) throws IOException {
        if (!Files.exists(segment)) {
            return null;
        }
        if (codec.extension().isEmpty()) {
            if (checksums) {
                writeChecksum(segment, hash(segment));
            }
            return segment;
        }
        Path archive = names.archiveOf(segment, codec);
        if (!Files.exists(archive)) {
            Path temp = names.tempOf(archive);
            MessageDigest sha = sha256();
            try (FileChannel file = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                OutputStream hashed = new DigestOutputStream(
                        new BufferedOutputStream(new KeepOpen(Channels.newOutputStream(file)), 64 * 1024), sha);
                try (InputStream in = Files.newInputStream(segment); OutputStream compressed = codec.wrap(hashed)) {
                    in.transferTo(compressed);
                }
                file.force(true);
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(temp);
                throw e;
            }
            move(temp, archive);
            if (checksums) {
                writeChecksum(archive, sha.digest());
            }
        } else if (checksums && !Files.exists(names.checksumOf(archive))) {
            // An earlier run renamed the archive (so it is complete) but died before its checksum.
            writeChecksum(archive, hash(archive));
        }
        Files.deleteIfExists(segment);
        syncDirectory(names.directory());
        return archive;
    }

    /** What start-up recovery found: the highest index in use and segments still waiting for their archive. */
    record Recovered(long maxIndex, List<Path> pendingSegments) {
    }

    /**
     * Brings the directory back to a consistent state after a crash, touching only files whose names parse as
     * ours: removes temporaries (their segment is still there), completes a missing checksum for an archive that
     * exists (it is complete, having been renamed only after fsync), deletes segments whose archive is complete,
     * and returns the segments that still need archiving, oldest first.
     */
    Recovered recover() throws IOException {
        Map<Long, List<RotatedFile>> generations = new TreeMap<>();
        long maxIndex = 0;
        try (Stream<Path> files = Files.list(names.directory())) {
            for (Path file : (Iterable<Path>) files::iterator) {
                RotatedFile rf = names.parse(file).orElse(null);
                if (rf == null || !Files.isRegularFile(file)) {
                    continue;
                }
                maxIndex = Math.max(maxIndex, rf.index());
                if (rf.kind() == RotatedFile.Kind.TEMP) {
                    Files.deleteIfExists(file);
                } else {
                    generations.computeIfAbsent(rf.index(), i -> new ArrayList<>()).add(rf);
                }
            }
        }
        List<Path> pending = new ArrayList<>();
        for (List<RotatedFile> generation : generations.values()) {
            Path segment = null;
            Path archive = null;
            boolean checksum = false;
            for (RotatedFile f : generation) {
                switch (f.kind()) {
                    case SEGMENT -> segment = f.path();
                    case ARCHIVE -> archive = f.path();
                    case CHECKSUM -> checksum = true;
                    default -> {
                    }
                }
            }
            if (archive != null) {
                if (checksums && !checksum) {
                    writeChecksum(archive, hash(archive));
                }
                if (segment != null) {
                    Files.deleteIfExists(segment);
                }
            } else if (segment != null && (!codec.extension().isEmpty() || (checksums && !checksum))) {
                pending.add(segment);
            }
        }
        syncDirectory(names.directory());
        return new Recovered(maxIndex, pending);
    }

    /** Writes {@code archive.sha256} in the format {@code sha256sum -c} reads, via temp + fsync + rename. */
    void writeChecksum(Path archive, byte[] digest) throws IOException {
        Path checksum = names.checksumOf(archive);
        Path temp = names.tempOf(checksum);
        byte[] line = (HEX.formatHex(digest) + "  " + archive.getFileName() + "\n").getBytes(StandardCharsets.UTF_8);
        try (FileChannel file = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            file.write(ByteBuffer.wrap(line));
            file.force(true);
        }
        move(temp, checksum);
    }

    static byte[] hash(Path file) throws IOException {
        MessageDigest sha = sha256();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[64 * 1024];
            int n;
            while ((n = in.read(buffer)) > 0) {
                sha.update(buffer, 0, n);
            }
        }
        return sha.digest();
    }

    static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
        syncDirectory(to.getParent());
    }

    /** Makes renames durable; a no-op where directories cannot be opened (Windows). */
    static void syncDirectory(Path directory) {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException e) {
            // Not supported on this platform (or the directory is gone, which the next file operation reports);
            // the rename itself is still atomic.
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }

    /** Lets the compressor close its stream (finishing the format) without closing the file we still fsync. */
    private static final class KeepOpen extends FilterOutputStream {

        KeepOpen(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
