package dev.tideflow.config.domain;

/**
 * One entry of a change-set as a caller sends it.
 *
 * @param scope  {@code global}, {@code environment/<name>}, {@code service/<name>} or {@code instance/<name>}
 * @param secret store the value encrypted; absent keeps what the setting already is
 * @param delete true to delete the setting (then no value)
 */
public record ChangeSetEntry(String scope, String key, String value, Boolean secret, Boolean delete) {
}
