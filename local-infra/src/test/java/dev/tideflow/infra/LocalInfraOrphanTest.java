package dev.tideflow.infra;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LocalInfraOrphanTest {

    @TempDir
    Path workDir;

    @Test
    void brokerAndDatabaseStopWhenTheJvmThatStartedThemIsKilled() throws Exception {
        Process owner = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), LocalInfraProbeMain.class.getName(),
                workDir.resolve("infra").toString())
                .redirectErrorStream(true)
                .start();
        List<ProcessHandle> started;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(owner.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            String pids = null;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("PIDS ")) {
                    pids = line.substring(5);
                    break;
                }
            }
            assertTrue(pids != null && !pids.isBlank(), "the probe started the infrastructure");
            started = Arrays.stream(pids.split(",")).map(Long::parseLong).map(ProcessHandle::of)
                    .flatMap(Optional::stream).toList();
            assertFalse(started.isEmpty());
            owner.destroyForcibly().waitFor();
        }
        await("broker and database stop on their own").atMost(Duration.ofSeconds(40))
                .until(() -> started.stream().noneMatch(ProcessHandle::isAlive));
    }
}
