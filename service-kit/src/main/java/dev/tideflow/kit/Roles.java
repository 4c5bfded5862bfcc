package dev.tideflow.kit;

import java.util.Optional;

/** JWT groups the admin APIs check. Each of viewer, operator, admin includes the ones before it. */
public final class Roles {

    /** Read anything but secrets. */
    public static final String VIEWER = "viewer";
    /** Enable and disable, manual scaling, rollback. */
    public static final String OPERATOR = "operator";
    /** Policies, configuration, secrets. */
    public static final String ADMIN = "admin";
    /**
     * A service of the suite, not a person. Its token's subject is {@value #SERVICE_SUBJECT_PREFIX}{@code <name>}
     * (e.g. {@code service:executor-service}); config-service shows it the secrets of that service in clear.
     */
    public static final String SERVICE = "service";
    /** The subject prefix of a service token. */
    public static final String SERVICE_SUBJECT_PREFIX = "service:";

    private Roles() {
    }

    /** The service a service token's subject names, or empty when the subject is not {@code service:<name>}. */
    public static Optional<String> serviceOf(String subject) {
        if (subject == null || !subject.startsWith(SERVICE_SUBJECT_PREFIX)
                || subject.length() == SERVICE_SUBJECT_PREFIX.length()) {
            return Optional.empty();
        }
        return Optional.of(subject.substring(SERVICE_SUBJECT_PREFIX.length()));
    }

    /** The subject of a service token for {@code service}. */
    public static String serviceSubject(String service) {
        return SERVICE_SUBJECT_PREFIX + service;
    }
}
