package dev.tideflow.config.service;

/** A value's template is malformed, would form a cycle, or would put a secret into a non-secret value. */
public class TemplateException extends RuntimeException {

    public TemplateException(String message) {
        super(message);
    }
}
