package dev.tideflow.config.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.tideflow.config.domain.SettingChange;

/**
 * The answer to a write: the revision it committed at ({@code value} is absent for a deletion, masked for a
 * secret: the caller sent it and needs no echo).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChangeResultView(String scope, String key, String value, long revision, boolean deleted,
        boolean secret) {

    static ChangeResultView of(SettingChange change) {
        return new ChangeResultView(change.scope().path(), change.key(), change.visibleValue(),
                change.revision(), change.deleted(), change.secret());
    }
}
