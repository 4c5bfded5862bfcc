package dev.tideflow.bench;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.util.FileSize;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.nio.file.Path;

/**
 * Logback's AsyncAppender in front of one appender with the same layout: same queue size, {@code neverBlock=false}
 * and {@code discardingThreshold=0}, so a full queue makes the caller wait instead of silently dropping INFO records
 * (Logback's default drops them once the queue is 80% full).
 */
@State(Scope.Benchmark)
public class LogbackState {

    @Param({"noop", "file"})
    public String sink;

    Logger logger;
    private LoggerContext context;
    private BenchmarkOutput.LineCountingOutputStream counting;
    private Path file;

    @Setup(org.openjdk.jmh.annotations.Level.Trial)
    public void start() {
        context = new LoggerContext();
        // A context made outside SLF4J's binding needs its MDC adapter set, or every append fails.
        context.setMDCAdapter(new LogbackMDCAdapter());
        context.start();
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(BenchmarkOutput.LOGBACK_PATTERN);
        encoder.start();
        OutputStreamAppender<ILoggingEvent> out;
        if (sink.equals("file")) {
            file = BenchmarkOutput.newFile("logback");
            FileAppender<ILoggingEvent> fa = new FileAppender<>();
            fa.setFile(file.toString());
            fa.setBufferSize(new FileSize(256 * 1024));
            out = fa;
        } else {
            counting = new BenchmarkOutput.LineCountingOutputStream();
            out = new OutputStreamAppender<>();
            out.setOutputStream(counting);
        }
        out.setContext(context);
        out.setName("bench");
        out.setEncoder(encoder);
        out.setImmediateFlush(false);
        out.start();

        AsyncAppender async = new AsyncAppender();
        async.setContext(context);
        async.setName("async");
        async.setQueueSize(BenchmarkOutput.QUEUE_CAPACITY);
        async.setNeverBlock(false);
        async.setDiscardingThreshold(0);
        async.setIncludeCallerData(false);
        // 0 = wait for the worker to drain the whole queue on stop (the default gives up after one second).
        async.setMaxFlushTime(0);
        async.addAppender(out);
        async.start();

        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.detachAndStopAllAppenders();
        root.addAppender(async);
        root.setLevel(Level.INFO);
        logger = context.getLogger(BenchmarkOutput.LOGGER);
        BenchmarkOutput.promoteToOldGeneration();
    }

    /** Lines out so far; only the no-op sink counts as it goes (burst benchmarks run with {@code sink=noop}). */
    long linesSoFar() {
        if (counting == null) {
            throw new IllegalStateException("run burst benchmarks with -p sink=noop");
        }
        return counting.lines();
    }

    @TearDown(org.openjdk.jmh.annotations.Level.Trial)
    public void stop() {
        context.stop();
        long lines = counting != null ? counting.lines() : BenchmarkOutput.countLinesAndDelete(file);
        BenchmarkOutput.verifyNoneLost("logback/" + sink, lines);
    }
}
