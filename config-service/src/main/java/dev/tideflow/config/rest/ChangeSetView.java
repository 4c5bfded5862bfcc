package dev.tideflow.config.rest;

import dev.tideflow.config.domain.ChangeSetResult;

import java.util.List;

/** What a change-set committed: the one revision of all its changes (secrets masked, as for a single write). */
public record ChangeSetView(long revision, List<ChangeResultView> changes) {

    static ChangeSetView of(ChangeSetResult result) {
        return new ChangeSetView(result.revision(), result.changes().stream().map(ChangeResultView::of).toList());
    }
}
