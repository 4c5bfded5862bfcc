package dev.tideflow.executor.config;

import dev.tideflow.configclient.LiveConfig;
import dev.tideflow.configclient.LiveSetting;
import dev.tideflow.configclient.Setting;
import dev.tideflow.executor.driver.DryRunDriver;
import dev.tideflow.executor.driver.ProcessDriver;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The executor's live settings from config-service, each defaulting to its {@code tideflow.executor.*} value.
 * All are hot-reloaded: each is read where it is used, at the moment it is used. The rest of
 * {@link ExecutorConfig} (state directory, observe interval, queue sizes) is read once at start.
 */
@ApplicationScoped
public class ExecutorSettings {

    public static final String WEBHOOK_URL = "executor.notifications.webhook-url";
    public static final String SIGNING_SECRET = "executor.notifications.signing-secret";
    public static final String DEFAULT_DRIVER = "executor.default-driver";
    public static final String PROCESS_STOP_GRACE = "executor.driver.process.stop-grace";
    public static final String PROCESS_MAX_REPLICAS = "executor.driver.process.max-replicas";

    /** The drivers a setting may name. */
    static final List<String> DRIVERS = List.of(DryRunDriver.NAME, ProcessDriver.NAME);

    private final LiveSetting<String> webhookUrl;
    private final LiveSetting<String> signingSecret;
    private final LiveSetting<String> defaultDriver;
    private final LiveSetting<Duration> processStopGrace;
    private final LiveSetting<Integer> processMaxReplicas;

    public ExecutorSettings(LiveConfig live, ExecutorConfig config) {
        this.webhookUrl = live.register(Setting.of(WEBHOOK_URL, ExecutorSettings::webhookUrl, ""));
        this.signingSecret = live.register(Setting.ofString(SIGNING_SECRET, "").asSecret());
        this.defaultDriver = live.register(Setting.of(DEFAULT_DRIVER, ExecutorSettings::driver,
                driver(config.defaultDriver())));
        this.processStopGrace = live.register(Setting.of(PROCESS_STOP_GRACE, ExecutorSettings::stopGrace,
                config.process().stopGrace()));
        this.processMaxReplicas = live.register(Setting.of(PROCESS_MAX_REPLICAS, ExecutorSettings::maxReplicas,
                config.process().maxReplicas()));
    }

    /** Where scaling outcomes are posted; blank when notifications are off. */
    public String webhookUrl() {
        return webhookUrl.get();
    }

    /** The HMAC key of the notifications; blank until config-service has provided it. */
    public String signingSecret() {
        return signingSecret.get();
    }

    public String defaultDriver() {
        return defaultDriver.get();
    }

    public Duration processStopGrace() {
        return processStopGrace.get();
    }

    public int processMaxReplicas() {
        return processMaxReplicas.get();
    }

    static String webhookUrl(String text) {
        String url = text.strip();
        if (url.isEmpty()) {
            return url;
        }
        URI uri = URI.create(url);
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw new IllegalArgumentException("'" + url + "' is not an absolute http(s) URL");
        }
        return url;
    }

    static String driver(String text) {
        String name = text.strip();
        if (!DRIVERS.contains(name)) {
            throw new IllegalArgumentException("unknown driver '" + name + "'; known: " + DRIVERS);
        }
        return name;
    }

    static Duration stopGrace(String text) {
        Duration grace = Setting.parseDuration(text);
        if (grace.isNegative()) {
            throw new IllegalArgumentException("stop grace must not be negative, got " + text);
        }
        return grace;
    }

    static Integer maxReplicas(String text) {
        int max = Integer.parseInt(text.strip());
        if (max < 0) {
            throw new IllegalArgumentException("max replicas must not be negative, got " + text);
        }
        return max;
    }
}
