package dev.tideflow.config.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.tideflow.config.domain.SettingChange;

import java.time.Instant;

/**
 * One entry of the history.
 *
 * @param value     a secret's value is always masked here, for every role: history is not a way to read secrets
 * @param published the change is on {@code tideflow.config}
 * @param changeSetSize how many settings its revision changed
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChangeView(long revision, String scope, String key, String value, boolean deleted, Instant changedAt,
        String changedBy, boolean published, boolean secret, int changeSetSize) {

    static ChangeView of(SettingChange change) {
        return new ChangeView(change.revision(), change.scope().path(), change.key(), change.visibleValue(),
                change.deleted(), change.changedAt(), change.changedBy(), change.published(), change.secret(),
                change.changeSetSize());
    }
}
