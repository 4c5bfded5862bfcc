package dev.tideflow.log.sink;

import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/** gzip through the JDK's Deflater. */
final class GzipCodec implements ArchiveCodec {

    private final int level;

    GzipCodec(int level) {
        if (level != Deflater.DEFAULT_COMPRESSION && (level < 0 || level > 9)) {
            throw new IllegalArgumentException("gzip level must be 0..9 or -1, got " + level);
        }
        this.level = level;
    }

    @Override
    public String extension() {
        return ".gz";
    }

    @Override
    public OutputStream wrap(OutputStream target) throws IOException {
        return new GZIPOutputStream(target, 64 * 1024) {
            {
                def.setLevel(level);
            }
        };
    }
}
