package dev.tideflow.kit;

/** JWT groups the admin APIs check. Each role includes the ones before it. */
public final class Roles {

    /** Read anything but secrets. */
    public static final String VIEWER = "viewer";
    /** Enable and disable, manual scaling, rollback. */
    public static final String OPERATOR = "operator";
    /** Policies, configuration, secrets. */
    public static final String ADMIN = "admin";

    private Roles() {
    }
}
