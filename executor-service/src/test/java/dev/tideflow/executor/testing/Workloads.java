package dev.tideflow.executor.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;

/** Kills every replica the process driver recorded under a state directory, so no test leaves processes behind. */
public final class Workloads {

    /** The state directory {@code %test} configures for the process driver. */
    public static final Path TEST_STATE_DIR = Path.of("target/executor-state");

    private Workloads() {
    }

    public static void killAll(Path stateDir) {
        List<Long> pids = recordedPids(stateDir);
        for (long pid : pids) {
            ProcessHandle.of(pid).ifPresent(process -> {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            });
        }
        for (long pid : pids) {
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true));
        }
    }

    public static List<Long> recordedPids(Path stateDir) {
        if (!Files.isDirectory(stateDir)) {
            return List.of();
        }
        long self = ProcessHandle.current().pid();
        try (Stream<Path> files = Files.walk(stateDir)) {
            return files.filter(f -> f.getFileName().toString().matches("replica-\\d+\\.pid"))
                    .map(Workloads::pidIn)
                    .filter(pid -> pid > 0 && pid != self)
                    .toList();
        } catch (IOException e) {
            throw new IllegalStateException("cannot list " + stateDir, e);
        }
    }

    private static long pidIn(Path file) {
        try {
            return Long.parseLong(Files.readString(file).trim().split("\\s+")[0]);
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }
}
