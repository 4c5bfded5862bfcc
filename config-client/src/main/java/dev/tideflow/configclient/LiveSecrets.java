package dev.tideflow.configclient;

import dev.tideflow.contracts.ConfigChange;
import dev.tideflow.contracts.ConfigScope;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Keeps the secret settings of this instance current. The topic only says that a secret changed (its record
 * carries the mask and the revision), so when the record that decides a secret setting changes, its value is
 * fetched from config-service off the follower's thread, retried with exponential backoff, and applied only if
 * that record still decides the setting by then. Until the first fetch succeeds the setting reads as its default;
 * after a failure it keeps its last good value.
 */
final class LiveSecrets {

    private static final Logger LOG = Logger.getLogger(LiveSecrets.class);

    private final Function<String, Optional<ConfigChange>> winners;
    private final SecretSource source;
    private final ScheduledExecutorService fetcher;
    private final Duration firstRetry;
    private final int maxAttempts;
    private final Map<String, Entry> byKey = new ConcurrentHashMap<>();

    /**
     * @param winners     the record that decides a key now (see {@link ConfigApplier#winner})
     * @param fetcher     runs fetches and their retries; one thread keeps them in order
     * @param firstRetry  the wait before the second attempt, doubled for each later one
     * @param maxAttempts attempts per change before giving up until the next change
     */
    LiveSecrets(Function<String, Optional<ConfigChange>> winners, SecretSource source,
            ScheduledExecutorService fetcher, Duration firstRetry, int maxAttempts) {
        this.winners = winners;
        this.source = source;
        this.fetcher = fetcher;
        this.firstRetry = firstRetry;
        this.maxAttempts = maxAttempts;
    }

    void add(LiveSetting<?> live) {
        byKey.computeIfAbsent(live.key(), key -> new Entry()).settings.add(live);
        refresh(live.key(), true);
    }

    /** After every applied revision or resync: fetches what changed. */
    void refreshAll() {
        byKey.keySet().forEach(key -> refresh(key, false));
    }

    private void refresh(String key, boolean added) {
        Entry entry = byKey.get(key);
        Optional<ConfigChange> winner = winners.apply(key);
        synchronized (entry) {
            String decidedBy = winner.map(LiveSecrets::identity).orElse("");
            if (decidedBy.equals(entry.decidedBy) && !added) {
                return;
            }
            entry.decidedBy = decidedBy;
            if (winner.isEmpty() || !Boolean.TRUE.equals(winner.get().secret())) {
                // Absent (the default applies), or stored in clear after all: nothing to fetch.
                entry.apply(winner.map(ConfigChange::value), winner.map(ConfigChange::revision).orElse(0L));
                return;
            }
        }
        ConfigChange record = winner.get();
        fetcher.execute(() -> attempt(entry, record, 1));
    }

    private void attempt(Entry entry, ConfigChange record, int attempt) {
        if (!identity(record).equals(entry.decidedBy)) {
            return;
        }
        Optional<String> value;
        try {
            value = source.fetch(record.scope(), record.key());
        } catch (SecretFetchException e) {
            if (e.retryable() && attempt < maxAttempts) {
                long delay = firstRetry.toMillis() << (attempt - 1);
                LOG.warnf("secret %s/%s not read (attempt %d of %d): %s; retrying in %d ms", record.scope().path(),
                        record.key(), attempt, maxAttempts, e.getMessage(), delay);
                fetcher.schedule(() -> attempt(entry, record, attempt + 1), delay, TimeUnit.MILLISECONDS);
            } else {
                LOG.errorf("secret %s/%s at revision %d not read: %s; keeping its last value",
                        record.scope().path(), record.key(), record.revision(), e.getMessage());
            }
            return;
        } catch (RuntimeException e) {
            LOG.errorf(e, "secret %s/%s not read; keeping its last value", record.scope().path(), record.key());
            return;
        }
        synchronized (entry) {
            // A newer record may have taken over while this one was being read: its own fetch applies it.
            if (identity(record).equals(entry.decidedBy)) {
                entry.apply(value, record.revision());
            }
        }
    }

    private static String identity(ConfigChange record) {
        return record.recordKey() + "@" + record.revision();
    }

    /** The settings registered for one key and which record decided their value last. */
    private static final class Entry {

        final List<LiveSetting<?>> settings = new CopyOnWriteArrayList<>();
        volatile String decidedBy;

        void apply(Optional<String> value, long revision) {
            settings.forEach(live -> live.update(value, revision));
        }
    }
}
