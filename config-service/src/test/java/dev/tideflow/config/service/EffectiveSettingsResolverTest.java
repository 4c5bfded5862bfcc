package dev.tideflow.config.service;

import dev.tideflow.config.domain.ScopedSetting;
import dev.tideflow.contracts.ConfigScope;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SortedMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EffectiveSettingsResolverTest {

    private static final ConfigScope PROD = new ConfigScope(ConfigScope.Type.ENVIRONMENT, "prod");
    private static final ConfigScope STAGING = new ConfigScope(ConfigScope.Type.ENVIRONMENT, "staging");
    private static final ConfigScope POLICY = new ConfigScope(ConfigScope.Type.SERVICE, "policy-engine");
    private static final ConfigScope EXECUTOR = new ConfigScope(ConfigScope.Type.SERVICE, "executor");

    private final EffectiveSettingsResolver resolver = new EffectiveSettingsResolver();

    @Test
    void strongerScopeWinsKeyByKey() {
        List<ScopedSetting> settings = List.of(
                setting(ConfigScope.GLOBAL, "a", "global-a", 1),
                setting(ConfigScope.GLOBAL, "b", "global-b", 2),
                setting(ConfigScope.GLOBAL, "c", "global-c", 3),
                setting(PROD, "a", "prod-a", 4),
                setting(PROD, "b", "prod-b", 5),
                setting(POLICY, "b", "policy-b", 6));

        SortedMap<String, ScopedSetting> effective = resolver.resolve(List.of(ConfigScope.GLOBAL, PROD, POLICY),
                settings);

        assertEquals(List.of(
                Map.entry("a", "prod-a@environment/prod#4"),
                Map.entry("b", "policy-b@service/policy-engine#6"),
                Map.entry("c", "global-c@global#3")), summary(effective));
    }

    @Test
    void precedenceDoesNotDependOnRevisionsOrInputOrder() {
        // The service value was written first: scope decides, not recency.
        List<ScopedSetting> settings = new ArrayList<>(List.of(
                setting(POLICY, "k", "service", 1),
                setting(PROD, "k", "environment", 2),
                setting(ConfigScope.GLOBAL, "k", "global", 3)));
        Random random = new Random(42);
        for (int i = 0; i < 10; i++) {
            Collections.shuffle(settings, random);
            assertEquals("service",
                    resolver.resolve(List.of(ConfigScope.GLOBAL, PROD, POLICY), settings).get("k").value());
        }
    }

    @Test
    void settingsOfOtherServicesAndEnvironmentsAreIgnored() {
        List<ScopedSetting> settings = List.of(
                setting(ConfigScope.GLOBAL, "k", "global", 1),
                setting(STAGING, "k", "staging", 2),
                setting(EXECUTOR, "k", "executor", 3),
                setting(EXECUTOR, "only-executor", "x", 4));

        SortedMap<String, ScopedSetting> effective = resolver.resolve(List.of(ConfigScope.GLOBAL, PROD, POLICY),
                settings);

        assertEquals(List.of(Map.entry("k", "global@global#1")), summary(effective));
    }

    @Test
    void withoutServiceOrEnvironmentOnlyGlobalApplies() {
        List<ScopedSetting> settings = List.of(
                setting(ConfigScope.GLOBAL, "k", "global", 1),
                setting(PROD, "k", "prod", 2));

        assertEquals(List.of(Map.entry("k", "global@global#1")),
                summary(resolver.resolve(List.of(ConfigScope.GLOBAL), settings)));
        assertTrue(resolver.resolve(List.of(ConfigScope.GLOBAL), List.of()).isEmpty());
    }

    @Test
    void twoScopesOfOneTypeAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> resolver.resolve(List.of(PROD, STAGING), List.of()));
        assertTrue(e.getMessage().contains("environment"), e.getMessage());
    }

    private static ScopedSetting setting(ConfigScope scope, String key, String value, long revision) {
        return new ScopedSetting(scope, key, value, revision, Instant.EPOCH, "test");
    }

    private static List<Map.Entry<String, String>> summary(SortedMap<String, ScopedSetting> effective) {
        return effective.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue().value() + "@" + e.getValue().scope().path() + "#"
                        + e.getValue().revision()))
                .toList();
    }
}
