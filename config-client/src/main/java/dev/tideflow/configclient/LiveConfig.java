package dev.tideflow.configclient;

import dev.tideflow.contracts.ConfigChange;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * This service's live settings from config-service. Reads what is already published before the
 * service starts serving, then applies each pushed change as it arrives.
 */
@ApplicationScoped
public class LiveConfig {

    private static final Logger LOG = Logger.getLogger(LiveConfig.class);

    private final ConfigClientConfig config;
    private final String bootstrapServers;
    private final String applicationName;
    private final List<Consumer<ConfigChange>> listeners = new CopyOnWriteArrayList<>();
    private ConfigState state;
    private ConfigFollower follower;

    LiveConfig(ConfigClientConfig config,
            @ConfigProperty(name = "kafka.bootstrap.servers", defaultValue = "localhost:9092") String bootstrapServers,
            @ConfigProperty(name = "quarkus.application.name", defaultValue = "tideflow") String applicationName) {
        this.config = config;
        this.bootstrapServers = bootstrapServers;
        this.applicationName = applicationName;
    }

    void start(@Observes StartupEvent event) throws InterruptedException {
        String service = config.service().orElse(applicationName);
        state = new ConfigState(service, config.environment(), config.instance().orElse(null));
        if (!config.enabled()) {
            LOG.info("config client disabled: every live setting reads as its default");
            return;
        }
        follower = new ConfigFollower(bootstrapServers, "tideflow-config-" + service, state, this::fire);
        follower.start();
        if (!follower.awaitLoaded(config.initialLoadTimeout())) {
            LOG.warnf("config not fully loaded within %s; serving with what was read so far and following on",
                    config.initialLoadTimeout());
        }
    }

    void stop(@Observes ShutdownEvent event) {
        if (follower != null) {
            follower.close();
        }
    }

    public Optional<String> get(String key) {
        if (state == null) {
            return Optional.empty();
        }
        synchronized (state) {
            return state.effective(key);
        }
    }

    public boolean getBoolean(String key, boolean defaultValue) {
        Optional<String> value = get(key);
        if (value.isEmpty()) {
            return defaultValue;
        }
        String text = value.get().trim();
        if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(text);
        }
        LOG.warnf("setting %s is '%s', not true or false; using %s", key, text, defaultValue);
        return defaultValue;
    }

    /** The highest config revision this instance has read. */
    public long revision() {
        if (state == null) {
            return 0;
        }
        synchronized (state) {
            return state.revision();
        }
    }

    /** Called, on the follower's thread, for every change that alters a value this instance resolves. */
    public void addListener(Consumer<ConfigChange> listener) {
        listeners.add(listener);
    }

    private void fire(ConfigChange change) {
        LOG.infof("config %s applied at revision %d", change.recordKey(), change.revision());
        for (Consumer<ConfigChange> listener : listeners) {
            listener.accept(change);
        }
    }
}
