package dev.tideflow.log.quarkus;

import dev.tideflow.log.EventBuilder;
import dev.tideflow.log.Level;
import dev.tideflow.log.ScalingLogger;
import org.jboss.logmanager.ExtHandler;
import org.jboss.logmanager.ExtLogRecord;

import java.util.Map;

/**
 * A JBoss LogManager handler that hands every record to a {@link ScalingLogger}: the level is mapped onto the core's
 * levels, the message is formatted here (on the logging thread, as every handler does), the throwable is passed by
 * reference and rendered by the core's consumer, and the MDC becomes the record's fields.
 *
 * <p>The handler does not own the logger: the extension closes it at shutdown, after the last record it can take.
 */
public final class ScalingLoggerHandler extends ExtHandler {

    private final ScalingLogger logger;
    private final boolean includeMdc;

    public ScalingLoggerHandler(ScalingLogger logger, boolean includeMdc) {
        this.logger = logger;
        this.includeMdc = includeMdc;
    }

    @Override
    protected void doPublish(ExtLogRecord record) {
        Level level = toLevel(record.getLevel().intValue());
        if (!logger.isEnabled(level)) {
            return;
        }
        String message = record.getFormattedMessage();
        Map<String, String> mdc = includeMdc ? record.getMdcCopy() : Map.of();
        if (mdc.isEmpty()) {
            logger.log(level, record.getLoggerName(), message == null ? "" : message, record.getThrown());
            return;
        }
        EventBuilder event = logger.at(level, record.getLoggerName());
        for (Map.Entry<String, String> e : mdc.entrySet()) {
            if (e.getKey() != null && e.getValue() != null) {
                event.str(e.getKey(), e.getValue());
            }
        }
        event.thrown(record.getThrown()).log(message == null ? "" : message);
    }

    /**
     * JUL and JBoss levels by weight: FATAL 1100, ERROR/SEVERE 1000, WARN/WARNING 900, INFO 800, CONFIG 700,
     * DEBUG/FINE 500, TRACE/FINER 400, FINEST 300. CONFIG is informational, so it maps to INFO.
     */
    static Level toLevel(int weight) {
        if (weight >= 1100) {
            return Level.FATAL;
        }
        if (weight >= 1000) {
            return Level.ERROR;
        }
        if (weight >= 900) {
            return Level.WARN;
        }
        if (weight >= 700) {
            return Level.INFO;
        }
        if (weight >= 500) {
            return Level.DEBUG;
        }
        return Level.TRACE;
    }

    /** The JBoss level a handler for {@code level} starts at, so records below it are not even formatted. */
    static java.util.logging.Level toJulLevel(Level level) {
        return switch (level) {
            case TRACE -> org.jboss.logmanager.Level.TRACE;
            case DEBUG -> org.jboss.logmanager.Level.DEBUG;
            case INFO -> org.jboss.logmanager.Level.INFO;
            case WARN -> org.jboss.logmanager.Level.WARN;
            case ERROR -> org.jboss.logmanager.Level.ERROR;
            case FATAL -> org.jboss.logmanager.Level.FATAL;
        };
    }
}
