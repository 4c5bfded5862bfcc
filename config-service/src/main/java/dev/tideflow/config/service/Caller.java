package dev.tideflow.config.service;

/**
 * Who is asking, as far as the service logic cares.
 *
 * @param actor     the JWT subject, recorded as the author of changes and audit entries
 * @param admin     may read secrets in clear (every such read is audited)
 * @param requestId the request's {@code X-Request-Id}, recorded in the audit log
 */
public record Caller(String actor, boolean admin, String requestId) {
}
