package dev.tideflow.infra.testing;

import dev.tideflow.infra.DevKeys;

import java.time.Duration;
import java.util.List;

/** Bearer tokens for tests, signed with the key {@link LocalInfraTestResource} installed. */
public final class TestTokens {

    private TestTokens() {
    }

    /** A token for subject {@code test-<roles>} carrying {@code roles}; no roles gives a token with none. */
    public static String withRoles(String... roles) {
        String key = System.getProperty(LocalInfraTestResource.PREFIX + "jwt.private-key");
        if (key == null) {
            throw new IllegalStateException("LocalInfraTestResource has not started");
        }
        return DevKeys.sign(key, "test-" + String.join("-", roles), List.of(roles), Duration.ofHours(1));
    }

    /** A token for {@code subject} carrying {@code roles}, e.g. a service token {@code service:executor-service}. */
    public static String forSubject(String subject, String... roles) {
        String key = System.getProperty(LocalInfraTestResource.PREFIX + "jwt.private-key");
        if (key == null) {
            throw new IllegalStateException("LocalInfraTestResource has not started");
        }
        return DevKeys.sign(key, subject, List.of(roles), Duration.ofHours(1));
    }

    public static String bearerFor(String subject, String... roles) {
        return "Bearer " + forSubject(subject, roles);
    }

    /** A token signed by a key the services do not trust. */
    public static String forged(String... roles) {
        return DevKeys.generate().token("intruder", List.of(roles), Duration.ofHours(1));
    }

    public static String bearer(String... roles) {
        return "Bearer " + withRoles(roles);
    }
}
