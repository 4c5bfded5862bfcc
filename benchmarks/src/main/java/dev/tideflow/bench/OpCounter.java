package dev.tideflow.bench;

import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Calls made by one benchmark thread (a plain field: only its thread writes it), plus that thread's reusable
 * message buffer for the Tideflow benchmark, which formats on the caller as Log4j and Logback do.
 */
@State(Scope.Thread)
public class OpCounter {

    long calls;
    final StringBuilder message = new StringBuilder(64);

    @Setup(Level.Trial)
    public void register() {
        BenchmarkOutput.register(this);
    }
}
