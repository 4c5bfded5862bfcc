package dev.tideflow.config.domain;

import dev.tideflow.contracts.ConfigChange;
import dev.tideflow.contracts.ConfigScope;
import dev.tideflow.contracts.ContractViolationException;
import dev.tideflow.contracts.Violations;

/**
 * What a setting's address and value must look like. The rules are the topic contract's own
 * ({@link ConfigScope#validate}, {@link ConfigChange#validateKey}, {@link ConfigChange#MAX_VALUE_LENGTH}), so
 * nothing the API accepts can later be refused by the relay. Every method adds to {@code check} instead of
 * throwing, so that one answer lists every violation of a request.
 */
public final class SettingRules {

    private SettingRules() {
    }

    /** The scope named by a URL's type segment and name (null for the global path); null when invalid. */
    public static ConfigScope scope(String type, String name, Violations check) {
        ConfigScope.Type scopeType;
        try {
            scopeType = ConfigScope.Type.fromSegment(type);
        } catch (ContractViolationException e) {
            e.violations().forEach(check::add);
            return null;
        }
        ConfigScope scope = new ConfigScope(scopeType, name);
        Violations found = new Violations();
        scope.validate(found);
        found.list().forEach(check::add);
        return found.isEmpty() ? scope : null;
    }

    /** The scope of a query parameter that may be omitted: null when absent or invalid. */
    public static ConfigScope optionalScope(ConfigScope.Type type, String name, Violations check) {
        if (name == null) {
            return null;
        }
        if (!isValidName(type, name)) {
            check.add("'" + type.segment() + "' must be a lower-case DNS-1123 label, got '" + clip(name) + "'");
            return null;
        }
        return new ConfigScope(type, name);
    }

    public static void key(String key, Violations check) {
        ConfigChange.validateKey(key, check);
    }

    public static void value(String value, Violations check) {
        check.text("value", value, ConfigChange.MAX_VALUE_LENGTH, true);
    }

    private static boolean isValidName(ConfigScope.Type type, String name) {
        Violations found = new Violations();
        new ConfigScope(type, name).validate(found);
        return found.isEmpty();
    }

    private static String clip(String value) {
        return value.length() <= 64 ? value : value.substring(0, 64) + "…";
    }
}
