package dev.tideflow.contracts;

import java.time.Instant;
import java.util.regex.Pattern;

/**
 * One setting's new value at a revision, published to the compacted {@code tideflow.config} topic
 * keyed by {@link #recordKey()}, so the topic keeps the latest value of every setting.
 *
 * @param value   the new value as text; null when {@code deleted}
 * @param secret  the value is a secret and is never carried in clear text on the topic
 */
public record ConfigChange(Integer v, Long revision, ConfigScope scope, String key, String value, Boolean deleted,
        Boolean secret, Instant changedAt, String changedBy) implements Contract {

    public static final int MAX_VALUE_LENGTH = 16 * 1024;
    private static final Pattern KEY = Pattern.compile("[a-z0-9][a-z0-9._-]{0,255}");

    public String recordKey() {
        return scope.path() + "/" + key;
    }

    public boolean isDeleted() {
        return Boolean.TRUE.equals(deleted);
    }

    public static void validateKey(String key, Violations check) {
        if (check.required("key", key) && !KEY.matcher(key).matches()) {
            check.add("'key' must be lower case letters, digits and . _ - (at most 256), got '" + key + "'");
        }
    }

    @Override
    public void validate(Violations check) {
        check.version(v);
        if (check.required("revision", revision) && revision < 1) {
            check.add("'revision' must be at least 1");
        }
        if (check.required("scope", scope)) {
            scope.validate(check);
        }
        validateKey(key, check);
        if (!isDeleted()) {
            check.text("value", value, MAX_VALUE_LENGTH, true);
        }
        check.instant("changedAt", changedAt, true);
        check.text("changedBy", changedBy, Violations.MAX_NAME_LENGTH, false);
    }
}
