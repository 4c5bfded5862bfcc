package dev.tideflow.log.sink;

/**
 * Told about failures the logging path cannot throw to its caller: I/O errors (after retries), encoder failures,
 * background archive failures. Must not log through the logger that reports to it.
 */
@FunctionalInterface
public interface ErrorHandler {

    /** Prints to standard error, the one output a failing log file cannot take down. */
    ErrorHandler STDERR = (operation, error) -> {
        System.err.println("tideflow-log: " + operation + " failed: " + error);
    };

    void onError(String operation, Throwable error);
}
