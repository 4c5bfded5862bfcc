package dev.tideflow.configclient;

import dev.tideflow.contracts.ConfigChange;
import dev.tideflow.contracts.ConfigScope;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

class LiveSecretsTest {

    private static final ConfigScope EXECUTOR = new ConfigScope(ConfigScope.Type.SERVICE, "executor-service");
    private static final String KEY = "executor.notifications.signing-secret";

    /** What config-service would answer, by scope path and key. */
    private final Map<String, String> stored = new ConcurrentHashMap<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private final List<String> fetched = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService fetcher = Executors.newSingleThreadScheduledExecutor();

    private final ConfigApplier applier = new ConfigApplier(
            () -> new ConfigState("executor-service", "prod", null), update -> secrets().refreshAll());
    private LiveSecrets secrets;

    private LiveSecrets secrets() {
        if (secrets == null) {
            secrets = new LiveSecrets(applier::winner, (scope, key) -> {
                fetched.add(scope.path() + "/" + key);
                if (failuresLeft.getAndDecrement() > 0) {
                    throw new SecretFetchException("config-service answered HTTP 503", true);
                }
                return Optional.ofNullable(stored.get(scope.path() + "/" + key));
            }, fetcher, Duration.ofMillis(1), 3);
        }
        return secrets;
    }

    @AfterEach
    void stop() {
        fetcher.shutdownNow();
    }

    private static ConfigChange secret(long revision, ConfigScope scope, String key) {
        return new ConfigChange(1, revision, scope, key, "******", false, true, Instant.EPOCH, "test", 1);
    }

    private LiveSetting<String> register() {
        LiveSetting<String> live = applier.register(Setting.ofString(KEY, "").asSecret());
        secrets().add(live);
        return live;
    }

    @Test
    void aSecretIsFetchedWhenItsRecordChangesAndListenersSeeIt() {
        applier.loaded();
        LiveSetting<String> live = register();
        List<SettingChange<String>> changes = new CopyOnWriteArrayList<>();
        live.addListener(changes::add);
        assertEquals("", live.get(), "no secret yet: the default");

        stored.put("service/executor-service/" + KEY, "first");
        applier.offer(secret(1, EXECUTOR, KEY));
        await().atMost(Duration.ofSeconds(10)).until(() -> "first".equals(live.get()));

        stored.put("service/executor-service/" + KEY, "second");
        applier.offer(secret(2, EXECUTOR, KEY));
        await().atMost(Duration.ofSeconds(10)).until(() -> "second".equals(live.get()));
        assertEquals(List.of("", "first"), changes.stream().map(SettingChange::oldValue).toList());
        assertEquals(2, changes.get(1).revision());
    }

    @Test
    void aMaskedRecordOfAnotherScopeIsNotFetchedAndADeletionRestoresTheDefault() {
        applier.loaded();
        stored.put("service/executor-service/" + KEY, "mine");
        applier.offer(secret(1, EXECUTOR, KEY));
        LiveSetting<String> live = register();
        await().atMost(Duration.ofSeconds(10)).until(() -> "mine".equals(live.get()));

        applier.offer(secret(2, new ConfigScope(ConfigScope.Type.SERVICE, "policy-engine"), KEY));
        applier.offer(new ConfigChange(1, 3L, EXECUTOR, KEY, null, true, true, Instant.EPOCH, "test", 1));
        await().atMost(Duration.ofSeconds(10)).until(() -> "".equals(live.get()));
        assertEquals(List.of("service/executor-service/" + KEY), fetched, "one read, of this service's record");
    }

    @Test
    void aFailedReadIsRetriedAndTheLastGoodValueStaysWhenRetriesRunOut() {
        applier.loaded();
        LiveSetting<String> live = register();
        stored.put("service/executor-service/" + KEY, "good");
        failuresLeft.set(2);
        applier.offer(secret(1, EXECUTOR, KEY));
        await().atMost(Duration.ofSeconds(10)).until(() -> "good".equals(live.get()));
        assertEquals(3, fetched.size(), "two failures, then the read that worked");

        stored.put("service/executor-service/" + KEY, "unreachable");
        failuresLeft.set(3);
        applier.offer(secret(2, EXECUTOR, KEY));
        await().atMost(Duration.ofSeconds(10)).until(() -> fetched.size() == 6);
        assertEquals("good", live.get(), "the last good value stays");
        stored.put("service/executor-service/" + KEY, "later");
        applier.offer(secret(3, EXECUTOR, KEY));
        await().atMost(Duration.ofSeconds(10)).until(() -> "later".equals(live.get()));
        assertEquals(7, fetched.size(), "three attempts gave up; the next change was read again");
    }
}
