package dev.tideflow.executor.driver;

import java.util.Collection;

/** A target names a driver this executor does not have. */
public class UnknownDriverException extends RuntimeException {

    public UnknownDriverException(String driver, Collection<String> known) {
        super("unknown driver '" + driver + "' (known: " + String.join(", ", known) + ")");
    }
}
