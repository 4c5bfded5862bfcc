package dev.tideflow.config.rest;

import jakarta.enterprise.context.RequestScoped;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The id of the current request: the caller's {@code X-Request-Id} when it is a sane token, else a generated one.
 * It goes into the audit log and back to the caller in the response header.
 */
@RequestScoped
public class RequestId {

    public static final String HEADER = "X-Request-Id";
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:/+=@-]{1,128}");

    private String value;

    /** Adopts the caller's id, or generates one when it is absent or could corrupt the audit log. */
    void accept(String header) {
        value = header != null && SANE.matcher(header).matches() ? header : UUID.randomUUID().toString();
    }

    public String get() {
        if (value == null) {
            value = UUID.randomUUID().toString();
        }
        return value;
    }
}
