package dev.tideflow.log.quarkus;

import dev.tideflow.log.Level;
import dev.tideflow.log.LoggerConfig;
import dev.tideflow.log.ScalingLogger;
import dev.tideflow.log.encode.PatternEncoder;
import dev.tideflow.log.sink.Sink;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScalingLoggerHandlerTest {

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final ScalingLogger logger = ScalingLogger.start(LoggerConfig.builder()
            .level(Level.DEBUG)
            .encoder(() -> new PatternEncoder("%p|%c|%m|%X|%ex%n"))
            .build(), new Sink() {
                @Override
                public void write(ByteBuffer batch) {
                    byte[] bytes = new byte[batch.remaining()];
                    batch.get(bytes);
                    for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n")) {
                        lines.add(line);
                    }
                }

                @Override
                public void flush() {
                }

                @Override
                public void close() {
                }
            });

    @AfterEach
    void close() {
        logger.close();
    }

    @Test
    void mapsLevelsNameMessageMdcAndThrowable() {
        ScalingLoggerHandler handler = new ScalingLoggerHandler(logger, true);
        handler.setLevel(ScalingLoggerHandler.toJulLevel(logger.level()));

        handler.publish(record(java.util.logging.Level.CONFIG, "jul.config", "config {0}", "value"));
        handler.publish(record(java.util.logging.Level.FINEST, "jul.finest", "below DEBUG"));
        handler.publish(record(org.jboss.logmanager.Level.DEBUG, "jboss.debug", "debug"));
        ExtLogRecord withMdc = record(org.jboss.logmanager.Level.WARN, "jboss.warn", "with mdc");
        withMdc.putMdc("requestId", "r-7");
        handler.publish(withMdc);
        ExtLogRecord failed = record(java.util.logging.Level.SEVERE, "jul.severe", "failed");
        failed.setThrown(new IllegalStateException("boom"));
        handler.publish(failed);
        handler.publish(record(org.jboss.logmanager.Level.FATAL, "jboss.fatal", "fatal"));
        logger.close();

        assertEquals("INFO|jul.config|config value||", lines.get(0));
        assertEquals("DEBUG|jboss.debug|debug||", lines.get(1));
        assertEquals("WARN|jboss.warn|with mdc| requestId=r-7|", lines.get(2));
        assertTrue(lines.get(3).startsWith("ERROR|jul.severe|failed||java.lang.IllegalStateException: boom"),
                lines.get(3));
        assertTrue(lines.stream().anyMatch(l -> l.equals("FATAL|jboss.fatal|fatal||")), lines::toString);
        assertTrue(lines.stream().noneMatch(l -> l.contains("below DEBUG")));
    }

    @Test
    void levelWeightsMapOntoTheCoreLevels() {
        assertEquals(Level.TRACE, ScalingLoggerHandler.toLevel(java.util.logging.Level.FINER.intValue()));
        assertEquals(Level.DEBUG, ScalingLoggerHandler.toLevel(java.util.logging.Level.FINE.intValue()));
        assertEquals(Level.INFO, ScalingLoggerHandler.toLevel(java.util.logging.Level.INFO.intValue()));
        assertEquals(Level.WARN, ScalingLoggerHandler.toLevel(java.util.logging.Level.WARNING.intValue()));
        assertEquals(Level.ERROR, ScalingLoggerHandler.toLevel(org.jboss.logmanager.Level.ERROR.intValue()));
        assertEquals(Level.FATAL, ScalingLoggerHandler.toLevel(org.jboss.logmanager.Level.FATAL.intValue()));
    }

    private static ExtLogRecord record(java.util.logging.Level level, String loggerName, String message,
            Object... params) {
        ExtLogRecord r = new ExtLogRecord(level, message, ExtLogRecord.FormatStyle.MESSAGE_FORMAT,
                ScalingLoggerHandlerTest.class.getName());
        r.setLoggerName(loggerName);
        r.setParameters(params);
        return r;
    }
}
