package dev.tideflow.bench;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.FileAppender;
import org.apache.logging.log4j.core.appender.OutputStreamAppender;
import org.apache.logging.log4j.core.async.AsyncLoggerContext;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.util.ClockFactory;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.layout.PatternLayout;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Log4j2 with all loggers asynchronous (the LMAX Disruptor ring; selector and garbage-free switches are set on the
 * forked JVM by {@link AsyncLoggingBenchmark#log4j2}), one appender with the same layout, buffered, flushed at the end
 * of each batch as Log4j does for async loggers.
 */
@State(Scope.Benchmark)
public class Log4j2State {

    @Param({"noop", "file"})
    public String sink;

    /** {@code system}: Log4j's default clock; {@code cached}: its {@code CachedClock} (a ticker thread, as ours). */
    @Param({"system"})
    public String clock;

    Logger logger;
    private LoggerContext context;
    private BenchmarkOutput.LineCountingOutputStream counting;
    private Path file;

    @Setup(org.openjdk.jmh.annotations.Level.Trial)
    public void start() {
        if (clock.equals("cached")) {
            // Read once, when Log4j first asks for its clock: each trial runs in a fresh fork, before that.
            System.setProperty("log4j.Clock", "CachedClock");
            System.setProperty("log4j2.Clock", "CachedClock");
        }
        context = (LoggerContext) LogManager.getContext(false);
        if (!(context instanceof AsyncLoggerContext)) {
            throw new IllegalStateException("Log4j2 is not all-async: " + context.getClass().getName()
                    + "; run with -Dlog4j2.contextSelector=org.apache.logging.log4j.core.async.AsyncLoggerContextSelector");
        }
        Configuration config = context.getConfiguration();
        PatternLayout layout = PatternLayout.newBuilder().withConfiguration(config)
                .withPattern(BenchmarkOutput.LOG4J_PATTERN).build();
        Appender appender;
        if (sink.equals("file")) {
            file = BenchmarkOutput.newFile("log4j2");
            appender = FileAppender.newBuilder().setName("bench").withFileName(file.toString())
                    .setLayout(layout).setConfiguration(config)
                    .setImmediateFlush(false).setBufferedIo(true).setBufferSize(256 * 1024).build();
        } else {
            counting = new BenchmarkOutput.LineCountingOutputStream();
            appender = OutputStreamAppender.newBuilder().setName("bench").setTarget(counting).setLayout(layout)
                    .setConfiguration(config).setImmediateFlush(false).setBufferSize(256 * 1024).build();
        }
        appender.start();
        config.addAppender(appender);
        LoggerConfig root = config.getRootLogger();
        for (String name : root.getAppenders().keySet()) {
            root.removeAppender(name);
        }
        root.addAppender(appender, Level.INFO, null);
        root.setLevel(Level.INFO);
        context.updateLoggers();
        logger = context.getLogger(BenchmarkOutput.LOGGER);
        BenchmarkOutput.promoteToOldGeneration();
        String clockClass = ClockFactory.getClock().getClass().getSimpleName();
        if (clock.equals("cached") != clockClass.equals("CachedClock")) {
            throw new IllegalStateException("Log4j2 runs on " + clockClass + ", asked for the " + clock + " clock");
        }
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
        // Stopping an async context drains its ring buffer before stopping the appenders.
        context.stop(1, TimeUnit.MINUTES);
        long lines = counting != null ? counting.lines() : BenchmarkOutput.countLinesAndDelete(file);
        BenchmarkOutput.verifyNoneLost("log4j2/" + sink, lines);
    }
}
