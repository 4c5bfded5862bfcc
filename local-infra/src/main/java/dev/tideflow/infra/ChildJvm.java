package dev.tideflow.infra;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A JVM running one of the launcher's entry points. Its stdin stays open while we live: when this
 * JVM dies for any reason, the child reads end-of-file and stops (see the launcher's ParentWatch).
 */
final class ChildJvm implements AutoCloseable {

    private static final String CLASSPATH_RESOURCE = "META-INF/tideflow/launcher-classpath.txt";
    private static final String READY = "TIDEFLOW-READY ";

    private final String name;
    private final Process process;
    private final OutputStream stdin;
    private final CompletableFuture<String> ready = new CompletableFuture<>();

    private ChildJvm(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.stdin = process.getOutputStream();
        Thread pump = new Thread(() -> pump(log), name + "-output");
        pump.setDaemon(true);
        pump.start();
        process.onExit().thenRun(() -> ready.completeExceptionally(
                new IllegalStateException(name + " exited with " + process.exitValue() + " before it was ready; see "
                        + log)));
    }

    static ChildJvm start(String name, String mainClass, List<String> args, Path log, String maxHeap) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + maxHeap);
        command.add("-XX:+UseSerialGC");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-Djava.awt.headless=true");
        command.add("-cp");
        command.add(classPath());
        command.add(mainClass);
        command.addAll(args);
        try {
            Files.createDirectories(log.getParent());
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .start();
            return new ChildJvm(name, process, log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    /** Waits for the child's ready line and returns what follows it. */
    String awaitReady(Duration timeout) {
        try {
            return ready.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            close();
            throw new IllegalStateException(name + " was not ready within " + timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new IllegalStateException("interrupted while starting " + name, e);
        }
    }

    long pid() {
        return process.pid();
    }

    /** Asks the child to stop (closes its stdin), then forces it and its descendants after a grace period. */
    @Override
    public void close() {
        try {
            stdin.close();
        } catch (IOException ignored) {
            // Already closed: the child is stopping anyway.
        }
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    private void pump(Path log) {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));
             PrintWriter file = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8,
                     StandardOpenOption.CREATE, StandardOpenOption.APPEND), true)) {
            String line;
            while ((line = out.readLine()) != null) {
                file.println(line);
                if (line.startsWith(READY)) {
                    ready.complete(line.substring(READY.length()));
                }
            }
        } catch (IOException ignored) {
            // The child is gone; onExit reports it.
        }
    }

    /** The launcher jar (or classes directory) followed by the class path recorded when it was built. */
    static String classPath() {
        URL listing = ChildJvm.class.getClassLoader().getResource(CLASSPATH_RESOURCE);
        if (listing == null) {
            throw new IllegalStateException(CLASSPATH_RESOURCE + " not found: is tideflow-local-infra-launcher "
                    + "on the class path?");
        }
        try {
            String recorded;
            try (var in = listing.openStream()) {
                recorded = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            }
            return launcherRoot(listing) + java.io.File.pathSeparator + recorded;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String launcherRoot(URL listing) {
        String url = listing.toString();
        try {
            if (url.startsWith("jar:")) {
                String jar = url.substring("jar:".length(), url.indexOf("!/"));
                return Path.of(new java.net.URI(jar)).toString();
            }
            Path resource = Path.of(listing.toURI());
            // <root>/META-INF/tideflow/launcher-classpath.txt
            return resource.getParent().getParent().getParent().toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the launcher from " + url, e);
        }
    }

    @Override
    public String toString() {
        return name + " (pid " + process.pid() + ")";
    }
}
