package dev.tideflow.configclient;

import dev.tideflow.contracts.ConfigChange;
import dev.tideflow.contracts.ConfigScope;
import dev.tideflow.contracts.ContractCodec;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigApplierTest {

    private static final ConfigScope PROD = new ConfigScope(ConfigScope.Type.ENVIRONMENT, "prod");
    private static final ConfigScope POLICY = new ConfigScope(ConfigScope.Type.SERVICE, "policy-engine");

    private final List<ConfigUpdate> updates = new ArrayList<>();
    private final ConfigApplier applier = new ConfigApplier(() -> new ConfigState("policy-engine", "prod", null),
            updates::add);

    private static ConfigChange set(long revision, int size, ConfigScope scope, String key, String value) {
        return new ConfigChange(1, revision, scope, key, value, false, false, Instant.EPOCH, "test", size);
    }

    private static ConfigChange delete(long revision, int size, ConfigScope scope, String key) {
        return new ConfigChange(1, revision, scope, key, null, true, false, Instant.EPOCH, "test", size);
    }

    private void live(ConfigChange... initial) {
        for (ConfigChange change : initial) {
            applier.offer(change);
        }
        applier.loaded();
        updates.clear();
    }

    @Test
    void aChangeSetIsAppliedOnlyOnceAllItsRecordsAreInWithOneUpdate() {
        live(set(1, 1, ConfigScope.GLOBAL, "scaling.max", "10"));
        assertEquals(ConfigApplier.Result.BUFFERED, applier.offer(set(2, 3, PROD, "scaling.max", "20")));
        assertEquals(ConfigApplier.Result.BUFFERED, applier.offer(set(2, 3, POLICY, "caching.ttl", "30s")));
        assertEquals(Optional.of("10"), applier.effective("scaling.max"), "half a change-set is never visible");
        assertEquals(List.of(), updates);
        assertEquals(ConfigApplier.Result.APPLIED, applier.offer(set(2, 3, ConfigScope.GLOBAL, "x", "1")));

        assertEquals(Optional.of("20"), applier.effective("scaling.max"));
        assertEquals(Optional.of("30s"), applier.effective("caching.ttl"));
        assertEquals(1, updates.size());
        assertEquals(2, updates.get(0).revision());
        assertEquals(3, updates.get(0).changes().size());
        assertEquals(Set.of("scaling.max", "caching.ttl", "x"), updates.get(0).changedKeys());
        assertEquals(2, applier.revision());
    }

    @Test
    void aRecordWithoutChangeSetSizeIsAChangeSetOfOne() {
        live();
        ConfigChange legacy = new ConfigChange(1, 1L, ConfigScope.GLOBAL, "a", "1", false, false, Instant.EPOCH,
                "old-writer");
        assertEquals(ConfigApplier.Result.APPLIED, applier.offer(ContractCodec.encode(legacy)));
        assertEquals(Optional.of("1"), applier.effective("a"));
    }

    @Test
    void duplicatesAreIgnored() {
        live(set(1, 1, ConfigScope.GLOBAL, "a", "1"));
        applier.offer(set(2, 2, ConfigScope.GLOBAL, "a", "2"));
        assertEquals(ConfigApplier.Result.BUFFERED, applier.offer(set(2, 2, ConfigScope.GLOBAL, "a", "2")),
                "a record sent twice counts once towards its change-set");
        applier.offer(set(2, 2, PROD, "b", "2"));
        assertEquals(ConfigApplier.Result.IGNORED, applier.offer(set(1, 1, ConfigScope.GLOBAL, "a", "1")));
        assertEquals(ConfigApplier.Result.IGNORED, applier.offer(set(2, 2, ConfigScope.GLOBAL, "a", "2")));
        assertEquals(Optional.of("2"), applier.effective("a"));
        assertEquals(1, updates.size());
    }

    @Test
    void aSkippedRevisionOrAnIncompleteChangeSetIsAGap() {
        live(set(1, 1, ConfigScope.GLOBAL, "a", "1"));
        assertEquals(ConfigApplier.Result.GAP, applier.offer(set(3, 1, ConfigScope.GLOBAL, "a", "3")));
        assertEquals(Optional.of("1"), applier.effective("a"));

        applier.offer(set(2, 2, ConfigScope.GLOBAL, "a", "2"));
        assertEquals(ConfigApplier.Result.GAP, applier.offer(set(3, 1, ConfigScope.GLOBAL, "b", "3")),
                "revision 2 announced two records and only one came");
        assertEquals(Optional.of("1"), applier.effective("a"));
    }

    @Test
    void aResyncRebuildsTheStateAndReportsOnlyTheKeysThatChanged() {
        live(set(1, 1, ConfigScope.GLOBAL, "a", "1"), set(2, 1, ConfigScope.GLOBAL, "b", "1"),
                set(3, 1, ConfigScope.GLOBAL, "c", "1"));
        List<SettingChange<Integer>> typedChanges = new ArrayList<>();
        applier.register(Setting.ofInt("b", 0)).addListener(typedChanges::add);
        // Revisions 4 and 5 were missed; 6 shows it.
        assertEquals(ConfigApplier.Result.GAP, applier.offer(set(6, 1, ConfigScope.GLOBAL, "d", "6")));

        applier.beginResync();
        // The compacted topic from its beginning: a's old record is gone, b and c were rewritten.
        for (ConfigChange change : List.of(set(3, 1, ConfigScope.GLOBAL, "c", "1"),
                set(4, 2, ConfigScope.GLOBAL, "b", "4"), set(4, 2, PROD, "e", "4"),
                set(5, 1, ConfigScope.GLOBAL, "a", "1"), set(6, 1, ConfigScope.GLOBAL, "d", "6"))) {
            applier.offer(change);
        }
        assertEquals(Optional.of("1"), applier.effective("b"), "reads are served from the old state meanwhile");
        assertEquals(List.of(), updates);
        applier.endResync();

        assertEquals(1, updates.size());
        assertTrue(updates.get(0).resync());
        assertEquals(Set.of("b", "d", "e"), updates.get(0).changedKeys());
        assertEquals(6, applier.revision());
        assertEquals(Optional.of("4"), applier.effective("b"));
        assertEquals(List.of(new SettingChange<>("b", 1, 4, 6)), typedChanges);
        assertEquals(ConfigApplier.Result.APPLIED, applier.offer(set(7, 1, ConfigScope.GLOBAL, "a", "7")));
    }

    @Test
    void whileLoadingCompactedChangeSetsAreAppliedAsFarAsTheySurvive() {
        applier.offer(set(4, 3, ConfigScope.GLOBAL, "a", "4"));
        applier.offer(set(9, 2, ConfigScope.GLOBAL, "b", "9"));
        applier.offer(set(9, 2, ConfigScope.GLOBAL, "c", "9"));
        applier.offer(set(12, 2, ConfigScope.GLOBAL, "d", "12"));
        applier.loaded();
        assertEquals(Optional.of("4"), applier.effective("a"));
        assertEquals(Optional.of("9"), applier.effective("c"));
        assertEquals(Optional.empty(), applier.effective("d"), "the last change-set may still be arriving");
        assertEquals(ConfigApplier.Result.APPLIED, applier.offer(set(12, 2, ConfigScope.GLOBAL, "e", "12")));
        assertEquals(Optional.of("12"), applier.effective("d"));
    }

    @Test
    void anInvalidRecordOrARefusedValueKeepsTheLastGoodValues() {
        live(set(1, 1, ConfigScope.GLOBAL, "scaling.max", "10"));
        LiveSetting<Integer> max = applier.register(Setting.ofInt("scaling.max", 1));
        assertEquals(10, max.get());

        assertEquals(ConfigApplier.Result.REJECTED, applier.offer("{\"v\":1,\"revision\":2,\"key\":\"Bad Key\"}"));
        assertEquals(ConfigApplier.Result.REJECTED, applier.offer("not json"));

        applier.offer(set(2, 2, ConfigScope.GLOBAL, "scaling.min", "2"));
        assertEquals(ConfigApplier.Result.APPLIED, applier.offer(set(2, 2, PROD, "scaling.max", "lots")));
        assertEquals(10, max.get());
        assertEquals(Optional.of("10"), applier.effective("scaling.max"));
        assertEquals(Optional.empty(), applier.effective("scaling.min"), "the change-set is refused as a whole");
        assertEquals(2, applier.revision(), "a refused revision is consumed: no gap, no resync");

        // Another service's bad value is none of this instance's business.
        applier.offer(set(3, 1, new ConfigScope(ConfigScope.Type.SERVICE, "other"), "scaling.max", "lots"));
        assertEquals(ConfigApplier.Result.APPLIED, applier.offer(set(4, 1, PROD, "scaling.max", "30")));
        assertEquals(30, max.get());
    }

    @Test
    void typedListenersSeeOldAndNewValuesAndDeletionFallsBackToTheDefault() {
        live();
        LiveSetting<Boolean> enabled = applier.register(Setting.ofBoolean("autoscaling.enabled", true));
        List<SettingChange<Boolean>> seen = new ArrayList<>();
        enabled.addListener(seen::add);
        applier.offer(set(1, 1, PROD, "autoscaling.enabled", "false"));
        applier.offer(set(2, 1, PROD, "autoscaling.enabled", "false"));
        applier.offer(delete(3, 1, PROD, "autoscaling.enabled"));
        assertEquals(List.of(new SettingChange<>("autoscaling.enabled", true, false, 1),
                new SettingChange<>("autoscaling.enabled", false, true, 3)), seen);
    }

    @Test
    void aRestartOnlySettingKeepsItsStartValue() {
        applier.offer(set(1, 1, ConfigScope.GLOBAL, "pool.size", "8"));
        LiveSetting<Integer> pool = applier.register(Setting.ofInt("pool.size", 4).restartOnly());
        List<SettingChange<Integer>> seen = new ArrayList<>();
        pool.addListener(seen::add);
        applier.loaded();
        assertEquals(8, pool.get(), "the value at the end of the initial load");

        applier.offer(set(2, 1, ConfigScope.GLOBAL, "pool.size", "16"));
        assertEquals(8, pool.get());
        assertEquals(Optional.of(16), pool.pendingRestart());
        assertEquals(List.of(), seen);
        assertEquals(Optional.of("16"), applier.effective("pool.size"), "the raw value is live");
    }

    @Test
    void settingParsers() {
        assertEquals(java.time.Duration.ofMillis(250), Setting.parseDuration("250ms"));
        assertEquals(java.time.Duration.ofSeconds(30), Setting.parseDuration("30s"));
        assertEquals(java.time.Duration.ofMinutes(5), Setting.parseDuration(" 5m"));
        assertEquals(java.time.Duration.ofHours(1), Setting.parseDuration("PT1H"));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Setting.parseDuration("soon"));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Setting.parseBoolean("yes"));
    }

    @Test
    void changeSetSizeTravelsOnTheTopicAndIsOptional() {
        ConfigChange change = set(5, 3, PROD, "a", "1");
        String json = ContractCodec.encode(change);
        assertTrue(json.contains("\"changeSetSize\":3"), json);
        assertTrue(json.contains("\"v\":1"), json);
        assertEquals(change, ContractCodec.decode(json, ConfigChange.class));
        ConfigChange bare = ContractCodec.decode(json.replace(",\"changeSetSize\":3", ""), ConfigChange.class);
        assertEquals(1, bare.recordsInRevision());
        org.junit.jupiter.api.Assertions.assertThrows(dev.tideflow.contracts.ContractViolationException.class,
                () -> ContractCodec.encode(set(5, 0, PROD, "a", "1")));
    }
}
