package dev.tideflow.config.service;

import dev.tideflow.contracts.ConfigScope;

/**
 * Who is asking, as far as the service logic cares.
 *
 * @param actor     the JWT subject, recorded as the author of changes and audit entries
 * @param admin     may read every secret in clear (every such read is audited)
 * @param service   for a service token, the service it was issued to: it reads in clear the secrets that service
 *                  inherits (global, environment) and its own (service scope), never another service's; null
 *                  for people
 * @param requestId the request's {@code X-Request-Id}, recorded in the audit log
 */
public record Caller(String actor, boolean admin, String service, String requestId) {

    public Caller(String actor, boolean admin, String requestId) {
        this(actor, admin, null, requestId);
    }

    /**
     * Whether a secret of {@code scope} is shown to this caller in clear. Instance scopes are not tied to a
     * service in the model, so no service token can prove it owns one: they stay masked for services.
     */
    public boolean mayReveal(ConfigScope scope) {
        if (admin) {
            return true;
        }
        if (service == null) {
            return false;
        }
        return switch (scope.type()) {
            case GLOBAL, ENVIRONMENT -> true;
            case SERVICE -> service.equals(scope.name());
            case INSTANCE -> false;
        };
    }

    /** Whether this caller may see any secret in clear (its reads then write audit entries). */
    public boolean mayRevealAny() {
        return admin || service != null;
    }
}
