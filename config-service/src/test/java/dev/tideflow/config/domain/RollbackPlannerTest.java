package dev.tideflow.config.domain;

import dev.tideflow.contracts.ConfigScope;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class RollbackPlannerTest {

    private static final ConfigScope PROD = new ConfigScope(ConfigScope.Type.ENVIRONMENT, "prod");

    private static Setting setting(String key, String value, long revision) {
        return new Setting(PROD, key, StoredValue.plain(value), revision, Instant.EPOCH, "t");
    }

    private static Setting secret(String key, long revision) {
        return new Setting(PROD, key, StoredValue.secret("tfenc:v1:1:x", 1, "hmac-sha256:x"), revision,
                Instant.EPOCH, "t");
    }

    private static SettingChange assigned(String key, String value, long revision) {
        return SettingChange.assignment(revision, PROD, key, StoredValue.plain(value), Instant.EPOCH, "t");
    }

    @Test
    void settingsGoBackToTheirValueThenAndThoseCreatedSinceAreDeleted() {
        List<SettingChange> then = List.of(
                assigned("same", "1", 1),
                assigned("changed", "1", 2),
                assigned("restored-equal", "x", 3),
                SettingChange.deletion(4, PROD, "deleted-then", false, Instant.EPOCH, "t"),
                assigned("deleted-since", "d", 5),
                SettingChange.assignment(6, PROD, "pw", StoredValue.secret("tfenc:v1:1:y", 1, "h"),
                        Instant.EPOCH, "t"));
        List<Setting> now = List.of(
                setting("same", "1", 1),
                setting("changed", "2", 9),
                setting("restored-equal", "x", 10),
                setting("deleted-then", "back", 11),
                setting("created-since", "n", 12),
                secret("pw", 13));

        List<RollbackPlanner.Step> steps = RollbackPlanner.plan(then, now);

        assertEquals(List.of("environment/prod/changed", "environment/prod/created-since",
                        "environment/prod/deleted-since", "environment/prod/deleted-then", "environment/prod/pw"),
                steps.stream().map(RollbackPlanner.Step::address).toList());
        assertEquals("1", steps.get(0).restore().storedValue());
        assertNull(steps.get(1).restore(), "created since: deleted");
        assertNull(steps.get(2).current(), "deleted since: restored");
        assertEquals("d", steps.get(2).restore().storedValue());
        assertNull(steps.get(3).restore(), "did not exist then: deleted");
        assertEquals(6, steps.get(4).restore().revision(), "a secret rewritten since is restored");
    }
}
