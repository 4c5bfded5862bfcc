package dev.tideflow.log.quarkus.deployment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/** Reads what the extension wrote, for assertions. */
final class LogFiles {

    private LogFiles() {
    }

    static List<String> lines(Path file) {
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The numbers {@code n} of every line whose message is {@code "<prefix> n"}, in file order. */
    static List<Integer> numbered(Path file, String prefix) {
        Pattern p = Pattern.compile("\"msg\":\"" + Pattern.quote(prefix) + " (\\d+)\"");
        return lines(file).stream()
                .map(p::matcher)
                .filter(Matcher::find)
                .map(m -> Integer.parseInt(m.group(1)))
                .toList();
    }

    /** Asserts that {@code numbers} is exactly 0, 1, …, n-1, with a short message when it is not. */
    static void assertSequence(List<Integer> numbers, int n, String what) {
        assertEquals(n, numbers.size(), what + ": lines found");
        for (int i = 0; i < n; i++) {
            if (numbers.get(i) != i) {
                fail(what + ": line " + i + " is number " + numbers.get(i));
            }
        }
    }

    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
