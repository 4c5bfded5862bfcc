package dev.tideflow.policy.service;

import dev.tideflow.configclient.LiveConfig;
import dev.tideflow.policy.config.PolicyEngineConfig;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.Optional;

/**
 * The most replicas any one target may run: the lower of {@code tideflow.policy-engine.global-max-replicas} and
 * the live setting {@code autoscaling.max-total-replicas}, each when set. A budget over the sum of all targets
 * would need every target's count in one place; each engine instance owns only its partitions' targets, so the
 * cap is applied per target.
 */
@ApplicationScoped
public class GlobalReplicaCap {

    public static final String LIVE_KEY = "autoscaling.max-total-replicas";

    private static final Logger LOG = Logger.getLogger(GlobalReplicaCap.class);

    private final PolicyEngineConfig config;
    private final LiveConfig liveConfig;

    public GlobalReplicaCap(PolicyEngineConfig config, LiveConfig liveConfig) {
        this.config = config;
        this.liveConfig = liveConfig;
    }

    /** The cap now; null for none. */
    public Integer current() {
        Integer cap = config.globalMaxReplicas().filter(c -> c >= 1).orElse(null);
        Optional<String> live = liveConfig.get(LIVE_KEY);
        if (live.isPresent()) {
            try {
                int value = Integer.parseInt(live.get().trim());
                if (value >= 1) {
                    cap = cap == null ? value : Math.min(cap, value);
                } else {
                    LOG.warnf("setting %s is %d, not a positive count; ignored", LIVE_KEY, value);
                }
            } catch (NumberFormatException e) {
                LOG.warnf("setting %s is '%s', not a whole number; ignored", LIVE_KEY, live.get());
            }
        }
        return cap;
    }
}
