package dev.tideflow.config.domain;

import dev.tideflow.contracts.ConfigChange;
import dev.tideflow.contracts.ConfigScope;
import dev.tideflow.contracts.Violations;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SettingRulesTest {

    @Test
    void globalScopeHasNoName() {
        Violations check = new Violations();
        assertEquals(ConfigScope.GLOBAL, SettingRules.scope("global", null, check));
        assertTrue(check.isEmpty());

        assertNull(SettingRules.scope("global", "prod", check));
        assertEquals(List.of("'scope.name' must be absent for the global scope"), check.list());
    }

    @Test
    void namedScopesNeedALowerCaseLabel() {
        Violations check = new Violations();
        assertEquals(new ConfigScope(ConfigScope.Type.SERVICE, "policy-engine"),
                SettingRules.scope("service", "policy-engine", check));
        assertEquals(new ConfigScope(ConfigScope.Type.ENVIRONMENT, "prod.eu-1"),
                SettingRules.scope("environment", "prod.eu-1", check));
        assertTrue(check.isEmpty());

        assertNull(SettingRules.scope("service", "Policy_Engine", check));
        assertNull(SettingRules.scope("instance", "-pod", check));
        assertNull(SettingRules.scope("environment", "a".repeat(64), check));
        assertEquals(3, check.list().size());
        assertTrue(check.list().stream().allMatch(v -> v.contains("DNS-1123")), check.list()::toString);
    }

    @Test
    void unknownScopeTypeIsNamed() {
        Violations check = new Violations();
        assertNull(SettingRules.scope("planet", "earth", check));
        assertNull(SettingRules.scope("Service", "x", check));
        assertEquals(List.of(
                "unknown scope 'planet' (expected global, environment, service or instance)",
                "unknown scope 'Service' (expected global, environment, service or instance)"), check.list());
    }

    @Test
    void keysAreLowerCaseDigitsDotsUnderscoresAndDashes() {
        for (String good : new String[] {"a", "scaling.cooldown_seconds", "x-1.y_2", "9lives", "k".repeat(256)}) {
            Violations check = new Violations();
            SettingRules.key(good, check);
            assertEquals(List.of(), check.list(), good);
        }
        for (String bad : new String[] {"Upper", "with space", "-leading", ".leading", "a/b", "", "k".repeat(257)}) {
            Violations check = new Violations();
            SettingRules.key(bad, check);
            assertEquals(1, check.list().size(), bad);
            assertTrue(check.list().get(0).startsWith("'key' must be lower case"), check.list()::toString);
        }
        Violations missing = new Violations();
        SettingRules.key(null, missing);
        assertEquals(List.of("'key' is required"), missing.list());
    }

    @Test
    void valueIsRequiredNotBlankAndBounded() {
        Violations check = new Violations();
        SettingRules.value("0", check);
        SettingRules.value("x".repeat(ConfigChange.MAX_VALUE_LENGTH), check);
        assertTrue(check.isEmpty(), check.list()::toString);

        SettingRules.value(null, check);
        SettingRules.value("  ", check);
        SettingRules.value("x".repeat(ConfigChange.MAX_VALUE_LENGTH + 1), check);
        assertEquals(List.of(
                "'value' is required",
                "'value' must not be blank",
                "'value' is longer than " + ConfigChange.MAX_VALUE_LENGTH + " characters ("
                        + (ConfigChange.MAX_VALUE_LENGTH + 1) + ")"), check.list());
    }

    @Test
    void optionalScopeMayBeAbsentButNotInvalid() {
        Violations check = new Violations();
        assertNull(SettingRules.optionalScope(ConfigScope.Type.SERVICE, null, check));
        assertEquals(new ConfigScope(ConfigScope.Type.SERVICE, "executor"),
                SettingRules.optionalScope(ConfigScope.Type.SERVICE, "executor", check));
        assertTrue(check.isEmpty());

        assertNull(SettingRules.optionalScope(ConfigScope.Type.ENVIRONMENT, "Prod", check));
        assertEquals(List.of("'environment' must be a lower-case DNS-1123 label, got 'Prod'"), check.list());
    }
}
