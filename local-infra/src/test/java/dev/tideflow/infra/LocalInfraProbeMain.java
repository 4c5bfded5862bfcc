package dev.tideflow.infra;

import java.util.stream.Collectors;

/** Starts local infra (in the directory given as argument) in a JVM of its own, prints the pids it runs, and waits to be killed. */
public final class LocalInfraProbeMain {

    private LocalInfraProbeMain() {
    }

    public static void main(String[] args) throws Exception {
        LocalInfra.builder().workDir(java.nio.file.Path.of(args[0]), true).build();
        String pids = ProcessHandle.current().descendants().map(p -> String.valueOf(p.pid()))
                .collect(Collectors.joining(","));
        System.out.println("PIDS " + pids);
        System.out.flush();
        Thread.currentThread().join();
    }
}
