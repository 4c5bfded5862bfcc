package dev.tideflow.executor.driver;

import dev.tideflow.contracts.ResourceRequests;
import dev.tideflow.executor.domain.Target;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProcessDriverTest {

    private static final Duration GRACE = Duration.ofSeconds(2);

    @TempDir
    Path stateDir;

    private final Set<Long> started = new HashSet<>();

    private ProcessDriver driver() {
        return new ProcessDriver(stateDir, GRACE);
    }

    private static Target sleeper(String name) {
        return new Target("test", name, ProcessDriver.NAME, List.of("sleep", "300"), null);
    }

    @AfterEach
    void killEverythingStarted() throws IOException {
        try (Stream<Path> files = Files.walk(stateDir)) {
            files.filter(f -> f.getFileName().toString().endsWith(".pid")).forEach(f -> {
                try {
                    started.add(Long.parseLong(Files.readString(f).trim().split("\\s+")[0]));
                } catch (IOException | NumberFormatException e) {
                    // Not a record this test wrote: nothing to kill.
                }
            });
        }
        started.remove(ProcessHandle.current().pid());
        for (long pid : started) {
            ProcessHandle.of(pid).ifPresent(h -> {
                h.descendants().forEach(ProcessHandle::destroyForcibly);
                h.destroyForcibly();
            });
        }
        for (long pid : started) {
            awaitDead(pid);
        }
    }

    private List<ProcessDriver.Replica> replicas(ProcessDriver driver, Target target) {
        List<ProcessDriver.Replica> replicas = driver.replicas(target);
        replicas.forEach(r -> started.add(r.pid()));
        return replicas;
    }

    /** A zombie counts as dead: it has exited and only waits for a slow init to collect it. */
    private static boolean alive(long pid) {
        if (!ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (IOException e) {
            return false;
        }
    }

    private static void awaitDead(long pid) {
        await().atMost(Duration.ofSeconds(10)).until(() -> !alive(pid));
    }

    @Test
    void scalingUpStartsOneProcessPerReplica() {
        ProcessDriver driver = driver();
        Target target = sleeper("up");

        assertEquals(0, driver.currentReplicas(target));
        assertEquals(3, driver.scale(target, 3));

        List<ProcessDriver.Replica> replicas = replicas(driver, target);
        assertEquals(List.of(1, 2, 3), replicas.stream().map(ProcessDriver.Replica::index).toList());
        assertEquals(3, replicas.stream().map(ProcessDriver.Replica::pid).distinct().count());
        for (ProcessDriver.Replica replica : replicas) {
            ProcessHandle process = ProcessHandle.of(replica.pid()).orElseThrow();
            assertTrue(process.isAlive());
            assertTrue(process.info().command().orElse("").endsWith("sleep"), process.info().toString());
            assertTrue(Files.exists(stateDir.resolve("test_up/replica-" + replica.index() + ".pid")));
        }
        assertEquals(3, driver.currentReplicas(target));
    }

    @Test
    void scalingDownStopsTheNewestReplicasFirst() {
        ProcessDriver driver = driver();
        Target target = sleeper("down");
        driver.scale(target, 3);
        List<ProcessDriver.Replica> before = replicas(driver, target);

        assertEquals(1, driver.scale(target, 1));

        awaitDead(before.get(1).pid());
        awaitDead(before.get(2).pid());
        assertTrue(alive(before.get(0).pid()), "the oldest replica keeps running");
        assertEquals(List.of(before.get(0)), replicas(driver, target));
        assertFalse(Files.exists(stateDir.resolve("test_down/replica-2.pid")));
        assertFalse(Files.exists(stateDir.resolve("test_down/replica-3.pid")));
    }

    @Test
    void aReplacementReplicaIsTheNewestAndStopsFirst() {
        ProcessDriver driver = driver();
        Target target = sleeper("replace");
        driver.scale(target, 2);
        List<ProcessDriver.Replica> initial = replicas(driver, target);
        long first = initial.get(0).pid();
        // Start instants have the resolution of a clock tick: let the later replicas be clearly younger.
        Instant lastStart = initial.get(1).startedAt();
        await().until(() -> Instant.now().isAfter(lastStart.plusMillis(50)));
        driver.scale(target, 3);
        long third = replicas(driver, target).get(2).pid();

        ProcessHandle.of(first).orElseThrow().destroyForcibly();
        awaitDead(first);
        assertEquals(2, driver.currentReplicas(target));
        assertEquals(3, driver.scale(target, 3), "the dead replica is replaced");
        ProcessDriver.Replica replacement = replicas(driver, target).get(0);
        assertEquals(1, replacement.index(), "the replacement reuses the free replica number");

        driver.scale(target, 2);

        awaitDead(replacement.pid());
        assertTrue(alive(third));
    }

    @Test
    void aNewInstanceOnTheSameStateDirectoryFindsTheRunningReplicas() {
        Target target = sleeper("restart");
        driver().scale(target, 3);
        driver().scale(target, 1);

        ProcessDriver afterRestart = driver();
        List<ProcessDriver.Replica> found = replicas(afterRestart, target);

        assertEquals(1, afterRestart.currentReplicas(target));
        assertEquals(0, afterRestart.scale(target, 0));
        awaitDead(found.get(0).pid());
    }

    @Test
    void aReplicaKilledOutsideTheDriverIsNoLongerCounted() {
        ProcessDriver driver = driver();
        Target target = sleeper("killed");
        driver.scale(target, 2);
        ProcessDriver.Replica victim = replicas(driver, target).get(1);

        ProcessHandle.of(victim.pid()).orElseThrow().destroyForcibly();
        awaitDead(victim.pid());

        assertEquals(1, driver.currentReplicas(target));
        assertFalse(Files.exists(stateDir.resolve("test_killed/replica-2.pid")), "the stale record is removed");
    }

    @Test
    void aRecordWhosePidWasReusedByAnotherProcessIsNotCounted() throws IOException {
        ProcessDriver driver = driver();
        Target target = sleeper("reused");
        Path dir = Files.createDirectories(stateDir.resolve("test_reused"));
        ProcessHandle someoneElse = ProcessHandle.current();
        Instant realStart = someoneElse.info().startInstant().orElseThrow();

        Files.writeString(dir.resolve("replica-1.pid"), someoneElse.pid() + " " + realStart + "\n");
        assertEquals(1, driver.currentReplicas(target), "same pid and start: counted");

        Files.writeString(dir.resolve("replica-1.pid"), someoneElse.pid() + " " + realStart.minusSeconds(3600) + "\n");
        assertEquals(0, driver.currentReplicas(target), "same pid, other start: another process");
        assertFalse(Files.exists(dir.resolve("replica-1.pid")));
    }

    @Test
    void aReplicaSeesItsIdentityButNotTheExecutorsEnvironment() {
        String secret = System.getenv().keySet().stream()
                .filter(name -> name.matches("[A-Za-z_][A-Za-z0-9_]*"))
                .filter(name -> !Set.of("PATH", "HOME", "USER", "LANG", "LC_ALL", "TZ", "TMPDIR").contains(name))
                .findFirst().orElse(null);
        Assumptions.assumeTrue(secret != null, "the test JVM has no environment variable to leak");
        ProcessDriver driver = driver();
        Target target = new Target("test", "env", ProcessDriver.NAME,
                List.of("sh", "-c", "echo \"replica=$TIDEFLOW_REPLICA target=$TIDEFLOW_TARGET leaked=${" + secret
                        + "-none}\"; exec sleep 300"), null);

        driver.scale(target, 1);
        replicas(driver, target);

        Path log = stateDir.resolve("test_env/replica-1.log");
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(log) && Files.readString(log).contains("\n"));
        assertEquals("replica=1 target=test/env leaked=none", readString(log).trim());
    }

    private static String readString(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void stoppingAReplicaStopsTheProcessesItStarted() {
        ProcessDriver driver = driver();
        Target target = new Target("test", "shell", ProcessDriver.NAME,
                List.of("sh", "-c", "echo replica $TIDEFLOW_REPLICA of $TIDEFLOW_TARGET; sleep 300; echo done"), null);
        driver.scale(target, 1);
        ProcessHandle shell = ProcessHandle.of(replicas(driver, target).get(0).pid()).orElseThrow();
        await().atMost(Duration.ofSeconds(10)).until(() -> shell.children().findAny().isPresent());
        ProcessHandle child = shell.children().findAny().orElseThrow();
        started.add(child.pid());

        Path log = stateDir.resolve("test_shell/replica-1.log");
        await().atMost(Duration.ofSeconds(10)).until(() -> readString(log).contains("replica 1 of test/shell"));

        assertEquals(0, driver.scale(target, 0));
        awaitDead(shell.pid());
        awaitDead(child.pid());
    }

    @Test
    void aTargetWithoutCommandCannotBeScaledUp() {
        ProcessDriver driver = driver();
        Target target = new Target("test", "empty", ProcessDriver.NAME, List.of(), null);

        assertEquals(List.of("'command' is required for the process driver"), driver.validate(target));
        assertThrows(IllegalArgumentException.class, () -> driver.scale(target, 1));
        assertEquals(0, driver.currentReplicas(target));
    }

    @Test
    void aCommandThatCannotStartFailsWithoutLeavingARecord() {
        ProcessDriver driver = driver();
        Target target = new Target("test", "missing", ProcessDriver.NAME,
                List.of("/nonexistent/tideflow-workload"), null);

        IllegalStateException failure = assertThrows(IllegalStateException.class, () -> driver.scale(target, 2));

        assertTrue(failure.getMessage().contains("cannot start replica 1 of test/missing"), failure.getMessage());
        assertEquals(0, driver.currentReplicas(target));
        assertEquals(Optional.empty(), listPidFiles(stateDir.resolve("test_missing")).stream().findAny());
    }

    /**
     * A replica that prints its requests and, when it receives SIGTERM, appends its number and how many replica
     * records exist at that moment: a replacement started before the old replica was signalled makes that count
     * one above the replica count.
     */
    private Target requestsEcho(String name, Path terms) {
        Path dir = stateDir.resolve("test_" + name);
        // The trap is set before the echo: a replica whose line is in its log is sure to report its SIGTERM.
        return new Target("test", name, ProcessDriver.NAME, List.of("sh", "-c",
                "trap 'echo \"$TIDEFLOW_REPLICA $(ls " + dir + "/replica-*.pid | wc -l)\" >> " + terms
                        + "; exit 0' TERM; echo \"cpu=${" + ProcessDriver.CPU_REQUEST_ENV + "-none} memory=${"
                        + ProcessDriver.MEMORY_REQUEST_ENV + "-none}\"; sleep 300 & wait"), null);
    }

    private static String lastLine(Path log) {
        List<String> lines = readString(log).lines().toList();
        return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
    }

    @Test
    void changedRequestsRollTheReplicasOneAtATimeWithTheNewEnvironment() throws IOException {
        ProcessDriver driver = driver();
        Path terms = stateDir.resolve("terms.txt");
        Target target = requestsEcho("roll", terms);
        Path dir = stateDir.resolve("test_roll");
        driver.scale(target, 2);
        List<ProcessDriver.Replica> before = replicas(driver, target);
        await().atMost(Duration.ofSeconds(10)).until(() -> before.stream().allMatch(r ->
                lastLine(dir.resolve("replica-" + r.index() + ".log")).equals("cpu=none memory=none")));
        assertNull(driver.currentRequests(target));

        assertEquals(ResourceRequests.of(750, null), driver.applyRequests(target, ResourceRequests.of(750, null)));

        List<ProcessDriver.Replica> after = replicas(driver, target);
        assertEquals(2, after.size());
        assertTrue(after.stream().noneMatch(r -> before.stream().anyMatch(b -> b.pid() == r.pid())),
                "every replica was replaced");
        after.forEach(r -> assertEquals(ResourceRequests.of(750, null), r.requests()));
        before.forEach(r -> awaitDead(r.pid()));
        // Each old replica was signalled while its replacement was already recorded: 2 + 1 records, one at a time.
        assertEquals(List.of("1 3", "2 3"), Files.readAllLines(terms).stream().map(String::trim)
                .map(line -> line.replaceAll("\\s+", " ")).toList());
        await().atMost(Duration.ofSeconds(10)).until(() -> after.stream().allMatch(r ->
                lastLine(dir.resolve("replica-" + r.index() + ".log")).equals("cpu=750 memory=none")));
        assertEquals(ResourceRequests.of(750, null), driver.currentRequests(target));

        assertEquals(ResourceRequests.of(750, null), driver.applyRequests(target, ResourceRequests.of(750, null)));
        assertEquals(after, replicas(driver, target), "unchanged requests restart nothing");
    }

    @Test
    void requestsSurviveARestartAndNewReplicasStartWithThem() {
        Target target = requestsEcho("kept", stateDir.resolve("terms-kept.txt"));
        driver().applyRequests(target, ResourceRequests.of(250, null));
        driver().applyRequests(target, ResourceRequests.of(null, 384));

        ProcessDriver afterRestart = driver();
        assertEquals(ResourceRequests.of(250, 384), afterRestart.currentRequests(target));
        assertEquals(2, afterRestart.scale(target, 2));

        List<ProcessDriver.Replica> running = replicas(afterRestart, target);
        running.forEach(r -> assertEquals(ResourceRequests.of(250, 384), r.requests()));
        await().atMost(Duration.ofSeconds(10)).until(() -> running.stream().allMatch(r ->
                lastLine(stateDir.resolve("test_kept/replica-" + r.index() + ".log")).equals("cpu=250 memory=384")));
        assertTrue(Files.exists(stateDir.resolve("test_kept/requests")));
        assertFalse(Files.exists(stateDir.resolve("test_kept/requests.tmp")), "no temporary file is left");
    }

    @Test
    void aReplacementThatCannotStartStopsTheRolloutAndSaysHowFarItGot() throws IOException {
        ProcessDriver driver = driver();
        Path workingDirectory = Files.createDirectories(stateDir.resolve("workdir"));
        Target target = new Target("test", "stuck", ProcessDriver.NAME, List.of("sleep", "300"),
                workingDirectory.toString());
        driver.scale(target, 2);
        List<ProcessDriver.Replica> before = replicas(driver, target);
        Files.delete(workingDirectory);

        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> driver.applyRequests(target, ResourceRequests.of(500, 256)));

        assertTrue(failure.getMessage().startsWith("rolling restart of test/stuck to cpu=500m memory=256Mi stopped: "
                + "replica 1's replacement did not start"), failure.getMessage());
        assertTrue(failure.getMessage().endsWith("0 of 2 replicas run the new requests, the other 2 still run their "
                + "previous ones"), failure.getMessage());
        assertEquals(before, replicas(driver, target), "the old replicas keep running");
        assertEquals(ResourceRequests.of(500, 256), driver.currentRequests(target),
                "the new requests stay, as a stuck Deployment rollout keeps its new template");
    }

    @Test
    void invalidRequestsAreRefusedBeforeAnythingChanges() {
        ProcessDriver driver = driver();
        Target target = sleeper("invalid");

        IllegalArgumentException failure = assertThrows(IllegalArgumentException.class,
                () -> driver.applyRequests(target, ResourceRequests.of(0, null)));

        assertEquals("'requests.cpuMillis' must be 1 to 1000000 millicores, got 0", failure.getMessage());
        assertNull(driver.currentRequests(target));
    }

    private static List<Path> listPidFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".pid")).toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
