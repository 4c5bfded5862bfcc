package dev.tideflow.log.quarkus;

import dev.tideflow.log.Level;
import dev.tideflow.log.LoggerConfig;
import dev.tideflow.log.ScalingLogger;
import dev.tideflow.log.sink.ErrorHandler;
import dev.tideflow.log.sink.Sink;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The check against a real logger whose sink wedges, then recovers. */
class ScalingLoggerHealthCheckTest {

    private final CountDownLatch release = new CountDownLatch(1);
    private volatile boolean wedged;
    private ScalingLogger logger;

    /** Blocks inside write while wedged, as a hung disk or a full pipe would. */
    private final Sink sink = new Sink() {
        @Override
        public void write(ByteBuffer batch) throws IOException {
            if (wedged) {
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException(e);
                }
            }
            batch.position(batch.limit());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @AfterEach
    void close() {
        release.countDown();
        logger.close();
    }

    @Test
    void downWhileTheSinkIsWedgedUpWhenItMovesAgain() {
        SinkHealthMonitor monitor = new SinkHealthMonitor(Duration.ofMillis(300), 3, Duration.ofMinutes(1),
                System::nanoTime, ErrorHandler.STDERR);
        logger = ScalingLogger.start(LoggerConfig.builder().errorHandler(monitor).build(), sink);
        ScalingLoggerHealthCheck check = new ScalingLoggerHealthCheck(new InstalledLogger(logger, null, monitor));

        logger.log(Level.INFO, "test", "before the wedge");
        await().atMost(Duration.ofSeconds(10)).until(() -> logger.stats().bytesWritten() > 0);
        assertEquals(HealthCheckResponse.Status.UP, check.call().getStatus());

        wedged = true;
        logger.log(Level.INFO, "test", "stuck in write");
        logger.log(Level.INFO, "test", "stuck in the ring");
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> check.call().getStatus() == HealthCheckResponse.Status.DOWN);
        HealthCheckResponse down = check.call();
        assertEquals("tideflow-log", down.getName());
        assertTrue(down.getData().orElseThrow().get("reason").toString().contains("nothing reached the sink"));
        assertEquals(3L, down.getData().orElseThrow().get("writes"));

        wedged = false;
        release.countDown();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> check.call().getStatus() == HealthCheckResponse.Status.UP);
    }

    @Test
    void downWhenWritesKeepFailing() {
        SinkHealthMonitor monitor = new SinkHealthMonitor(Duration.ofSeconds(30), 3, Duration.ofMinutes(1),
                System::nanoTime, (op, e) -> { });
        Sink failing = new Sink() {
            @Override
            public void write(ByteBuffer batch) throws IOException {
                throw new IOException("No space left on device");
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        logger = ScalingLogger.start(LoggerConfig.builder().errorHandler(monitor).build(), failing);
        ScalingLoggerHealthCheck check = new ScalingLoggerHealthCheck(new InstalledLogger(logger, null, monitor));

        for (int i = 0; i < 3; i++) {
            logger.log(Level.ERROR, "test", "write " + i);
            int expected = i + 1;
            await().atMost(Duration.ofSeconds(10)).until(() -> logger.stats().sinkErrors() >= expected);
        }
        HealthCheckResponse down = check.call();
        assertEquals(HealthCheckResponse.Status.DOWN, down.getStatus());
        assertTrue(down.getData().orElseThrow().get("lastError").toString().contains("No space left"));
    }
}
