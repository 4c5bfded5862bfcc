package dev.tideflow.configclient;

import dev.tideflow.contracts.ConfigChange;
import dev.tideflow.log.Level;
import dev.tideflow.log.ScalingLogger;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;

/**
 * This service's live settings from config-service. Reads what is already published before the service starts
 * serving, then applies each pushed revision as a whole (see {@link ConfigApplier}: change-sets all or nothing,
 * missed records repaired by a resync, invalid values refused).
 */
@ApplicationScoped
public class LiveConfig {

    private static final Logger LOG = Logger.getLogger(LiveConfig.class);

    private final ConfigClientConfig config;
    private final String bootstrapServers;
    private final String applicationName;
    private final List<Consumer<ConfigChange>> listeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<ConfigUpdate>> updateListeners = new CopyOnWriteArrayList<>();
    private final ConfigApplier applier;
    private final ScalingLogger events;
    private final ScheduledExecutorService secretFetcher;
    private final LiveSecrets secrets;
    private ConfigFollower follower;

    LiveConfig(ConfigClientConfig config,
            @ConfigProperty(name = "kafka.bootstrap.servers", defaultValue = "localhost:9092") String bootstrapServers,
            @ConfigProperty(name = "quarkus.application.name", defaultValue = "tideflow") String applicationName,
            Instance<ScalingLogger> events) {
        this.config = config;
        // Services with the logging extension get a structured record per applied revision; others the plain log.
        this.events = events.isResolvable() ? events.get() : null;
        this.bootstrapServers = bootstrapServers;
        this.applicationName = applicationName;
        String service = config.service().orElse(applicationName);
        // Built here, not at start-up, so that settings can be registered by beans created before the load.
        this.applier = new ConfigApplier(() -> new ConfigState(service, config.environment(),
                config.instance().orElse(null)), this::fire);
        this.secretFetcher = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "tideflow-config-secrets");
            thread.setDaemon(true);
            return thread;
        });
        SecretSource source = config.url()
                .<SecretSource>map(url -> new ConfigServiceSecrets(url, config::token, config.secretTimeout()))
                .orElse((scope, key) -> {
                    throw new SecretFetchException("no config-service URL (tideflow.config-client.url)", false);
                });
        this.secrets = new LiveSecrets(applier::winner, source, secretFetcher, Duration.ofMillis(250), 6);
    }

    void start(@Observes StartupEvent event) throws InterruptedException {
        String service = config.service().orElse(applicationName);
        if (!config.enabled()) {
            LOG.info("config client disabled: every live setting reads as its default");
            applier.loaded();
            return;
        }
        follower = new ConfigFollower(bootstrapServers, "tideflow-config-" + service, applier);
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
        secretFetcher.shutdownNow();
    }

    public Optional<String> get(String key) {
        return applier.effective(key);
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

    /**
     * A typed setting: parsed, validated (a pushed value its parser refuses is not applied, the last good value
     * stays), with typed change listeners. A restart-only setting keeps the value it had when the initial load
     * finished (or when it was registered, if later); a change is logged as taking effect after restart. A
     * {@link Setting#asSecret()} setting is read in clear from config-service ({@code tideflow.config-client.url})
     * with this service's token ({@code tideflow.config-client.token}) whenever its record changes.
     */
    public <T> LiveSetting<T> register(Setting<T> setting) {
        LiveSetting<T> live = applier.register(setting);
        if (setting.secret()) {
            secrets.add(live);
        }
        return live;
    }

    /** The highest config revision this instance has applied. */
    public long revision() {
        return applier.revision();
    }

    /**
     * Called, on the follower's thread, for every record of an applied revision that alters a value this instance
     * resolves (after the whole revision is applied). A resync carries no records: use
     * {@link #addUpdateListener} or typed settings to see its changes.
     */
    public void addListener(Consumer<ConfigChange> listener) {
        listeners.add(listener);
    }

    /** Called, on the follower's thread, once per applied revision (a whole change-set) and after a resync. */
    public void addUpdateListener(Consumer<ConfigUpdate> listener) {
        updateListeners.add(listener);
    }

    private void fire(ConfigUpdate update) {
        // A secret's change leaves its masked value unchanged: whether to fetch is decided by its record.
        secrets.refreshAll();
        if (update.changedKeys().isEmpty()) {
            return;
        }
        if (events != null) {
            events.at(Level.INFO, "config.applied").num("revision", update.revision())
                    .bool("resync", update.resync()).str("keys", String.join(",", update.changedKeys()))
                    .log("config applied");
        } else {
            LOG.infof("config revision %d applied%s: %s", update.revision(), update.resync() ? " by resync" : "",
                    update.changedKeys());
        }
        for (Consumer<ConfigUpdate> listener : updateListeners) {
            notify(listener, update, update.revision());
        }
        for (ConfigChange change : update.changes()) {
            if (update.changedKeys().contains(change.key())) {
                for (Consumer<ConfigChange> listener : listeners) {
                    notify(listener, change, update.revision());
                }
            }
        }
    }

    // One failing listener must neither stop the others nor the follower.
    private static <T> void notify(Consumer<T> listener, T event, long revision) {
        try {
            listener.accept(event);
        } catch (RuntimeException e) {
            LOG.error("config listener failed at revision " + revision, e);
        }
    }
}
