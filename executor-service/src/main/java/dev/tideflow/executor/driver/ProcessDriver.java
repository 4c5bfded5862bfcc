package dev.tideflow.executor.driver;

import dev.tideflow.executor.domain.Target;
import dev.tideflow.executor.domain.TargetId;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Replicas are operating-system processes on the executor's host, each running the target's command.
 * Each replica is recorded in {@code <stateDir>/<namespace>_<name>/replica-<n>.pid} (pid and process start
 * instant), so a new instance on the same state directory, after an executor restart, finds the replicas
 * still running and manages them. Replicas deliberately outlive the executor, as pods outlive a controller.
 */
public final class ProcessDriver implements ScalingDriver {

    public static final String NAME = "process";

    private static final Pattern PID_FILE = Pattern.compile("replica-(\\d{1,9})\\.pid");
    /**
     * The JDK derives a start instant from the kernel's boot time, which is reported to the second and moves
     * when the clock is adjusted, so two executor instances can see one process start up to a second apart.
     * A reused pid belongs to a process started long after ours: that is what this tolerance still tells apart.
     */
    private static final Duration START_TOLERANCE = Duration.ofMillis(1500);
    /** After SIGKILL a process is gone within milliseconds unless the kernel is stuck on it. */
    private static final Duration KILL_WAIT = Duration.ofSeconds(5);
    private static final Duration EXIT_POLL = Duration.ofMillis(20);
    /**
     * The only variables a replica inherits from the executor: its environment holds the executor's own
     * credentials (database, broker), which are none of a workload's business.
     */
    private static final Set<String> INHERITED_ENVIRONMENT = Set.of("PATH", "HOME", "USER", "LANG", "LC_ALL", "TZ",
            "TMPDIR");
    private static final File NO_INPUT = new File(
            System.getProperty("os.name", "").startsWith("Windows") ? "NUL" : "/dev/null");

    private final Path stateDir;
    private final Supplier<Duration> stopGrace;
    private final IntSupplier maxReplicas;
    private final ConcurrentMap<String, Object> locks = new ConcurrentHashMap<>();

    /**
     * @param stateDir  where pid files and replica logs live; must survive an executor restart
     * @param stopGrace how long a replica may take to exit after SIGTERM before it is killed
     */
    public ProcessDriver(Path stateDir, Duration stopGrace) {
        this(stateDir, () -> stopGrace, () -> Integer.MAX_VALUE);
        if (stopGrace.isNegative()) {
            throw new IllegalArgumentException("stop grace must not be negative, got " + stopGrace);
        }
    }

    /**
     * Live settings: both are read at each call, so a change applies to the next scaling.
     *
     * @param stopGrace   how long a replica may take to exit after SIGTERM before it is killed
     * @param maxReplicas the most replicas one target may run on this host; a decision above it fails
     */
    public ProcessDriver(Path stateDir, Supplier<Duration> stopGrace, IntSupplier maxReplicas) {
        this.stateDir = stateDir.toAbsolutePath();
        this.stopGrace = stopGrace;
        this.maxReplicas = maxReplicas;
    }

    /** A running replica: its number, its process and when that process started (null if unknown). */
    public record Replica(int index, long pid, Instant startedAt) {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> validate(Target target) {
        List<String> problems = new ArrayList<>();
        if (target.command().isEmpty()) {
            problems.add("'command' is required for the process driver");
        } else if (target.command().stream().anyMatch(arg -> arg == null || arg.isBlank())) {
            problems.add("'command' must not contain blank arguments");
        }
        if (target.workingDirectory() != null && !Files.isDirectory(Path.of(target.workingDirectory()))) {
            problems.add("'workingDirectory' " + target.workingDirectory()
                    + " is not a directory on the executor host");
        }
        return problems;
    }

    public Path stateDir() {
        return stateDir;
    }

    @Override
    public int currentReplicas(Target target) {
        return replicas(target).size();
    }

    /** The replicas of {@code target} that are running, by number; records of dead ones are removed. */
    public List<Replica> replicas(Target target) {
        synchronized (lockOf(target)) {
            return liveReplicas(target);
        }
    }

