package dev.tideflow.contracts;

import java.time.Instant;
import java.util.regex.Pattern;

/**
 * One setting's new value at a revision, published to the compacted {@code tideflow.config} topic
 * keyed by {@link #recordKey()}, so the topic keeps the latest value of every setting.
 *
 * @param value   the new value as text; null when {@code deleted}
 * @param secret  the value is a secret and is never carried in clear text on the topic
 * @param changeSetSize how many records carry this revision (one per setting of its change-set), published
 *                consecutively; absent means 1. A client applies a revision once all its records are in, so a
 *                change-set is never seen half applied. Optional, so version 1 readers and writers still agree.
 */
public record ConfigChange(Integer v, Long revision, ConfigScope scope, String key, String value, Boolean deleted,
        Boolean secret, Instant changedAt, String changedBy, Integer changeSetSize) implements Contract {

    public static final int MAX_VALUE_LENGTH = 16 * 1024;
    private static final Pattern KEY = Pattern.compile("[a-z0-9][a-z0-9._-]{0,255}");

    /** A change alone in its revision (a change-set of one). */
    public ConfigChange(Integer v, Long revision, ConfigScope scope, String key, String value, Boolean deleted,
            Boolean secret, Instant changedAt, String changedBy) {
        this(v, revision, scope, key, value, deleted, secret, changedAt, changedBy, null);
    }

    public String recordKey() {
        return scope.path() + "/" + key;
    }

    public boolean isDeleted() {
        return Boolean.TRUE.equals(deleted);
    }

    /** How many records make up this revision: {@link #changeSetSize}, or 1 when absent. */
    public int recordsInRevision() {
        return changeSetSize == null ? 1 : changeSetSize;
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
        if (changeSetSize != null && changeSetSize < 1) {
            check.add("'changeSetSize' must be at least 1, got " + changeSetSize);
        }
    }
}
