package dev.tideflow.log.quarkus;

import dev.tideflow.log.LoggerConfig;
import dev.tideflow.log.ScalingLogger;
import dev.tideflow.log.config.HumanDuration;
import dev.tideflow.log.sink.ErrorHandler;
import dev.tideflow.log.sink.FileSinkConfig;
import dev.tideflow.log.sink.RotatingFileSink;
import dev.tideflow.log.sink.Sink;
import io.quarkus.runtime.RuntimeValue;
import io.quarkus.runtime.ShutdownContext;
import io.quarkus.runtime.annotations.Recorder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Handler;

/**
 * Runtime init: starts the logger over a rotating file sink, hands Quarkus the log handler that feeds it, and
 * closes it as the very last shutdown task, so everything logged while the application stops is drained first.
 */
@Recorder
public class TideflowLogRecorder {

    private final RuntimeValue<TideflowLogConfig> config;

    public TideflowLogRecorder(RuntimeValue<TideflowLogConfig> config) {
        this.config = config;
    }

    public RuntimeValue<InstalledLogger> start(ShutdownContext shutdown) {
        TideflowLogConfig c = config.getValue();
        TideflowLogConfig.Health h = c.health();
        SinkHealthMonitor health = new SinkHealthMonitor(HumanDuration.parse(h.stallTimeout()), h.maxErrors(),
                HumanDuration.parse(h.errorWindow()), System::nanoTime, ErrorHandler.STDERR);
        InstalledLogger installed;
        if (c.enabled()) {
            RotatingFileSink sink = openSink(c, health);
            LoggerConfig lc = withErrorHandler(LoggerConfig.fromProperties(CoreProperties.logger(c)), health);
            installed = new InstalledLogger(ScalingLogger.start(lc, sink), sink, health);
        } else {
            // Injection points keep working; a closed logger drops (and counts) every record without a thread.
            ScalingLogger closed = ScalingLogger.start(LoggerConfig.defaults(), new DiscardingSink());
            closed.close();
            installed = new InstalledLogger(closed, null, health);
        }
        ScalingLogger logger = installed.logger();
        shutdown.addLastShutdownTask(logger::close);
        return new RuntimeValue<>(installed);
    }

    public RuntimeValue<Optional<Handler>> handler(RuntimeValue<InstalledLogger> installed) {
        TideflowLogConfig c = config.getValue();
        if (!c.enabled()) {
            return new RuntimeValue<>(Optional.empty());
        }
        ScalingLogger logger = installed.getValue().logger();
        ScalingLoggerHandler handler = new ScalingLoggerHandler(logger, c.includeMdc());
        handler.setLevel(ScalingLoggerHandler.toJulLevel(logger.level()));
        return new RuntimeValue<>(Optional.of(handler));
    }

    public Supplier<ScalingLogger> logger(RuntimeValue<InstalledLogger> installed) {
        return () -> installed.getValue().logger();
    }

    public Supplier<InstalledLogger> installed(RuntimeValue<InstalledLogger> installed) {
        return installed::getValue;
    }

    private static RotatingFileSink openSink(TideflowLogConfig c, ErrorHandler errors) {
        FileSinkConfig fc = FileSinkConfig.fromProperties(CoreProperties.sink(c));
        fc = new FileSinkConfig(fc.directory(), fc.fileName(), fc.maxFileBytes(), fc.rotationInterval(),
                fc.retention(), fc.codec(), fc.checksums(), fc.fsyncOnFlush(), fc.queueCapacity(), fc.retry(),
                fc.tickInterval(), fc.clock(), errors);
        try {
            return RotatingFileSink.open(fc);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the log file " + fc.directory().resolve(fc.fileName()), e);
        }
    }

    private static LoggerConfig withErrorHandler(LoggerConfig c, ErrorHandler errors) {
        return new LoggerConfig(c.level(), c.forcedMode(), c.backpressure(), c.singleRingCapacity(),
                c.mpscRingCapacity(), c.slotChars(), c.maxRecordChars(), c.maxSingleRings(), c.thresholds(),
                c.batchBytes(), c.drainLimit(), c.consumerSpins(), c.consumerYields(), c.consumerMaxPark(),
                c.producerMaxPark(), c.encoder(), c.clock(), errors, c.closeTimeout());
    }

    private static final class DiscardingSink implements Sink {

        @Override
        public void write(ByteBuffer batch) {
            batch.position(batch.limit());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
