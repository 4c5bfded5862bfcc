package dev.tideflow.config.domain;

import dev.tideflow.contracts.ConfigScope;

/** How a {@link ConfigScope} is stored: the type's path segment, and the name with '' for the global scope. */
public final class ScopeColumns {

    private ScopeColumns() {
    }

    public static String type(ConfigScope scope) {
        return scope.type().segment();
    }

    public static String name(ConfigScope scope) {
        return scope.name() == null ? "" : scope.name();
    }

    public static ConfigScope scope(String type, String name) {
        ConfigScope.Type scopeType = ConfigScope.Type.fromSegment(type);
        return scopeType == ConfigScope.Type.GLOBAL ? ConfigScope.GLOBAL : new ConfigScope(scopeType, name);
    }
}
