package dev.tideflow.log.sink;

import java.io.IOException;
import java.io.OutputStream;

/** Compresses a rotated segment into an archive. Closing the returned stream must finish the compressed format. */
public interface ArchiveCodec {

    /** Appended to the segment name, e.g. {@code ".gz"}; empty when segments are kept as they are. */
    String extension();

    OutputStream wrap(OutputStream target) throws IOException;
}