    @Override
    public int scale(Target target, int desired) {
        if (desired < 0) {
            throw new IllegalArgumentException("desired replicas must not be negative, got " + desired);
        }
        int cap = maxReplicas.getAsInt();
        if (desired > cap) {
            throw new IllegalArgumentException("desired replicas " + desired + " exceed the process driver's cap of "
                    + cap + " per target");
        }
        synchronized (lockOf(target)) {
            List<Replica> live = liveReplicas(target);
            if (live.size() < desired) {
                start(target, live, desired - live.size());
            } else if (live.size() > desired) {
                List<Replica> newestFirst = new ArrayList<>(live);
                newestFirst.sort(Comparator.comparing(Replica::startedAt,
                                Comparator.nullsFirst(Comparator.<Instant>naturalOrder()))
                        .thenComparingInt(Replica::index)
                        .reversed());
                stop(target, newestFirst.subList(0, live.size() - desired));
            }
            return liveReplicas(target).size();
        }
    }

    private void start(Target target, List<Replica> live, int count) {
        List<String> problems = validate(target);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("cannot start replicas of " + target.id() + ": "
                    + String.join("; ", problems));
        }
        Path dir = directoryOf(target);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the state directory " + dir, e);
        }
        Set<Integer> taken = new HashSet<>();
        live.forEach(r -> taken.add(r.index()));
        int index = 1;
        for (int i = 0; i < count; i++) {
            while (taken.contains(index)) {
                index++;
            }
            startReplica(target, dir, index);
            taken.add(index);
        }
    }

    private void startReplica(Target target, Path dir, int index) {
        ProcessBuilder builder = new ProcessBuilder(target.command())
                .redirectInput(ProcessBuilder.Redirect.from(NO_INPUT))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("replica-" + index + ".log").toFile()));
        if (target.workingDirectory() != null) {
            builder.directory(new File(target.workingDirectory()));
        }
        builder.environment().keySet().retainAll(INHERITED_ENVIRONMENT);
        builder.environment().put("TIDEFLOW_TARGET", target.id());
        builder.environment().put("TIDEFLOW_REPLICA", String.valueOf(index));
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start replica " + index + " of " + target.id() + ": "
                    + e.getMessage(), e);
        }
        ProcessHandle handle = process.toHandle();
        Instant startedAt = handle.info().startInstant().orElse(null);
        try {
            writeRecord(dir, index, handle.pid(), startedAt);
        } catch (IOException | RuntimeException e) {
            // A replica nobody recorded could never be counted or stopped again.
            terminate(List.of(handle), KILL_WAIT);
            throw new IllegalStateException("cannot record replica " + index + " of " + target.id() + " in " + dir, e);
        }
    }

    private static void writeRecord(Path dir, int index, long pid, Instant startedAt) throws IOException {
        Path tmp = dir.resolve("replica-" + index + ".pid.tmp");
        Files.writeString(tmp, pid + " " + (startedAt == null ? "-" : startedAt.toString()) + "\n",
                StandardCharsets.UTF_8);
        // Readers see the old record or the whole new one, never a half-written file.
        Files.move(tmp, dir.resolve("replica-" + index + ".pid"), StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
    }

    private void stop(Target target, List<Replica> victims) {
        long deadline = System.nanoTime() + stopGrace.get().toNanos();
        List<List<ProcessHandle>> trees = new ArrayList<>();
        for (Replica replica : victims) {
            List<ProcessHandle> tree = ProcessHandle.of(replica.pid())
                    .map(ProcessDriver::treeOf)
                    .orElse(List.of());
            tree.forEach(ProcessHandle::destroy);
            trees.add(tree);
        }
        List<String> stuck = new ArrayList<>();
        for (int i = 0; i < victims.size(); i++) {
            Replica replica = victims.get(i);
            List<ProcessHandle> tree = trees.get(i);
            Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
            if (!awaitExit(tree, left) && !terminate(tree, KILL_WAIT)) {
                stuck.add("replica " + replica.index() + " (pid " + replica.pid() + ")");
                continue;
            }
            try {
                Files.deleteIfExists(directoryOf(target).resolve("replica-" + replica.index() + ".pid"));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot remove the record of replica " + replica.index(), e);
            }
        }
        if (!stuck.isEmpty()) {
            throw new IllegalStateException("did not stop after SIGKILL: " + String.join(", ", stuck));
        }
    }

    /** The process and its descendants, captured before any of them exits and the children are re-parented. */
    private static List<ProcessHandle> treeOf(ProcessHandle root) {
        List<ProcessHandle> tree = new ArrayList<>();
        tree.add(root);
        try (Stream<ProcessHandle> descendants = root.descendants()) {
            descendants.forEach(tree::add);
        }
        return tree;
    }

    private static boolean terminate(List<ProcessHandle> tree, Duration wait) {
        tree.forEach(ProcessHandle::destroyForcibly);
        return awaitExit(tree, wait);
    }

    /**
     * Polls rather than using {@link ProcessHandle#onExit()}: for a process that is not this JVM's child
     * (a replica started before a restart, a replica's own children) the JDK polls with a backoff that
     * reaches seconds, which would hold the partition's next decision for nothing.
     */
    private static boolean awaitExit(List<ProcessHandle> tree, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (tree.stream().anyMatch(ProcessDriver::isRunning)) {
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            LockSupport.parkNanos(EXIT_POLL.toNanos());
            if (Thread.currentThread().isInterrupted()) {
                throw new IllegalStateException("interrupted while stopping pid " + tree.get(0).pid());
            }
        }
        return true;
    }

    private List<Replica> liveReplicas(Target target) {
        Path dir = directoryOf(target);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Replica> live = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "replica-*.pid")) {
            for (Path file : files) {
                Matcher name = PID_FILE.matcher(file.getFileName().toString());
                if (!name.matches()) {
                    continue;
                }
                Optional<Replica> replica = readRecord(Integer.parseInt(name.group(1)), file);
                if (replica.isPresent() && isRunning(replica.get())) {
                    live.add(replica.get());
                } else {
                    Files.deleteIfExists(file);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the replicas of " + target.id() + " in " + dir, e);
        }
        live.sort(Comparator.comparingInt(Replica::index));
        return live;
    }

    private static Optional<Replica> readRecord(int index, Path file) throws IOException {
        String[] fields = Files.readString(file, StandardCharsets.UTF_8).trim().split("\\s+");
        if (fields.length != 2) {
            return Optional.empty();
        }
        try {
            long pid = Long.parseLong(fields[0]);
            Instant startedAt = fields[1].equals("-") ? null : Instant.parse(fields[1]);
            return Optional.of(new Replica(index, pid, startedAt));
        } catch (NumberFormatException | DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static boolean isRunning(Replica replica) {
        Optional<ProcessHandle> handle = ProcessHandle.of(replica.pid());
        if (handle.isEmpty() || !isRunning(handle.get())) {
            return false;
        }
        if (replica.startedAt() == null) {
            return true;
        }
        // Same pid, different start: the pid was reused by an unrelated process after our replica died.
        return handle.get().info().startInstant()
                .map(actual -> Duration.between(replica.startedAt(), actual).abs().compareTo(START_TOLERANCE) <= 0)
                .orElse(true);
    }

    /**
     * Alive and not a zombie. The JDK counts a dead process its parent has not collected yet as alive; an
     * orphaned replica's parent is an init that may collect it late (or never, when the JVM itself is pid 1).
     */
    private static boolean isRunning(ProcessHandle process) {
        return process.isAlive() && !isZombie(process.pid());
    }

    private static boolean isZombie(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.US_ASCII);
            // "pid (command) state ...": the command may hold spaces and parentheses; the state follows the last ')'.
            int end = stat.lastIndexOf(')');
            return end > 0 && end + 2 < stat.length() && stat.charAt(end + 2) == 'Z';
        } catch (IOException | RuntimeException e) {
            // No procfs (not Linux) or the process is already gone: isAlive() alone decides.
            return false;
        }
    }

    private Path directoryOf(Target target) {
        List<String> violations = TargetId.violations(target.id());
        if (!violations.isEmpty()) {
            // The id becomes a directory name: anything but a valid id could point outside the state directory.
            throw new IllegalArgumentException(String.join("; ", violations));
        }
        return stateDir.resolve(target.namespace() + "_" + target.name());
    }

    private Object lockOf(Target target) {
        return locks.computeIfAbsent(target.id(), id -> new Object());
    }
}
