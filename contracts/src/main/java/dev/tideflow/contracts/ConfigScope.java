package dev.tideflow.contracts;

import java.util.regex.Pattern;

/**
 * Where a setting applies. Precedence, weakest first: global, environment, service, instance.
 *
 * @param name the environment, service or instance name; null for global
 */
public record ConfigScope(Type type, String name) {

    private static final Pattern NAME = Pattern.compile("[a-z0-9]([-a-z0-9.]{0,61}[a-z0-9])?");

    public enum Type {
        GLOBAL, ENVIRONMENT, SERVICE, INSTANCE;

        /** The path segment used in URLs and record keys: {@code global}, {@code environment}, … */
        public String segment() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public static Type fromSegment(String segment) {
            for (Type t : values()) {
                if (t.segment().equals(segment)) {
                    return t;
                }
            }
            throw new ContractViolationException("unknown scope '" + segment
                    + "' (expected global, environment, service or instance)");
        }
    }

    public static final ConfigScope GLOBAL = new ConfigScope(Type.GLOBAL, null);

    /** {@code global}, {@code environment/prod}, {@code service/policy-engine}, … */
    public String path() {
        return type == Type.GLOBAL ? type.segment() : type.segment() + "/" + name;
    }

    public void validate(Violations check) {
        if (!check.required("scope.type", type)) {
            return;
        }
        if (type == Type.GLOBAL) {
            if (name != null) {
                check.add("'scope.name' must be absent for the global scope");
            }
        } else if (name == null || !NAME.matcher(name).matches()) {
            check.add("'scope.name' must be a lower-case DNS-1123 label for scope " + type.segment());
        }
    }
}
