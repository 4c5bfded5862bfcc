package dev.tideflow.log.sink;

import com.github.luben.zstd.ZstdOutputStream;

import java.io.IOException;
import java.io.OutputStream;

/**
 * zstd through zstd-jni, an optional dependency: this class is only loaded when zstd is configured, and
 * {@link Compression#ZSTD} checks the library is present before handing it out.
 */
final class ZstdCodec implements ArchiveCodec {

    private final int level;

    ZstdCodec(int level) {
        this.level = level;
    }

    @Override
    public String extension() {
        return ".zst";
    }

    @Override
    public OutputStream wrap(OutputStream target) throws IOException {
        return new ZstdOutputStream(target, level);
    }
}
