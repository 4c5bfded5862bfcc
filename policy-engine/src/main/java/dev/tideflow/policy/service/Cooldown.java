package dev.tideflow.policy.service;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** The quiet period after a decision during which a policy takes no new one for the same target. */
public record Cooldown(Duration length) {

    public Cooldown {
        if (length.isNegative()) {
            throw new IllegalArgumentException("cooldown must not be negative: " + length);
        }
    }

    public static Cooldown ofSeconds(int seconds) {
        return new Cooldown(Duration.ofSeconds(seconds));
    }

    /** When the cooldown after {@code lastDecisionAt} ends, if it has not ended at {@code now}. */
    public Optional<Instant> activeUntil(Instant lastDecisionAt, Instant now) {
        if (lastDecisionAt == null) {
            return Optional.empty();
        }
        Instant end = lastDecisionAt.plus(length);
        return now.isBefore(end) ? Optional.of(end) : Optional.empty();
    }
}
