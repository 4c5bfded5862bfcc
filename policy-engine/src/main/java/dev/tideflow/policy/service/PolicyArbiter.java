package dev.tideflow.policy.service;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Keeps the policies of one target from fighting: a scale-down goes no lower than what the target's other policies
 * currently recommend, KEDA's and HPA's "largest of the triggers" applied across policies. Scale-ups are never held.
 * A recommendation is current while the evaluation that made it is at most {@value #STALE_INTERVALS} of that
 * policy's window lengths older than the window being evaluated: the staleness of a targetTracking metric.
 */
public final class PolicyArbiter {

    public static final int STALE_INTERVALS = TargetTrackingEvaluator.STALE_INTERVALS;

    /**
     * Where the scale-down {@code from → to} may go given the other policies' recommendations.
     *
     * @param now            the end of the window being evaluated (the engine's clock)
     * @param fallbackLength the window length to assume for a peer whose window length is not known
     * @return null when no current recommendation is above {@code to} (or it is no scale-down)
     */
    public Held arbitrate(int from, int to, List<Peer> peers, Instant now, Duration fallbackLength) {
        if (to >= from) {
            return null;
        }
        Peer highest = null;
        for (Peer peer : peers) {
            if (peer.recommendedReplicas() == null || peer.recommendedReplicas() <= to || !fresh(peer, now,
                    fallbackLength)) {
                continue;
            }
            if (highest == null || peer.recommendedReplicas() > highest.recommendedReplicas()) {
                highest = peer;
            }
        }
        if (highest == null) {
            return null;
        }
        int floor = highest.recommendedReplicas();
        int allowed = Math.min(from, floor);
        String text = "policy " + highest.name() + " recommends " + floor + " replicas (evaluated over the window "
                + "ending " + highest.evaluatedAt() + ")" + (allowed == from ? ", so the scale-down is held at "
                + from + " replicas" : ", so the scale-down goes to " + allowed + " instead of " + to);
        return new Held(allowed, highest.name(), floor, text);
    }

    private static boolean fresh(Peer peer, Instant now, Duration fallbackLength) {
        if (peer.evaluatedAt() == null) {
            return false;
        }
        Duration length = peer.windowStart() == null || !peer.windowStart().isBefore(peer.evaluatedAt())
                ? fallbackLength : Duration.between(peer.windowStart(), peer.evaluatedAt());
        Duration age = Duration.between(peer.evaluatedAt(), now);
        return age.compareTo(length.multipliedBy(STALE_INTERVALS)) <= 0;
    }

    /**
     * Another enabled, non-dry-run policy of the target and its latest evaluation.
     *
     * @param evaluatedAt the end of the window it last evaluated; null if none
     * @param windowStart that window's start; null when not known (evaluated before it was kept)
     */
    public record Peer(String name, Integer recommendedReplicas, Instant evaluatedAt, Instant windowStart) {
    }

    /**
     * @param to          where the scale-down may go: the current count when held entirely
     * @param policy      the policy whose recommendation held it
     * @param recommended that policy's recommendation
     * @param text        the account, for the reason
     */
    public record Held(int to, String policy, int recommended, String text) {
    }
}
