package dev.tideflow.bench;

import dev.tideflow.log.Level;
import dev.tideflow.log.record.RecordSlot;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * What copying a record into a ring slot costs one thread, with no consumer and no other thread: the part of a log
 * call that is the core's own work, free of the cross-core effects that make the other benchmarks swing on a small
 * guest. {@code generation=old} promotes the slots first ({@link BenchmarkOutput#promoteToOldGeneration()}), as in
 * any service that has run through a few collections; there every reference stored into a slot pays G1's write
 * barrier, which is what this benchmark is for.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Thread)
public class RecordSlotFillBenchmark {

    @Param({"young", "old"})
    public String generation;

    private RecordSlot[] slots;
    private Thread thread;
    private int next;

    @Setup
    public void allocate() {
        slots = new RecordSlot[BenchmarkOutput.QUEUE_CAPACITY];
        for (int i = 0; i < slots.length; i++) {
            slots[i] = new RecordSlot(256, 16384);
        }
        if (generation.equals("old")) {
            BenchmarkOutput.promoteToOldGeneration();
        }
        thread = Thread.currentThread();
    }

    @Benchmark
    public RecordSlot fill() {
        RecordSlot slot = slots[next++ & (slots.length - 1)];
        slot.begin(next, Level.INFO.ordinal(), BenchmarkOutput.LOGGER, thread);
        slot.thrown(null);
        slot.message(BenchmarkOutput.MESSAGE);
        return slot;
    }
}
