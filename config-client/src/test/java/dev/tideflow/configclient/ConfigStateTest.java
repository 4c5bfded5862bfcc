package dev.tideflow.configclient;

import dev.tideflow.contracts.ConfigChange;
import dev.tideflow.contracts.ConfigScope;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigStateTest {

    private static final ConfigScope PROD = new ConfigScope(ConfigScope.Type.ENVIRONMENT, "prod");
    private static final ConfigScope POLICY = new ConfigScope(ConfigScope.Type.SERVICE, "policy-engine");
    private static final ConfigScope OTHER = new ConfigScope(ConfigScope.Type.SERVICE, "executor-service");

    private final ConfigState state = new ConfigState("policy-engine", "prod", null);

    private static ConfigChange set(long revision, ConfigScope scope, String key, String value) {
        return new ConfigChange(1, revision, scope, key, value, false, false, Instant.EPOCH, "test");
    }

    private static ConfigChange delete(long revision, ConfigScope scope, String key) {
        return new ConfigChange(1, revision, scope, key, null, true, false, Instant.EPOCH, "test");
    }

    @Test
    void theMostSpecificScopeWins() {
        state.apply(set(1, ConfigScope.GLOBAL, "autoscaling.enabled", "true"));
        assertEquals(Optional.of("true"), state.effective("autoscaling.enabled"));
        state.apply(set(2, PROD, "autoscaling.enabled", "false"));
        assertEquals(Optional.of("false"), state.effective("autoscaling.enabled"));
        state.apply(set(3, POLICY, "autoscaling.enabled", "true"));
        assertEquals(Optional.of("true"), state.effective("autoscaling.enabled"));
        state.apply(set(4, ConfigScope.GLOBAL, "autoscaling.enabled", "false"));
        assertEquals(Optional.of("true"), state.effective("autoscaling.enabled"), "service scope still wins");
    }

    @Test
    void otherServicesScopesAreIgnoredButTheirRevisionsCount() {
        assertFalse(state.apply(set(7, OTHER, "autoscaling.enabled", "false")));
        assertEquals(Optional.empty(), state.effective("autoscaling.enabled"));
        assertEquals(7, state.revision());
    }

    @Test
    void aDeletionUncoversTheWeakerScope() {
        state.apply(set(1, ConfigScope.GLOBAL, "k", "global"));
        state.apply(set(2, POLICY, "k", "service"));
        assertTrue(state.apply(delete(3, POLICY, "k")));
        assertEquals(Optional.of("global"), state.effective("k"));
    }

    @Test
    void duplicatesAndOlderRevisionsAreIgnored() {
        assertTrue(state.apply(set(5, ConfigScope.GLOBAL, "k", "new")));
        assertFalse(state.apply(set(5, ConfigScope.GLOBAL, "k", "new")), "a duplicate changes nothing");
        assertFalse(state.apply(set(4, ConfigScope.GLOBAL, "k", "old")), "an older revision is ignored");
        assertEquals(Optional.of("new"), state.effective("k"));
        assertEquals(5, state.revision());
    }

    @Test
    void aSecretNeverResolvesToItsMask() {
        state.apply(set(1, ConfigScope.GLOBAL, "webhook.secret", "plain-old"));
        state.apply(new ConfigChange(1, 2L, ConfigScope.GLOBAL, "webhook.secret", "******", false, true,
                Instant.EPOCH, "test"));
        assertEquals(Optional.empty(), state.effective("webhook.secret"));
    }

    @Test
    void reportsWhetherTheResolvedValueChanged() {
        assertTrue(state.apply(set(1, ConfigScope.GLOBAL, "k", "a")));
        assertFalse(state.apply(set(2, ConfigScope.GLOBAL, "k", "a")), "same value at a new revision");
        state.apply(set(3, POLICY, "k", "b"));
        assertFalse(state.apply(set(4, ConfigScope.GLOBAL, "k", "c")), "hidden by the service scope");
    }
}
