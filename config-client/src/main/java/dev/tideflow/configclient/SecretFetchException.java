package dev.tideflow.configclient;

/** A secret could not be read from config-service. */
final class SecretFetchException extends RuntimeException {

    private final boolean retryable;

    SecretFetchException(String message, boolean retryable) {
        super(message);
        this.retryable = retryable;
    }

    SecretFetchException(String message, Throwable cause) {
        super(message, cause);
        this.retryable = true;
    }

    /** False when trying again cannot help (no token, a token without the right, a bad address). */
    boolean retryable() {
        return retryable;
    }
}
