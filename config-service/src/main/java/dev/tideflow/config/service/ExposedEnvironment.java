package dev.tideflow.config.service;

import java.util.List;
import java.util.function.Function;

/**
 * The environment variables {@code ${env:NAME}} may read: those on an allow list (exact names, or prefixes
 * ending in {@code *}), never the one holding the master key. Anything else reads as unset, so a template
 * cannot turn the effective view into a way to read the service's own credentials.
 */
public final class ExposedEnvironment implements Function<String, String> {

    private final List<String> allow;
    private final String masterKeyVariable;
    private final Function<String, String> environment;

    public ExposedEnvironment(List<String> allow, String masterKeyVariable, Function<String, String> environment) {
        this.allow = List.copyOf(allow);
        this.masterKeyVariable = masterKeyVariable;
        this.environment = environment;
    }

    @Override
    public String apply(String name) {
        return exposed(name) ? environment.apply(name) : null;
    }

    boolean exposed(String name) {
        if (name.equals(masterKeyVariable) || name.startsWith("TIDEFLOW_CONFIG_MASTER_KEY")) {
            return false;
        }
        for (String rule : allow) {
            if (rule.endsWith("*") ? name.startsWith(rule.substring(0, rule.length() - 1)) : name.equals(rule)) {
                return true;
            }
        }
        return false;
    }
}
