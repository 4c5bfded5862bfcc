package dev.tideflow.executor.driver;

import dev.tideflow.contracts.ResourceRequests;
import dev.tideflow.executor.domain.Target;
import dev.tideflow.executor.domain.TargetId;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * <p>
 * Resource requests are the replicas' environment ({@value #CPU_REQUEST_ENV}, {@value #MEMORY_REQUEST_ENV}), kept in
 * {@code <stateDir>/<namespace>_<name>/requests} so that they survive a restart; each replica's record also holds the
 * requests it started with. Changing them is a rolling restart with a surge of one, as a Deployment rolls its pods
 * when the pod template changes: start a replacement with the new environment, then stop one old replica, one at a
 * time, so the count never drops below what it was.
 */
public final class ProcessDriver implements ScalingDriver {

    public static final String NAME = "process";
    /** The CPU a replica requests, in millicores; absent when no decision set it. */
    public static final String CPU_REQUEST_ENV = "TIDEFLOW_CPU_REQUEST_MILLIS";
    /** The memory a replica requests, in MiB; absent when no decision set it. */
    public static final String MEMORY_REQUEST_ENV = "TIDEFLOW_MEMORY_REQUEST_MIB";

    private static final String REQUESTS_FILE = "requests";
    private static final String NO_REQUESTS = "-";

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

    /**
     * A running replica: its number, its process, when that process started (null if unknown) and the requests it
     * started with (null if none were set, or it was started before requests existed).
     */
    public record Replica(int index, long pid, Instant startedAt, ResourceRequests requests) {
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
        ResourceRequests requests = readRequests(dir);
        Set<Integer> taken = new HashSet<>();
        live.forEach(r -> taken.add(r.index()));
        int index = 1;
        for (int i = 0; i < count; i++) {
            while (taken.contains(index)) {
                index++;
            }
            startReplica(target, dir, index, requests);
            taken.add(index);
        }
    }

