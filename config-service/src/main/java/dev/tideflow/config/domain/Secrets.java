package dev.tideflow.config.domain;

/** How secrets look to whoever may not read them. */
public final class Secrets {

    /** Shown instead of a secret's value, in responses and on {@code tideflow.config}. */
    public static final String MASK = "******";

    private Secrets() {
    }
}
