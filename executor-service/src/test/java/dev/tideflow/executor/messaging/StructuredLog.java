package dev.tideflow.executor.messaging;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Reads the logging core's active file, as an operator would. */
final class StructuredLog {

    private StructuredLog() {
    }

    static List<String> lines(String file) {
        Path path = Path.of(file);
        try {
            return Files.exists(path) ? Files.readAllLines(path) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