    private void startReplica(Target target, Path dir, int index, ResourceRequests requests) {
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
        if (requests != null && requests.cpuMillis() != null) {
            builder.environment().put(CPU_REQUEST_ENV, String.valueOf(requests.cpuMillis()));
        }
        if (requests != null && requests.memoryMiB() != null) {
            builder.environment().put(MEMORY_REQUEST_ENV, String.valueOf(requests.memoryMiB()));
        }
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
            writeRecord(dir, index, handle.pid(), startedAt, requests);
        } catch (IOException | RuntimeException e) {
            // A replica nobody recorded could never be counted or stopped again.
            terminate(List.of(handle), KILL_WAIT);
            throw new IllegalStateException("cannot record replica " + index + " of " + target.id() + " in " + dir, e);
        }
    }

    private static void writeRecord(Path dir, int index, long pid, Instant startedAt, ResourceRequests requests)
            throws IOException {
        writeAtomically(dir.resolve("replica-" + index + ".pid"), pid + " "
                + (startedAt == null ? "-" : startedAt.toString()) + " " + encode(requests) + "\n");
    }

    /**
     * Replaces {@code file} with {@code content}: readers, and the executor after a crash, see the old content or
     * the whole new one, never a half-written file.
     */
    private static void writeAtomically(Path file, String content) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer bytes = ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            // The data must be on disk before the rename makes it the file: else a crash can leave it empty.
            channel.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public boolean setsRequests() {
        return true;
    }

    @Override
    public ResourceRequests currentRequests(Target target) {
        return readRequests(directoryOf(target));
    }

    /**
     * Stores the merged requests, so replicas started from now on get them, then rolls every replica that runs
     * other requests: a replacement first, then the old replica (SIGTERM, grace, SIGKILL), one at a time.
     *
     * @throws IllegalStateException when a replacement does not start or an old replica does not stop; the rollout
     *                               stops there and the message says how many replicas run the new requests
     */
    @Override
    public ResourceRequests applyRequests(Target target, ResourceRequests wanted) {
        List<String> violations = wanted.violations("requests");
        if (!violations.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", violations));
        }
        synchronized (lockOf(target)) {
            Path dir = directoryOf(target);
            ResourceRequests merged = ResourceRequests.merge(readRequests(dir), wanted);
            try {
                Files.createDirectories(dir);
                writeAtomically(dir.resolve(REQUESTS_FILE), encode(merged) + "\n");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot store the requests of " + target.id() + " in " + dir, e);
            }
            List<Replica> live = liveReplicas(target);
            List<Replica> stale = live.stream().filter(r -> !merged.equals(r.requests())).toList();
            int rolled = live.size() - stale.size();
            for (Replica old : stale) {
                try {
                    start(target, liveReplicas(target), 1);
                } catch (RuntimeException e) {
                    throw rolloutStopped(target, merged, "replica " + old.index() + "'s replacement did not start",
                            e, rolled, live.size());
                }
                rolled++;
                try {
                    stop(target, List.of(old));
                } catch (RuntimeException e) {
                    throw rolloutStopped(target, merged, "replica " + old.index() + " did not stop", e, rolled,
                            live.size() + 1);
                }
            }
            return merged;
        }
    }

    private static IllegalStateException rolloutStopped(Target target, ResourceRequests requests, String what,
            RuntimeException cause, int rolled, int replicas) {
        String reason = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return new IllegalStateException("rolling restart of " + target.id() + " to "
                + ResourceRequests.describe(requests) + " stopped: " + what + " (" + reason + "); " + rolled + " of "
                + replicas + " replicas run the new requests, the other " + (replicas - rolled)
                + " still run their previous ones", cause);
    }

    private static ResourceRequests readRequests(Path dir) {
        Path file = dir.resolve(REQUESTS_FILE);
        if (!Files.exists(file)) {
            return null;
        }
        try {
            String line = Files.readString(file, StandardCharsets.UTF_8).trim();
            return decode(line).orElseThrow(() -> new IllegalStateException("the requests in " + file
                    + " are unreadable: '" + line + "'"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the requests in " + file, e);
        }
    }

    /** {@code cpuMillis=500;memoryMiB=512}, or {@code -} for none: one token without spaces, for the pid record. */
    private static String encode(ResourceRequests requests) {
        if (requests == null) {
            return NO_REQUESTS;
        }
        List<String> parts = new ArrayList<>(2);
        if (requests.cpuMillis() != null) {
            parts.add("cpuMillis=" + requests.cpuMillis());
        }
        if (requests.memoryMiB() != null) {
            parts.add("memoryMiB=" + requests.memoryMiB());
        }
        return String.join(";", parts);
    }

    /** The requests of {@link #encode}; empty if {@code token} is not one. */
    private static Optional<ResourceRequests> decode(String token) {
        Map<String, Integer> values = new LinkedHashMap<>();
        for (String part : token.split(";")) {
            int eq = part.indexOf('=');
            if (eq <= 0) {
                return Optional.empty();
            }
            try {
                values.put(part.substring(0, eq), Integer.valueOf(part.substring(eq + 1)));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        ResourceRequests requests = new ResourceRequests(values.remove("cpuMillis"), values.remove("memoryMiB"));
        return values.isEmpty() && requests.violations("requests").isEmpty() ? Optional.of(requests)
                : Optional.empty();
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
        // Two fields: a record written before requests existed; its replica runs without any.
        if (fields.length != 2 && fields.length != 3) {
            return Optional.empty();
        }
        try {
            long pid = Long.parseLong(fields[0]);
            Instant startedAt = fields[1].equals("-") ? null : Instant.parse(fields[1]);
            // Unreadable requests must not make a running replica look dead: it is rolled at the next change.
            ResourceRequests requests = fields.length == 3 && !fields[2].equals(NO_REQUESTS)
                    ? decode(fields[2]).orElse(null) : null;
            return Optional.of(new Replica(index, pid, startedAt, requests));
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
