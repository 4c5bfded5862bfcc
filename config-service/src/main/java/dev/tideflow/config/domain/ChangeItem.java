package dev.tideflow.config.domain;

import dev.tideflow.contracts.ConfigScope;

/**
 * One setting to write in a change-set: a value, or a deletion.
 *
 * @param value  the new value (plain text, also for a secret: it is encrypted on the way in); null for a deletion
 * @param secret true to store encrypted, false to store in clear, null to keep what the setting is
 */
public record ChangeItem(ConfigScope scope, String key, String value, Boolean secret, boolean delete) {

    public static ChangeItem assign(ConfigScope scope, String key, String value, Boolean secret) {
        return new ChangeItem(scope, key, value, secret, false);
    }

    public static ChangeItem deletion(ConfigScope scope, String key) {
        return new ChangeItem(scope, key, null, null, true);
    }

    /** {@code <scope path>/<key>}, as on the topic. */
    public String address() {
        return scope.path() + "/" + key;
    }
}
