package dev.tideflow.log.sink;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names of one sink's files. For {@code app.log}: segments {@code app-20250131T120000Z-000042.log}, archives
 * {@code ….log.gz} or {@code ….log.zst}, checksums {@code ….log.gz.sha256}, temporaries {@code ….tmp}.
 *
 * <p>The index is unique and only grows (it continues from the highest found at start), so two rotations in the
 * same second get different names; the timestamp is for humans and for age-based retention. Parsing is an exact
 * match on the configured stem and extension, which is how cleanup never touches a file that is not its own.
 */
public final class SegmentNames {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final String TEMP = ".tmp";
    private static final String CHECKSUM = ".sha256";

    private final Path directory;
    private final String activeName;
    private final String stem;
    private final String extension;
    private final Pattern pattern;

    public SegmentNames(Path directory, String activeName) {
        this.directory = directory;
        this.activeName = activeName;
        int dot = activeName.lastIndexOf('.');
        this.stem = dot > 0 ? activeName.substring(0, dot) : activeName;
        this.extension = dot > 0 ? activeName.substring(dot) : "";
        this.pattern = Pattern.compile("^" + Pattern.quote(stem) + "-(\\d{8}T\\d{6}Z)-(\\d{6,18})"
                + Pattern.quote(extension) + "(\\.gz|\\.zst)?(" + Pattern.quote(CHECKSUM) + ")?("
                + Pattern.quote(TEMP) + ")?$");
    }

    public Path directory() {
        return directory;
    }

    public Path active() {
        return directory.resolve(activeName);
    }

    public Path segment(long index, long epochMillis) {
        return directory.resolve(stem + "-" + STAMP.format(Instant.ofEpochMilli(epochMillis)) + "-"
                + String.format("%06d", index) + extension);
    }

    public Path archiveOf(Path segment, ArchiveCodec codec) {
        return segment.resolveSibling(segment.getFileName() + codec.extension());
    }

    public Path checksumOf(Path archive) {
        return archive.resolveSibling(archive.getFileName() + CHECKSUM);
    }

    public Path tempOf(Path file) {
        return file.resolveSibling(file.getFileName() + TEMP);
    }

    /** The parsed file if it is one of ours; the active file itself is not a rotated file. */
    public Optional<RotatedFile> parse(Path file) {
        Matcher m = pattern.matcher(file.getFileName().toString());
        if (!m.matches()) {
            return Optional.empty();
        }
        long millis;
        try {
            millis = LocalDateTime.parse(m.group(1), STAMP).toInstant(ZoneOffset.UTC).toEpochMilli();
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
        long index = Long.parseLong(m.group(2));
        RotatedFile.Kind kind;
        if (m.group(5) != null) {
            kind = RotatedFile.Kind.TEMP;
        } else if (m.group(4) != null) {
            kind = RotatedFile.Kind.CHECKSUM;
        } else if (m.group(3) != null) {
            kind = RotatedFile.Kind.ARCHIVE;
        } else {
            kind = RotatedFile.Kind.SEGMENT;
        }
        return Optional.of(new RotatedFile(file, index, millis, kind));
    }
}
