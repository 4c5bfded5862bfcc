package dev.tideflow.log.sink;

import java.io.OutputStream;

/** Keeps rotated segments uncompressed; the segment itself is then the archive that gets a checksum. */
final class NoCompression implements ArchiveCodec {

    static final NoCompression INSTANCE = new NoCompression();

    private NoCompression() {
    }

    @Override
    public String extension() {
        return "";
    }

    @Override
    public OutputStream wrap(OutputStream target) {
        return target;
    }
}
